// ingest --once and ingest run: passes over the configured outlets.
#include <boost/asio.hpp>

#include <algorithm>
#include <iostream>

#include "ingest/command_support.h"
#include "ingest/fetch_engine.h"
#include "ingest/store_robots_cache.h"
#include "ingest/commands.h"
#include "ingest/log.h"
#include "ingest/pipeline.h"
#include "ingest/systemd_notify.h"
#include "store/store.h"

namespace ingest {
namespace {

struct PassSetup {
  Config config;
  flag::Rules rules;
  store::Database db;
};

std::expected<PassSetup, CommandFailure> prepare(const CommandLine& cli) {
  if (cli.verbose) set_log_level(spdlog::level::debug);
  auto config = load_config_for(cli);
  if (!config) return std::unexpected(config.error());
  auto rules = rules_for(*config);
  if (!rules) return std::unexpected(rules.error());
  CommandLine with_db = cli;
  if (!with_db.database && !config->database.empty()) with_db.database = config->database;
  auto db = open_database(with_db);
  if (!db) return std::unexpected(db.error());
  return PassSetup{std::move(*config), std::move(*rules), std::move(*db)};
}

// `--once` (one pass over every source) and `run` (a pass whenever the shortest outlet
// interval comes round, over the sources that are due) share one loop. SIGTERM or SIGINT
// stops scheduling and drains the engine: running transfers finish (their timeouts bound
// the wait), what was not requested stays due, the last results are committed, exit 0.
int run_passes(const CommandLine& cli, bool daemon) {
  auto setup = prepare(cli);
  if (!setup) return report(setup.error());
  auto log = logger("ingest");
  boost::asio::io_context io;
  StoreRobotsCache robots{setup->db};
  FetchEngine engine{io, setup->config.fetch, &robots};
  boost::asio::signal_set signals{io, SIGINT, SIGTERM};
  boost::asio::steady_timer timer{io};
  bool stopping = false;
  bool in_pass = false;
  int status = kExitOk;
  auto interval = std::chrono::seconds{15 * 60};
  for (const auto& outlet : setup->config.outlets) interval = std::min(interval, outlet.interval);
  auto finish = [&] {
    stopping = true;
    timer.cancel();
    signals.cancel();
    engine.shutdown();
  };

  std::function<void()> pass = [&] {
    if (stopping) return;
    auto started = std::chrono::steady_clock::now();
    in_pass = true;
    PassOptions options;
    options.only_due_sources = daemon;
    start_pass(setup->config, setup->rules, setup->db, engine, options, [&, started](PassResult result) {
      in_pass = false;
      if (!result) {
        log->error("pass failed error=\"{}\"", result.error().message);
        status = kExitFailure;
        return finish();
      }
      log->info("{}", describe(*result));
      if (daemon) notify_systemd("WATCHDOG=1");
      if (stopping || !daemon) return finish();
      // Re-armed from the pass's start so the schedule does not drift by the pass's length.
      timer.expires_at(started + interval);
      timer.async_wait([&](const boost::system::error_code& ec) {
        if (!ec) pass();
      });
    });
  };
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log->info("stopping signal={} in_pass={} running={}", signal, in_pass ? "yes" : "no", engine.running());
    if (daemon) notify_systemd("STOPPING=1");
    if (in_pass) {
      // The pass's end finishes the stop, once the running transfers are handled.
      stopping = true;
      timer.cancel();
      engine.drain();
    } else {
      finish();
    }
  });
  if (daemon) notify_systemd("READY=1");
  boost::asio::post(io, pass);
  io.run();
  return status;
}

}  // namespace

int command_once(const CommandLine& cli) { return run_passes(cli, false); }

int command_run(const CommandLine& cli) { return run_passes(cli, true); }

}  // namespace ingest
