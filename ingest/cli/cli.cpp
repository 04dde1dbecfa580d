#include "ingest/cli/cli.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <memory>

#include "flag/rules.h"
#include "ingest/cli/commands.h"
#include "ingest/log/log.h"
#include "normalize/timestamp.h"
#include "store/migrations.h"

namespace ingest::cli {
namespace {

constexpr const char* kVersion = "0.1.0";

CommandLine help_for(std::string text) {
  CommandLine cli;
  cli.command = "help";
  cli.help = std::move(text);
  return cli;
}

// One command of the program: its name, what it does, an example, and which of the shared
// options it takes.
struct CommandSpec {
  const char* name;
  const char* summary;
  const char* arguments;  // the positional arguments' name ("ID" one, "ID..." one or more), or nullptr
  const char* example;
  bool json;              // --json
};

constexpr CommandSpec kCommands[] = {
    {"run", "the daemon: passes as sources come due (foreground; systemd Type=notify)", nullptr,
     "ingest run --config /etc/ingest/feeds.toml", false},
    {"status", "sources (last success, last error, next check) and item counts by state", nullptr,
     "ingest status --json", true},
    {"queue", "items by state, newest fetched first (default: flagged, awaiting a decision)", nullptr,
     "ingest queue --state approved --since 2026-04-01", true},
    {"show", "one item: seed text, flag evidence with terms and weights, duplicate links", "ID",
     "ingest show 12", true},
    {"history", "one item's trail: fetched, flagged, revised, decided, exported", "ID", "ingest history 12", true},
    {"approve", "approve items for the corpus", "ID...", "ingest approve 12 13 --note \"on topic\"", true},
    {"reject", "reject items", "ID...", "ingest reject 14 --note \"not an agreement\"", true},
    {"export", "write approved items to the corpus folder, print the files written", nullptr,
     "ingest export --corpus corpus", true},
    {"import-corpus", "register the files of an existing corpus for dedup and numbering", "DIR",
     "ingest import-corpus corpus", true},
    {"extract", "page -> seed text (--json: one object per line)", "FILE...", "ingest extract --json page.html", true},
    {"parse-feed", "feed or sitemap -> one JSON object per entry per line", "FILE",
     "ingest parse-feed --url https://a.example/rss feed.xml", false},
    {"discover", "the feeds and sitemaps a site offers", "URL", "ingest discover https://www.cubadebate.cu/", true},
    {"flag", "text or seed file -> verdict (--json: one object per line)", "FILE...", "ingest flag article.txt", true},
    {"reflag", "judge stored, undecided items again with the current rules", nullptr, "ingest reflag", true},
    {"check-config", "validate the config and its topic rules", nullptr, "ingest check-config --config feeds.toml",
     true},
    {"serve", "the review console in a browser (default http://127.0.0.1:8080/)", nullptr,
     "ingest serve --listen 127.0.0.1:8080", false},
    {"user", "review accounts: add NAME --role reviewer|admin --password-stdin, list, passwd NAME --password-stdin, "
             "remove NAME", "ACTION...", "printf '%s\\n' \"$PASSWORD\" | ingest user add ana --role reviewer --password-stdin",
     true},
};

const CommandSpec* command_named(std::string_view name) {
  for (const auto& spec : kCommands)
    if (name == spec.name) return &spec;
  return nullptr;
}

// The values CLI11 fills; turned into a CommandLine once it has parsed.
struct Values {
  std::string config, database, corpus, url, note, user, outlet, since, log_level, state, sort, role, listen;
  bool once = false, version = false, verbose = false, json = false, all = false, new_corpus = false,
       password_stdin = false;
  std::vector<std::string> arguments;
};

// The program with every option and command. The program's own options are added to each
// command too, so that they are accepted after it and listed in its --help.
std::unique_ptr<CLI::App> make_app(Values& v) {
  auto app = std::make_unique<CLI::App>(
      "watch news outlets, keep new articles in the corpus format, flag the ones about Cuba-Russia "
      "agreements for review",
      "ingest");
  app->set_help_flag("-h,--help", "print this help, or a command's");
  auto program_options = [&v](CLI::App& on) {
    on.add_option("--config", v.config, "the config file (default config/feeds.toml)")->option_text("FILE");
    on.add_option("--db", v.database, "the database (default: the config's store.database, else var/ingest.db)")
        ->option_text("FILE");
    on.add_option("--log-level", v.log_level, "trace, debug, info, warning, error or off (default info)")
        ->option_text("LEVEL");
    on.add_flag("-v,--verbose", v.verbose, "log at debug level");
  };
  program_options(*app);
  app->add_flag("--once", v.once, "one pass over every outlet, then exit (exit 3 when no source answered)");
  app->add_flag("--version", v.version, "print the version, the topic rules' version and the schema version");
  app->require_subcommand(0, 1);
  for (const auto& spec : kCommands) {
    CLI::App* sub = app->add_subcommand(spec.name, spec.summary);
    sub->set_help_flag("-h,--help", "print this help");
    sub->fallthrough();  // --once and --version after the command reach the program
    sub->footer(std::string{"example: "} + spec.example);
    program_options(*sub);
    if (spec.json) sub->add_flag("--json", v.json, "print JSON (docs/operations.md, \"JSON output\")");
    if (spec.arguments) {
      // "ID...": one or more; "ID": exactly one. CLI11 says which is missing or extra.
      bool several = std::string_view{spec.arguments}.ends_with("...");
      std::string name{spec.arguments};
      if (several) name.resize(name.size() - 3);
      auto* positional = sub->add_option(name, v.arguments, "")->required()->option_text(" ");
      if (several) positional->expected(1, CLI::detail::expected_max_vector_size);
      else positional->expected(1);
    }
    std::string_view name = spec.name;
    if (name == "queue") {
      sub->add_option("--state", v.state, "flagged (the default), approved, rejected, exported, duplicate, failed, "
                                          "stored or all")
          ->check(CLI::IsMember({"flagged", "approved", "rejected", "exported", "duplicate", "failed", "stored", "all"}));
      sub->add_option("--sort", v.sort, "fetched (the default: newest arrival first) or published")
          ->check(CLI::IsMember({"fetched", "published"}));
      sub->add_option("--outlet", v.outlet, "one outlet's items")->option_text("NAME");
      sub->add_option("--since", v.since, "fetched (with --sort published: published) on or after DATE, "
                                          "YYYY-MM-DD or ISO 8601")
          ->option_text("DATE");
      sub->add_flag("--all", v.all, "flagged and unflagged stored items: all that can still be approved");
    } else if (name == "approve" || name == "reject") {
      sub->add_option("--note", v.note, "why, kept with the decision")->option_text("TEXT");
      sub->add_option("--user", v.user, "who decides (default: the login, or the user behind sudo)")
          ->option_text("NAME");
    } else if (name == "export") {
      sub->add_option("--corpus", v.corpus, "the corpus folder (default: the config's store.corpus)")
          ->option_text("DIR");
      sub->add_flag("--new-corpus", v.new_corpus, "start a corpus in a folder that holds none yet");
    } else if (name == "serve") {
      sub->add_option("--listen", v.listen, "HOST:PORT to listen on (default: the config's web.listen, else "
                                            "127.0.0.1:8080); an address other than loopback serves other machines")
          ->option_text("HOST:PORT");
    } else if (name == "user") {
      sub->add_option("--role", v.role, "reviewer (decides items) or admin (also exports and manages)")
          ->check(CLI::IsMember({"reviewer", "admin"}));
      sub->add_flag("--password-stdin", v.password_stdin, "read the password from the first line of stdin");
    } else if (name == "extract" || name == "parse-feed") {
      sub->add_option("--url", v.url, "the address the page or feed came from (resolves its links)")
          ->option_text("URL");
    }
  }
  return app;
}

}  // namespace

std::string help_text() {
  std::string text =
      "ingest: watch news outlets, keep new articles in the corpus format, flag the ones\n"
      "about Cuba-Russia agreements for review.\n\nusage:\n"
      "  ingest --once               one pass over every outlet, then exit\n";
  for (const auto& spec : kCommands) {
    std::string line = std::string{"  ingest "} + spec.name + (spec.arguments ? std::string{" "} + spec.arguments : "");
    line.resize(std::max<std::size_t>(line.size() + 1, 30), ' ');
    // The summary wrapped at 96 columns, continued under itself.
    std::string_view summary = spec.summary;
    while (line.size() + summary.size() > 96) {
      std::size_t cut = summary.rfind(' ', 96 - line.size());
      if (cut == std::string_view::npos || cut == 0) break;
      text += line + std::string{summary.substr(0, cut)} + "\n";
      summary.remove_prefix(cut + 1);
      line.assign(30, ' ');
    }
    text += line + std::string{summary} + "\n";
  }
  text +=
      "\nEvery command takes --config FILE, --db FILE, --log-level LEVEL and -v; `ingest CMD --help`\n"
      "lists a command's own options with an example. --version prints the versions.\n"
      "Exit status: 0 ok, 1 failure, 2 bad usage or config, 3 --once with no source answering.\n";
  return text;
}

std::string version_text() {
  auto rules = flag::default_rules();
  return std::string{"ingest "} + kVersion + " (topic rules " + rules.name + " " + rules.version + ", schema " +
         std::to_string(store::latest_schema_version()) + ")\n";
}

std::expected<CommandLine, UsageError> parse_command_line(const std::vector<std::string>& args) {
  // The command named, found before parsing so that an error can point at its help; a word
  // that names no command is said so plainly.
  std::string command;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.starts_with("-")) {
      // The program's options that take a separate value skip it.
      if (arg == "--config" || arg == "--db" || arg == "--log-level") ++i;
      continue;
    }
    if (arg == "help") return help_for(help_text());
    if (!command_named(arg)) {
      if (arg == "once") return std::unexpected(UsageError{"unknown command once (the one-shot pass is --once)", ""});
      return std::unexpected(UsageError{"unknown command " + arg, ""});
    }
    command = arg;
    break;
  }
  Values v;
  auto app = make_app(v);
  // An option of another command, said as such before CLI11 would take its value for an
  // argument: `ingest show 3 --outlet TASS` must not look like a second id.
  if (!command.empty()) {
    const CLI::App* sub = app->get_subcommand(command);
    for (const auto& arg : args) {
      if (!arg.starts_with("-") || arg == "-" || arg == "--") continue;
      std::string name = arg.substr(0, arg.find('='));
      if (sub->get_option_no_throw(name) || app->get_option_no_throw(name)) continue;
      std::string owners;
      int count = 0;
      for (const auto& spec : kCommands)
        if (app->get_subcommand(spec.name)->get_option_no_throw(name))
          owners += (count++ ? ", " : "") + std::string{spec.name};
      std::string who = count == 0 ? " (no command does)" : " (" + owners + (count == 1 ? " does)" : " do)");
      return std::unexpected(UsageError{command + " does not take " + name + who, command});
    }
  }
  try {
    // CLI11 takes the words last first.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app->parse(reversed);
  } catch (const CLI::CallForHelp&) {
    if (command.empty()) return help_for(help_text());
    // CLI11 names a command alone in its usage line; people type it after the program's name.
    std::string text = app->get_subcommand(command)->help();
    if (auto at = text.find("Usage: " + command); at != std::string::npos) text.insert(at + 7, "ingest ");
    return help_for(std::move(text));
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    if (!message.empty() && message.back() == '\n') message.pop_back();
    return std::unexpected(UsageError{(command.empty() ? "" : command + ": ") + message, command});
  }
  CommandLine cli;
  if (v.version) {
    cli.command = "version";
    return cli;
  }
  if (v.once && !command.empty())
    return std::unexpected(UsageError{"--once cannot be combined with " + command, command});
  cli.command = v.once ? "once" : command;
  if (!v.config.empty()) cli.config = v.config;
  if (!v.database.empty()) cli.database = v.database;
  if (!v.corpus.empty()) cli.corpus = v.corpus;
  if (!v.url.empty()) cli.url = v.url;
  auto given = [&](const char* option) {
    if (command.empty()) return false;
    const CLI::Option* found = app->get_subcommand(command)->get_option_no_throw(option);
    return found != nullptr && found->count() > 0;
  };
  if (given("--note")) cli.note = v.note;
  if (!v.outlet.empty()) cli.outlet = v.outlet;
  if (!v.state.empty()) cli.state = v.state;
  if (!v.sort.empty()) cli.sort = v.sort;
  if (!v.role.empty()) cli.role = v.role;
  if (!v.listen.empty()) cli.listen = v.listen;
  cli.password_stdin = v.password_stdin;
  if (given("--user")) {
    if (v.user.empty()) return std::unexpected(UsageError{"--user needs a name", command});
    cli.user = v.user;
  }
  if (given("--since")) {
    auto since = parse_since(v.since);
    if (!since) return std::unexpected(UsageError{since.error().message, command});
    cli.since = std::move(*since);
  }
  if (!v.log_level.empty()) {
    auto level = log::log_level_named(v.log_level);
    if (!level)
      return std::unexpected(
          UsageError{"--log-level: expected trace, debug, info, warning, error or off, not " + v.log_level, command});
    cli.log_level = *level;
  } else if (v.verbose) {
    cli.log_level = spdlog::level::debug;
  }
  cli.json = v.json;
  cli.all = v.all;
  cli.new_corpus = v.new_corpus;
  cli.arguments = std::move(v.arguments);
  return cli;
}

std::expected<Since, UsageError> parse_since(std::string_view text) {
  auto invalid = [&] {
    return std::unexpected(UsageError{"--since " + std::string{text} +
                                      ": expected YYYY-MM-DD or an ISO 8601 date and time", "queue"});
  };
  auto parsed = normalize::parse_iso8601(text);
  if (!parsed) return invalid();
  // A day alone is kept as written: it is compared with the day each item is dated in its own
  // offset, the day the listing shows. Years and months alone are too vague to be what was meant.
  if (!parsed->has_time) {
    if (text.size() != 10) return invalid();
    return Since{std::string{text}, {}};
  }
  return Since{{}, normalize::format_iso8601_utc(*parsed)};
}

int run_command(const CommandLine& cli) {
  if (cli.command.empty() || cli.command == "help") {
    std::cout << (cli.help.empty() ? help_text() : cli.help);
    return 0;
  }
  if (cli.command == "version") {
    std::cout << version_text();
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
  if (cli.command == "user") return command_user(cli);
  if (cli.command == "serve") return command_serve(cli);
  std::cerr << "ingest: unknown command " << cli.command << "\n";
  return 2;
}

}  // namespace ingest::cli
