#include "ingest/command_support.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "ingest/gzip.h"
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
  // Compressed copies (fundus-dev's pages, a saved sitemap.xml.gz) are read as what they hold.
  if (!is_gzip(bytes)) return bytes;
  auto decoded = gunzip(bytes, 256u << 20);
  if (!decoded) return std::unexpected(file.string() + ": " + decoded.error());
  return std::move(*decoded);
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
