// ingest/gzip.cpp: gzip files read as what they hold, with a cap on the decoded size.
#include "ingest/sources/gzip.h"

#include <gtest/gtest.h>

#include <zlib.h>

#include <string>

#include "ingest/sources/feed.h"

namespace {

// `text` as a gzip file, made with zlib here so the test needs no fixture binary.
std::string gzip_of(const std::string& text) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&stream, static_cast<uLong>(text.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

TEST(Gunzip, ReadsWhatTheFileHolds) {
  auto decoded = ingest::sources::gunzip(gzip_of("hello, sitemap"), 1024);
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(*decoded, "hello, sitemap");
}

TEST(Gunzip, ReadsConcatenatedMembersAsOneFile) {
  auto decoded = ingest::sources::gunzip(gzip_of("first ") + gzip_of("second"), 1024);
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(*decoded, "first second");
}

TEST(Gunzip, StopsAtTheCapOnTheDecodedBytes) {
  std::string bomb = gzip_of(std::string(10'000'000, '\0'));  // 10 MB of zeros in about 10 KB
  auto decoded = ingest::sources::gunzip(bomb, 1'000'000);
  ASSERT_FALSE(decoded);
  EXPECT_NE(decoded.error().find("more than 1000000 bytes"), std::string::npos) << decoded.error();
}

TEST(Gunzip, SaysWhenTheFileIsTruncatedOrCorrupt) {
  std::string whole = gzip_of(std::string(50'000, 'x') + "end");
  auto truncated = ingest::sources::gunzip(whole.substr(0, whole.size() / 2), 1 << 20);
  ASSERT_FALSE(truncated);
  EXPECT_NE(truncated.error().find("truncated"), std::string::npos) << truncated.error();
  std::string corrupt = whole;
  corrupt[12] = static_cast<char>(corrupt[12] ^ 0x55);
  corrupt[13] = static_cast<char>(corrupt[13] ^ 0x55);
  EXPECT_FALSE(ingest::sources::gunzip(corrupt, 1 << 20));
}

TEST(ParseFeedGzip, ReadsASitemapXmlGz) {
  auto parsed = ingest::sources::parse_feed(
      gzip_of("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
              "<url><loc>https://n.example/a</loc><lastmod>2026-04-10</lastmod></url></urlset>"),
      "https://n.example/sitemap.xml.gz");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->format, "sitemap");
  ASSERT_EQ(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].link, "https://n.example/a");
}

}  // namespace
