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

}  // namespace

int command_once(const CommandLine& cli) {
  auto setup = prepare(cli);
  if (!setup) return report(setup.error());
  auto result = run_pass(setup->config, setup->rules, setup->db);
  if (!result) return report({kExitFailure, "store failed: " + result.error().message});
  logger("ingest")->info("{}", describe(*result));
  return kExitOk;
}

int command_run(const CommandLine& cli) {
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
  // Passes start at the shortest outlet interval; each source is fetched only when its own
  // next check (interval, longer after failures) is due.
  auto interval = std::chrono::seconds{15 * 60};
  for (const auto& outlet : setup->config.outlets) interval = std::min(interval, outlet.interval);

  std::function<void()> pass = [&] {
    if (stopping) return;
    auto started = std::chrono::steady_clock::now();
    in_pass = true;
    start_pass(setup->config, setup->rules, setup->db, engine, PassOptions{true}, [&, started](PassResult result) {
      in_pass = false;
      if (!result) {
        log->error("pass failed error=\"{}\"", result.error().message);
        status = kExitFailure;
        stopping = true;
        signals.cancel();
        engine.shutdown();
        return;
      }
      log->info("{}", describe(*result));
      notify_systemd("WATCHDOG=1");
      if (stopping) {
        engine.shutdown();
        return;
      }
      // Re-armed from the pass's start so the schedule does not drift by the pass's length.
      timer.expires_at(started + interval);
      timer.async_wait([&](const boost::system::error_code& ec) {
        if (!ec) pass();
      });
    });
  };
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log->info("stopping signal={}{}", signal, in_pass ? " after_current_pass=yes" : "");
    notify_systemd("STOPPING=1");
    stopping = true;
    timer.cancel();
    // Between passes nothing is owed: close idle connections so run() returns. During a pass,
    // the pass's end does it.
    if (!in_pass) engine.shutdown();
  });
  notify_systemd("READY=1");
  boost::asio::post(io, pass);
  io.run();
  return status;
}

}  // namespace ingest
