#pragma once
// What the commands share: finding the config, the database and the rules the way the
// contract says, reading input files, and printing safely.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "flag/rules.h"
#include "ingest/cli/cli.h"
#include "ingest/pipeline/config.h"
#include "ingest/cli/terminal.h"  // terminal_safe, for every command that prints stored text
#include "store/database.h"
#include "store/store.h"

namespace ingest::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct CommandFailure {
  int status;
  std::string message;
};

// --config, else config/feeds.toml.
std::filesystem::path config_path(const CommandLine& cli);
// Loads the config; a missing or invalid config is a usage failure (exit 2).
std::expected<pipeline::Config, CommandFailure> load_config_for(const CommandLine& cli);
// The config when --config names one or config/feeds.toml exists; nullopt otherwise, so
// that commands which need no outlets (review, export, flag) work without a config.
std::expected<std::optional<pipeline::Config>, CommandFailure> optional_config(const CommandLine& cli);
// --db, else the config's store.database, else var/ingest.db. The config is read only when
// --db is absent, and only if it exists: review commands work without one.
std::expected<std::filesystem::path, CommandFailure> database_path(const CommandLine& cli);
// Opens the store at database_path(cli) with `access` (only the commands that fill a store
// create one; readers open it read-only) and the busy_timeout of the config that
// database_path read (none when --db is given). A missing store is a failure naming the path
// and where it came from; so is another program's SQLite file, which is left as it was.
std::expected<store::Database, CommandFailure> open_database(const CommandLine& cli, store::Access access);
std::expected<store::Database, CommandFailure> open_database(const CommandLine& cli, store::StoreOptions options);
// The config's topic rules, else the built-in Cuba-Russia rules.
std::expected<flag::Rules, CommandFailure> rules_for(const std::optional<pipeline::Config>& config);

// A file's bytes; a gzip file (by its magic number) is read as what it holds. A folder or a
// socket is refused; a pipe (/dev/stdin) is read. Errors name the file.
std::expected<std::string, std::string> read_input_file(const std::filesystem::path& file);
// As read_input_file, for input that must be text: empty (or blank) files, binary data (a NUL
// byte) and bytes that are not UTF-8 are refused, naming the file and what is wrong.
std::expected<std::string, std::string> read_text_file(const std::filesystem::path& file);
// An item id as typed: a positive decimal number, nothing else.
std::optional<std::int64_t> parse_item_id(std::string_view text);
// The one item id a command takes (show, history); a usage failure naming the command or the
// text otherwise.
std::expected<std::int64_t, CommandFailure> single_item_id(const CommandLine& cli);
// The one item a command is about (show, history): its id read as single_item_id does, the
// database opened, and `find` (store::find_item, store::item_history) run; the store's error,
// or "no item N", as a failure.
template <typename T>
std::expected<T, CommandFailure> look_up_item(const CommandLine& cli,
                                              std::expected<std::optional<T>, store::Error> (*find)(store::Database&,
                                                                                                    std::int64_t)) {
  auto id = single_item_id(cli);
  if (!id) return std::unexpected(id.error());
  auto db = open_database(cli, store::Access::read_only);
  if (!db) return std::unexpected(db.error());
  auto found = find(*db, *id);
  if (!found) return std::unexpected(CommandFailure{kExitFailure, found.error().message});
  if (!*found) return std::unexpected(CommandFailure{kExitFailure, "no item " + std::to_string(*id)});
  return std::move(**found);
}
// Who is making a review decision: --user when given; else the user who ran sudo, when run
// through it (SUDO_USER); else the login of the effective user id; else "uid N".
std::string deciding_user(const CommandLine& cli);
// The same choice from the facts, for tests: `sudo_user` is SUDO_USER's value (nullptr when
// unset), `login` the account name of `uid` if it has one.
std::string choose_deciding_user(const std::optional<std::string>& given, const char* sudo_user,
                                 const std::optional<std::string>& login, unsigned long uid);
// A usage failure of the command (exit 2), its message followed by where its usage is.
CommandFailure usage_failure(const CommandLine& cli, std::string message);
// Prints "ingest: <message>" to stderr and returns the status.
int report(const CommandFailure& failure);

}  // namespace ingest::cli
