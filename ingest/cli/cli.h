#pragma once
// The `ingest` program's command line (contract: docs/operations.md), parsed with CLI11.
// Parsing is separate from running so that the parser can be tested alone.
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/common.h>

namespace ingest::cli {

// queue --since: a calendar day, or an instant.
struct Since {
  std::string day;      // YYYY-MM-DD, or empty when `instant` is given
  std::string instant;  // ISO 8601 UTC ("2026-04-10T11:00:00Z"), or empty
};

struct CommandLine {
  // "once", "run", "status", "queue", ...; "help" and "version" print and exit; empty: the
  // program's help.
  std::string command;
  std::string help;  // for "help": the text to print (the program's, or one command's)
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> database;
  std::optional<std::filesystem::path> corpus;
  bool new_corpus = false;            // export: the folder may be made or hold no corpus yet
  std::optional<std::string> url;
  std::optional<std::string> note;
  std::optional<std::string> user;    // approve, reject: who decides, instead of the OS user
  std::optional<std::string> outlet;  // queue: one outlet's items
  std::optional<Since> since;         // queue: items fetched (or, sorted by publication, published) since
  bool all = false;                   // queue: stored (unflagged) items too
  std::optional<std::string> state;   // queue: flagged, approved, ..., all
  std::optional<std::string> sort;    // queue: fetched or published
  std::optional<std::string> role;    // user add: reviewer or admin
  bool password_stdin = false;        // user add, user passwd: the password is stdin's first line
  std::optional<std::string> listen;  // serve: HOST:PORT
  bool json = false;
  // --log-level or -v (debug); the default is info.
  std::optional<spdlog::level::level_enum> log_level;
  std::vector<std::string> arguments;  // positional, after the command
};

struct UsageError {
  std::string message;
  std::string command;  // the command it was about, for "see 'ingest CMD --help'"; may be empty
};

// The program's options (--config, --db, --log-level, -v) may come anywhere; a command's own
// options after the command, before or after its arguments; `--opt=value` and `--opt value`
// alike.
std::expected<CommandLine, UsageError> parse_command_line(const std::vector<std::string>& args);
// --since's value: YYYY-MM-DD, or an ISO 8601 date and time (with an offset, else UTC).
std::expected<Since, UsageError> parse_since(std::string_view text);

// Runs a parsed command; returns the process exit status (0 ok, 1 failure, 2 bad usage or
// bad config, 3 for --once when no source answered). Output goes to stdout, diagnostics to
// stderr.
int run_command(const CommandLine& command);

// The program's help: every command with a line on what it does.
std::string help_text();
// "ingest 0.1.0 (topic rules cuba-russia 3, schema 5)".
std::string version_text();

}  // namespace ingest::cli
