#include "ingest/cli/cli.h"

#include "ingest/log/log.h"

#include <iostream>
#include <set>

#include "ingest/cli/commands.h"
#include "normalize/timestamp.h"

namespace ingest::cli {

std::string help_text() {
  return R"(ingest: watch news outlets, keep new articles in the corpus format, flag the ones
about Cuba-Russia agreements for review.

usage:
  ingest --once [--config F] [--db F]   one pass over every outlet, then exit
  ingest run    [--config F] [--db F]   the daemon (foreground; systemd Type=notify)
  ingest status [--json]                sources and item counts
  ingest queue  [--json]                flagged items awaiting review, newest first
         [--outlet NAME] [--since DATE] [--all]   one outlet's; dated from DATE (YYYY-MM-DD
                                        or ISO 8601) on; --all: unflagged stored items too
  ingest show ID [--json]               one item: seed text, evidence, duplicate links
  ingest history ID [--json]            one item's trail: fetched, flagged, revised, decided, exported
  ingest approve ID... [--note TEXT]    approve items for the corpus
  ingest reject ID... [--note TEXT]     reject items (approve and reject: --user NAME records
                                        NAME as who decided, instead of the login; --json)
  ingest export [--corpus DIR]          write approved items to the corpus
  ingest import-corpus DIR              register existing corpus files
  ingest extract [--url URL] [--json] FILE...   page -> seed text
  ingest parse-feed [--url URL] FILE    feed or sitemap -> one JSON object per entry
  ingest discover URL [--json]          the feeds a page advertises, its sitemaps
  ingest flag [--json] FILE...          text or seed file -> verdict
  ingest reflag [--config F] [--db F]   judge stored, unreviewed items again with the current rules
  ingest check-config [--config F]

--config defaults to config/feeds.toml; --db to the config's store.database, else
var/ingest.db. --log-level LEVEL (trace, debug, info, warning, error, off; -v is debug)
sets how much is logged to stderr. Exit status: 0 ok, 1 failure, 2 bad usage or config.
)";
}

std::expected<CommandLine, UsageError> parse_command_line(const std::vector<std::string>& args) {
  static const std::set<std::string> kCommands = {
      "run", "status", "queue", "show", "history", "approve", "reject", "export", "import-corpus",
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
    } else if (arg == "--config" || arg == "--db" || arg == "--corpus" || arg == "--url" || arg == "--note" ||
               arg == "--user" || arg == "--outlet" || arg == "--since" || arg == "--log-level") {
      auto v = value(arg.c_str());
      if (!v) return std::unexpected(v.error());
      if (arg == "--config") cli.config = *v;
      else if (arg == "--db") cli.database = *v;
      else if (arg == "--corpus") cli.corpus = *v;
      else if (arg == "--url") cli.url = *v;
      else if (arg == "--note") cli.note = *v;
      else if (arg == "--user") cli.user = *v;
      else if (arg == "--outlet") cli.outlet = *v;
      else if (arg == "--log-level") {
        auto level = log::log_level_named(*v);
        if (!level) return std::unexpected(UsageError{"--log-level: expected trace, debug, info, warning, error or off, not " + *v});
        cli.log_level = *level;
      } else {
        auto since = parse_since(*v);
        if (!since) return std::unexpected(since.error());
        cli.since = std::move(*since);
      }
    } else if (arg == "--all") {
      cli.all = true;
    } else if (arg == "--json") {
      cli.json = true;
    } else if (arg == "-v" || arg == "--verbose") {
      cli.log_level = spdlog::level::debug;
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
  // Options that only some commands read: elsewhere they would be silently ignored, and a
  // reviewer who typed `ingest show 3 --outlet TASS` would trust a filter that did nothing.
  auto only_for = [&](bool given, const char* option, std::initializer_list<std::string_view> commands)
      -> std::optional<UsageError> {
    if (!given || cli.command.empty() || cli.command == "help") return std::nullopt;
    for (auto command : commands)
      if (cli.command == command) return std::nullopt;
    return UsageError{std::string{option} + " does not apply to " + cli.command};
  };
  for (auto error : {only_for(cli.outlet.has_value(), "--outlet", {"queue"}),
                     only_for(cli.since.has_value(), "--since", {"queue"}),
                     only_for(cli.all, "--all", {"queue"}),
                     only_for(cli.user.has_value(), "--user", {"approve", "reject"})})
    if (error) return std::unexpected(*error);
  if (cli.user && cli.user->empty()) return std::unexpected(UsageError{"--user needs a name"});
  return cli;
}

std::expected<Since, UsageError> parse_since(std::string_view text) {
  auto invalid = [&] {
    return std::unexpected(UsageError{"--since " + std::string{text} +
                                      ": expected YYYY-MM-DD or an ISO 8601 date and time"});
  };
  auto parsed = normalize::parse_iso8601(text);
  if (!parsed) return invalid();
  // A day alone is kept as written: the queue compares it with the day each item was
  // published in its own offset, the day the listing shows. Years and months alone are too
  // vague to be what was meant.
  if (!parsed->has_time) {
    if (text.size() != 10) return invalid();
    return Since{std::string{text}, {}};
  }
  return Since{{}, normalize::format_iso8601_utc(*parsed)};
}

int run_command(const CommandLine& cli) {
  if (cli.command.empty() || cli.command == "help") {
    std::cout << help_text();
    return 0;
  }
  if (cli.log_level) log::set_log_level(*cli.log_level);
  if (cli.command == "once") return command_once(cli);
  if (cli.command == "run") return command_run(cli);
  if (cli.command == "status") return command_status(cli);
  if (cli.command == "queue") return command_queue(cli);
  if (cli.command == "show") return command_show(cli);
  if (cli.command == "history") return command_history(cli);
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

}  // namespace ingest::cli
