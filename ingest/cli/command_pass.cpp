// ingest --once and ingest run: the daemon (ingest/daemon/daemon.h) on this process's
// io_context, with the settings read the way the commands read them.
#include <boost/asio/io_context.hpp>

#include <iostream>

#include "ingest/cli/command_support.h"
#include "ingest/cli/commands.h"
#include "ingest/daemon/daemon.h"
#include "store/store.h"

namespace ingest::cli {
namespace {

std::expected<daemon::Settings, CommandFailure> load_settings(const CommandLine& cli) {
  auto config = load_config_for(cli);
  if (!config) return std::unexpected(config.error());
  auto rules = rules_for(*config);
  if (!rules) return std::unexpected(rules.error());
  return daemon::Settings{std::move(*config), std::move(*rules)};
}

// `--once` (one pass over every source) and `run` (passes as sources come due). SIGTERM or
// SIGINT stops scheduling and drains the engine: running transfers finish, what was not
// requested stays due, the last results are committed, exit 0.
int run_passes(const CommandLine& cli, daemon::Mode mode) {
  auto settings = load_settings(cli);
  if (!settings) return report(settings.error());
  CommandLine with_db = cli;
  if (!with_db.database && !settings->config.database.empty()) with_db.database = settings->config.database;
  // A pass writes a great deal: never into a damaged file.
  auto db = open_database(with_db, store::StoreOptions{settings->config.busy_timeout, true, store::Access::create});
  if (!db) return report(db.error());
  boost::asio::io_context io;
  auto reload = [&cli]() -> std::expected<daemon::Settings, std::string> {
    auto fresh = load_settings(cli);
    if (!fresh) return std::unexpected(fresh.error().message);
    return std::move(*fresh);
  };
  daemon::Daemon loop{io, std::move(*settings), *db, mode, reload};
  if (auto started = loop.start(); !started) return report(CommandFailure{kExitUsage, started.error()});
  io.run();
  return loop.exit_status();
}

}  // namespace

int command_once(const CommandLine& cli) { return run_passes(cli, daemon::Mode::once); }

int command_run(const CommandLine& cli) { return run_passes(cli, daemon::Mode::daemon); }

}  // namespace ingest::cli
