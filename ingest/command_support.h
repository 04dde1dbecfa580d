#pragma once
// What the commands share: finding the config, the database and the rules the way the
// contract says, reading input files, and printing safely.
#include <expected>
#include <filesystem>
#include <optional>
#include <string>

#include "flag/rules.h"
#include "ingest/cli.h"
#include "ingest/config.h"
#include "store/database.h"

namespace ingest {

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
std::expected<Config, CommandFailure> load_config_for(const CommandLine& cli);
// The config when --config names one or config/feeds.toml exists; nullopt otherwise, so
// that commands which need no outlets (review, export, flag) work without a config.
std::expected<std::optional<Config>, CommandFailure> optional_config(const CommandLine& cli);
// --db, else the config's store.database, else var/ingest.db. The config is read only when
// --db is absent, and only if it exists: review commands work without one.
std::expected<std::filesystem::path, CommandFailure> database_path(const CommandLine& cli);
std::expected<store::Database, CommandFailure> open_database(const CommandLine& cli);
// The config's topic rules, else the built-in Cuba-Russia rules.
std::expected<flag::Rules, CommandFailure> rules_for(const std::optional<Config>& config);

// A file's bytes; a gzip file (by its magic number) is read as what it holds.
std::expected<std::string, std::string> read_input_file(const std::filesystem::path& file);
// Text made safe for a terminal: C0/C1 control characters (terminal escapes) replaced.
std::string terminal_safe(std::string_view text);
// Prints "ingest: <message>" to stderr and returns the status.
int report(const CommandFailure& failure);

}  // namespace ingest
