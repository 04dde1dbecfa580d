#include "ingest/command_support.h"

#include <zlib.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "store/store.h"

namespace ingest {
namespace fs = std::filesystem;

fs::path config_path(const CommandLine& cli) { return cli.config.value_or(fs::path{"config/feeds.toml"}); }

std::expected<Config, CommandFailure> load_config_for(const CommandLine& cli) {
  fs::path file = config_path(cli);
  std::error_code ec;
  if (!fs::exists(file, ec))
    return std::unexpected(CommandFailure{kExitUsage, file.string() + ": config file not found"});
  auto config = load_config(file);
  if (!config) return std::unexpected(CommandFailure{kExitUsage, config.error().message});
  return std::move(*config);
}

std::expected<std::optional<Config>, CommandFailure> optional_config(const CommandLine& cli) {
  std::error_code ec;
  if (!cli.config && !fs::exists(config_path(cli), ec)) return std::optional<Config>{};
  auto config = load_config_for(cli);
  if (!config) return std::unexpected(config.error());
  return std::optional<Config>{std::move(*config)};
}

std::expected<fs::path, CommandFailure> database_path(const CommandLine& cli) {
  if (cli.database) return *cli.database;
  auto config = optional_config(cli);
  if (!config) return std::unexpected(config.error());
  if (*config && !(*config)->database.empty()) return (*config)->database;
  return fs::path{"var/ingest.db"};
}

std::expected<store::Database, CommandFailure> open_database(const CommandLine& cli) {
  auto path = database_path(cli);
  if (!path) return std::unexpected(path.error());
  auto db = store::open_store(*path);
  if (!db) return std::unexpected(CommandFailure{kExitFailure, db.error().message});
  return std::move(*db);
}

std::expected<flag::Rules, CommandFailure> rules_for(const std::optional<Config>& config) {
  if (config && config->rules) {
    auto rules = flag::load_rules(*config->rules);
    if (!rules) return std::unexpected(CommandFailure{kExitUsage, rules.error().message});
    return *rules;
  }
  return flag::default_rules();
}

std::expected<std::string, std::string> read_input_file(const fs::path& file) {
  std::ifstream in{file, std::ios::binary};
  if (!in) return std::unexpected(file.string() + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string bytes = buffer.str();
  if (file.extension() != ".gz") return bytes;
  // Decompress with a window that accepts gzip headers (15 + 16).
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return std::unexpected(file.string() + ": zlib init failed");
  std::unique_ptr<z_stream, decltype(&inflateEnd)> guard{&stream, inflateEnd};
  stream.next_in = reinterpret_cast<Bytef*>(bytes.data());
  stream.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char chunk[65536];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) return std::unexpected(file.string() + ": not valid gzip");
    out.append(chunk, sizeof chunk - stream.avail_out);
    if (out.size() > (256u << 20)) return std::unexpected(file.string() + ": decompresses to more than 256 MiB");
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) return std::unexpected(file.string() + ": truncated gzip");
  }
  return out;
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    // C1 controls (U+0080..U+009F) are encoded as C2 80..C2 9F.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      out += "\xEF\xBF\xBD";
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

int report(const CommandFailure& failure) {
  std::cerr << "ingest: " << failure.message << "\n";
  return failure.status;
}

}  // namespace ingest
