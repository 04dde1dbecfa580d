#include "ingest/cli.h"

#include <iostream>
#include <set>

#include "ingest/commands.h"

namespace ingest {

std::string help_text() {
  return R"(ingest: watch news outlets, keep new articles in the corpus format, flag the ones
about Cuba-Russia agreements for review.

usage:
  ingest --once [--config F] [--db F]   one pass over every outlet, then exit
  ingest run    [--config F] [--db F]   the daemon (foreground; systemd Type=notify)
  ingest status [--json]                sources and item counts
  ingest queue  [--json]                flagged items awaiting review, newest first
  ingest show ID [--json]               one item: seed text, evidence, duplicate links
  ingest approve ID... [--note TEXT]    approve items for the corpus
  ingest reject ID... [--note TEXT]     reject items
  ingest export [--corpus DIR]          write approved items to the corpus
  ingest import-corpus DIR              register existing corpus files
  ingest extract [--url URL] [--json] FILE...   page -> seed text
  ingest parse-feed [--url URL] FILE    feed or sitemap -> one JSON object per entry
  ingest discover URL [--json]          the feeds a page advertises, its sitemaps
  ingest flag [--json] FILE...          text or seed file -> verdict
  ingest reflag [--config F] [--db F]   judge stored, unreviewed items again with the current rules
  ingest check-config [--config F]

--config defaults to config/feeds.toml; --db to the config's store.database, else
var/ingest.db. -v prints debug logging. Exit status: 0 ok, 1 failure, 2 bad usage or config.
)";
}

std::expected<CommandLine, UsageError> parse_command_line(const std::vector<std::string>& args) {
  static const std::set<std::string> kCommands = {
      "run", "status", "queue", "show", "approve", "reject", "export", "import-corpus",
      "extract", "parse-feed", "discover", "flag", "reflag", "check-config", "help"};
  CommandLine cli;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](const char* name) -> std::expected<std::string, UsageError> {
      if (i + 1 >= args.size()) return std::unexpected(UsageError{std::string{name} + " needs a value"});
      return args[++i];
    };
    if (arg == "--once") {
      if (!cli.command.empty() && cli.command != "once")
        return std::unexpected(UsageError{"--once cannot be combined with " + cli.command});
      cli.command = "once";
    } else if (arg == "--config" || arg == "--db" || arg == "--corpus" || arg == "--url" || arg == "--note") {
      auto v = value(arg.c_str());
      if (!v) return std::unexpected(v.error());
      if (arg == "--config") cli.config = *v;
      else if (arg == "--db") cli.database = *v;
      else if (arg == "--corpus") cli.corpus = *v;
      else if (arg == "--url") cli.url = *v;
      else cli.note = *v;
    } else if (arg == "--json") {
      cli.json = true;
    } else if (arg == "-v" || arg == "--verbose") {
      cli.verbose = true;
    } else if (arg == "-h" || arg == "--help") {
      cli.command = "help";
    } else if (arg.starts_with("-") && arg != "-") {
      return std::unexpected(UsageError{"unknown option " + arg});
    } else if (cli.command == "once") {
      return std::unexpected(UsageError{"--once takes no arguments (got " + arg + ")"});
    } else if (cli.command.empty()) {
      if (!kCommands.contains(arg)) return std::unexpected(UsageError{"unknown command " + arg});
      cli.command = arg;
    } else {
      cli.arguments.push_back(arg);
    }
  }
  return cli;
}

int run_command(const CommandLine& cli) {
  if (cli.command.empty() || cli.command == "help") {
    std::cout << help_text();
    return 0;
  }
  if (cli.command == "once") return command_once(cli);
  if (cli.command == "run") return command_run(cli);
  if (cli.command == "status") return command_status(cli);
  if (cli.command == "queue") return command_queue(cli);
  if (cli.command == "show") return command_show(cli);
  if (cli.command == "approve" || cli.command == "reject") return command_decide(cli);
  if (cli.command == "export") return command_export(cli);
  if (cli.command == "import-corpus") return command_import_corpus(cli);
  if (cli.command == "extract") return command_extract(cli);
  if (cli.command == "parse-feed") return command_parse_feed(cli);
  if (cli.command == "discover") return command_discover(cli);
  if (cli.command == "flag") return command_flag(cli);
  if (cli.command == "reflag") return command_reflag(cli);
  if (cli.command == "check-config") return command_check_config(cli);
  std::cerr << "ingest: unknown command " << cli.command << "\n";
  return 2;
}

}  // namespace ingest
