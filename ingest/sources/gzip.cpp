#include "ingest/sources/gzip.h"

#include <zlib.h>

#include <climits>
#include <memory>

namespace ingest::sources {
namespace {

struct InflateEnd {
  void operator()(z_stream* stream) const { inflateEnd(stream); }
};

}  // namespace

bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::expected<std::string, std::string> gunzip(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() > UINT_MAX) return std::unexpected("gzip file too large");
  z_stream stream{};
  // 16 + MAX_WBITS: a gzip header and trailer, not a raw or zlib stream.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return std::unexpected("gzip: cannot start inflating");
  std::unique_ptr<z_stream, InflateEnd> owned{&stream};
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buffer[64 * 1024];
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    int rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
      return std::unexpected(std::string{"gzip: corrupt data"} + (stream.msg ? std::string{": "} + stream.msg : ""));
    std::size_t produced = sizeof buffer - stream.avail_out;
    if (out.size() + produced > max_bytes)
      return std::unexpected("gzip: decodes to more than " + std::to_string(max_bytes) + " bytes");
    out.append(buffer, produced);
    if (rc == Z_STREAM_END) {
      // Concatenated members are one file (gzip -c a b > c); anything else after the end is ignored.
      if (stream.avail_in == 0 || !is_gzip({reinterpret_cast<const char*>(stream.next_in), stream.avail_in}))
        return out;
      if (inflateReset(&stream) != Z_OK) return std::unexpected("gzip: cannot read the next member");
      continue;
    }
    if (rc == Z_BUF_ERROR && produced == 0) {
      if (stream.avail_in == 0) return std::unexpected("gzip: truncated");
      return std::unexpected("gzip: corrupt data");
    }
  }
}

}  // namespace ingest::sources
