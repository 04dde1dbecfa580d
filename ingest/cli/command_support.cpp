#include "ingest/cli/command_support.h"

#include <pwd.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "ingest/sources/gzip.h"
#include "normalize/text.h"
#include "store/store.h"

namespace ingest::cli {
namespace fs = std::filesystem;

fs::path config_path(const CommandLine& cli) { return cli.config.value_or(fs::path{"config/feeds.toml"}); }

std::expected<pipeline::Config, CommandFailure> load_config_for(const CommandLine& cli) {
  fs::path file = config_path(cli);
  std::error_code ec;
  if (!fs::exists(file, ec))
    return std::unexpected(CommandFailure{kExitUsage, file.string() + ": config file not found"});
  auto config = pipeline::load_config(file);
  if (!config) return std::unexpected(CommandFailure{kExitUsage, config.error().message});
  return std::move(*config);
}

std::expected<std::optional<pipeline::Config>, CommandFailure> optional_config(const CommandLine& cli) {
  std::error_code ec;
  if (!cli.config && !fs::exists(config_path(cli), ec)) return std::optional<pipeline::Config>{};
  auto config = load_config_for(cli);
  if (!config) return std::unexpected(config.error());
  return std::optional<pipeline::Config>{std::move(*config)};
}

std::expected<fs::path, CommandFailure> database_path(const CommandLine& cli) {
  if (cli.database) return *cli.database;
  auto config = optional_config(cli);
  if (!config) return std::unexpected(config.error());
  if (*config && !(*config)->database.empty()) return (*config)->database;
  return fs::path{"var/ingest.db"};
}

std::expected<store::Database, CommandFailure> open_database(const CommandLine& cli, store::StoreOptions options) {
  auto path = database_path(cli);
  if (!path) return std::unexpected(path.error());
  auto db = store::open_store(*path, options);
  if (!db && db.error().code == store::Error::Code::no_database)
    return std::unexpected(CommandFailure{kExitFailure, db.error().message + " (check --db or the config's store.database)"});
  if (!db) return std::unexpected(CommandFailure{kExitFailure, db.error().message});
  return std::move(*db);
}

std::expected<store::Database, CommandFailure> open_database(const CommandLine& cli, store::Access access) {
  store::StoreOptions options;
  options.access = access;
  if (!cli.database)
    if (auto config = optional_config(cli); config && *config) options.busy_timeout = (*config)->busy_timeout;
  return open_database(cli, options);
}

std::expected<flag::Rules, CommandFailure> rules_for(const std::optional<pipeline::Config>& config) {
  if (config && config->rules) {
    auto rules = flag::load_rules(*config->rules);
    if (!rules) return std::unexpected(CommandFailure{kExitUsage, rules.error().message});
    return *rules;
  }
  return flag::default_rules();
}

std::expected<std::string, std::string> read_input_file(const fs::path& file) {
  std::error_code ec;
  auto status = fs::status(file, ec);
  // A folder opens as a stream that reads nothing; a pipe or /dev/stdin is fine.
  if (!ec && fs::is_directory(status)) return std::unexpected(file.string() + ": is a folder, not a file");
  if (!ec && fs::is_socket(status)) return std::unexpected(file.string() + ": is a socket, not a file");
  std::ifstream in{file, std::ios::binary};
  if (!in) return std::unexpected(file.string() + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string bytes = buffer.str();
  // Compressed copies (fundus-dev's pages, a saved sitemap.xml.gz) are read as what they hold.
  if (!sources::is_gzip(bytes)) return bytes;
  auto decoded = sources::gunzip(bytes, 256u << 20);
  if (!decoded) return std::unexpected(file.string() + ": " + decoded.error());
  return std::move(*decoded);
}

std::expected<std::string, std::string> read_text_file(const fs::path& file) {
  auto bytes = read_input_file(file);
  if (!bytes) return bytes;
  if (normalize::trim(*bytes).empty()) return std::unexpected(file.string() + ": empty, no text to judge");
  if (bytes->find('\0') != std::string::npos)
    return std::unexpected(file.string() + ": binary data (a NUL byte), not text");
  if (auto bad = normalize::first_invalid_utf8(*bytes); bad != std::string::npos)
    return std::unexpected(file.string() + ": not UTF-8 text (an invalid byte at offset " + std::to_string(bad) + ")");
  return bytes;
}

std::optional<std::int64_t> parse_item_id(std::string_view text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::expected<std::int64_t, CommandFailure> single_item_id(const CommandLine& cli) {
  if (cli.arguments.size() != 1) return std::unexpected(CommandFailure{kExitUsage, cli.command + " takes one item id"});
  auto id = parse_item_id(cli.arguments.front());
  if (!id) return std::unexpected(usage_failure(cli, "not an item id: " + cli.arguments.front()));
  return *id;
}

std::string choose_deciding_user(const std::optional<std::string>& given, const char* sudo_user,
                                 const std::optional<std::string>& login, unsigned long uid) {
  if (given) return *given;
  // Under sudo the effective user is root or a service account; the record should name the
  // person who typed the command.
  if (sudo_user && *sudo_user) return sudo_user;
  if (login && !login->empty()) return *login;
  return "uid " + std::to_string(uid);
}

std::string deciding_user(const CommandLine& cli) {
  uid_t uid = ::geteuid();
  std::optional<std::string> login;
  // getpwuid_r, not getpwuid: nothing here may share static storage with another caller.
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found && found->pw_name)
    login = found->pw_name;
  return choose_deciding_user(cli.user, std::getenv("SUDO_USER"), login, uid);
}

CommandFailure usage_failure(const CommandLine& cli, std::string message) {
  return CommandFailure{kExitUsage, std::move(message) + "\nsee 'ingest " + cli.command + " --help'"};
}

int report(const CommandFailure& failure) {
  // Messages quote stored text (outlet names, titles, notes): escaped like everything else shown.
  std::cerr << "ingest: " << terminal_safe(failure.message) << "\n";
  return failure.status;
}

}  // namespace ingest::cli
