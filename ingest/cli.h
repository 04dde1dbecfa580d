#pragma once
// The `ingest` program's command line (contract: docs/operations.md). Parsing is separate
// from running so the parser can be tested alone.
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ingest {

struct CommandLine {
  std::string command;  // "once", "run", "status", "queue", ... ; empty: print help
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> database;
  std::optional<std::filesystem::path> corpus;
  std::optional<std::string> url;
  std::optional<std::string> note;
  bool json = false;
  bool verbose = false;
  std::vector<std::string> arguments;  // positional, after the command
};

struct UsageError {
  std::string message;
};

std::expected<CommandLine, UsageError> parse_command_line(const std::vector<std::string>& args);

// Runs a parsed command; returns the process exit status (0 ok, 1 failure, 2 bad usage or
// bad config). Output goes to stdout, diagnostics to stderr.
int run_command(const CommandLine& command);

std::string help_text();

}  // namespace ingest
