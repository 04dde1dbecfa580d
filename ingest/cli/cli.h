#pragma once
// The `ingest` program's command line (contract: docs/operations.md). Parsing is separate
// from running so the parser can be tested alone.
#include <expected>
#include <filesystem>
#include <optional>
#include <string>

#include <spdlog/common.h>
#include <string_view>
#include <vector>

namespace ingest::cli {

// queue --since: a calendar day, or an instant.
struct Since {
  std::string day;      // YYYY-MM-DD, or empty when `instant` is given
  std::string instant;  // ISO 8601 UTC ("2026-04-10T11:00:00Z"), or empty
};

struct CommandLine {
  std::string command;  // "once", "run", "status", "queue", ... ; empty: print help
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> database;
  std::optional<std::filesystem::path> corpus;
  std::optional<std::string> url;
  std::optional<std::string> note;
  std::optional<std::string> user;    // approve, reject: who decides, instead of the OS user
  std::optional<std::string> outlet;  // queue: one outlet's items
  std::optional<Since> since;         // queue: items dated from then on
  bool all = false;                   // queue: stored (unflagged) items too
  bool json = false;
  // --log-level or -v (debug); the default is info.
  std::optional<spdlog::level::level_enum> log_level;
  std::vector<std::string> arguments;  // positional, after the command
};

struct UsageError {
  std::string message;
};

// Options may come before or after the command and its arguments. --outlet, --since and
// --all belong to queue, --user to approve and reject: elsewhere they are usage errors.
std::expected<CommandLine, UsageError> parse_command_line(const std::vector<std::string>& args);
// --since's value: YYYY-MM-DD, or an ISO 8601 date and time (with an offset, else UTC).
std::expected<Since, UsageError> parse_since(std::string_view text);

// Runs a parsed command; returns the process exit status (0 ok, 1 failure, 2 bad usage or
// bad config). Output goes to stdout, diagnostics to stderr.
int run_command(const CommandLine& command);

std::string help_text();

}  // namespace ingest::cli
