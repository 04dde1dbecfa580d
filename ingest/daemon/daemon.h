#pragma once
// The daemon between passes (`ingest run`), and the single pass of `ingest --once`. It sleeps
// until the earliest source is due (the schedule lives in the store, so a restart resumes
// it), reloads its settings on request (SIGHUP), stops on request (SIGTERM, SIGINT) by
// draining the running pass, and pings systemd's watchdog from the same loop, so that a stuck
// loop stops the pings. Everything runs on one io_context; nothing here blocks.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "flag/rules.h"
#include "ingest/daemon/clock.h"
#include "ingest/daemon/metrics_endpoint.h"
#include "ingest/pipeline/config.h"
#include "ingest/pipeline/pipeline.h"
#include "ingest/pipeline/store_robots_cache.h"
#include "ingest/web/console.h"
#include "store/database.h"

namespace ingest::daemon {

// What a pass runs with; replaced as a whole on reload.
struct Settings {
  pipeline::Config config;
  flag::Rules rules;
};

// Reads the settings again (the config file and its rules); an error says what is wrong.
using SettingsLoader = std::function<std::expected<Settings, std::string>()>;

enum class Mode {
  once,    // one pass over every source, then finish; no systemd messages, no metrics
  daemon,  // passes as sources come due, until stopped
};

// Exit statuses of run(); the program returns them as they are.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // a pass failed (the store failed)
inline constexpr int kExitUsage = 2;    // the metrics endpoint could not listen
inline constexpr int kExitNoSource = 3;  // once: not one source answered (systemd marks the run failed)

class Daemon {
 public:
  // `db` and `clock` must outlive the daemon; `io` too, and the daemon is destroyed before it.
  Daemon(boost::asio::io_context& io, Settings settings, store::Database& db, Mode mode,
         SettingsLoader reload, Clock& clock = system_clock());
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // Starts listening for signals (and for scrapes, when the config has [metrics] listen),
  // tells systemd it is ready, and posts the first pass. An endpoint that cannot listen is
  // an error naming the config file, and nothing is started.
  std::expected<void, std::string> start();
  // What SIGTERM and SIGINT do: no pass is started any more; a running pass drains (running
  // transfers finish, what was not requested stays due) and the daemon finishes after it.
  void stop();
  // What SIGHUP does: the settings are read again; a bad config is logged and the running
  // one kept; a good one takes effect between passes, and a pass follows at once.
  void reload();

  bool finished() const { return finished_; }
  int exit_status() const { return status_; }
  int passes_done() const { return passes_done_; }
  const std::optional<pipeline::PassReport>& last_report() const { return last_report_; }

 private:
  void make_engine();
  void pass();
  void pass_finished(pipeline::PassResult result, std::chrono::steady_clock::time_point started);
  void schedule_next();
  void wait_for_stop();
  void wait_for_reload();
  void apply(std::unique_ptr<Settings> fresh);
  void ping_watchdog(std::chrono::milliseconds period);
  void finish();

  boost::asio::io_context& io_;
  std::unique_ptr<Settings> settings_;
  std::unique_ptr<Settings> pending_;  // a reloaded config waiting for the pass to end
  store::Database& db_;
  Mode mode_;
  SettingsLoader reload_;
  Clock& clock_;
  pipeline::StoreRobotsCache robots_;
  std::unique_ptr<fetch::FetchEngine> engine_;
  std::unique_ptr<MetricsEndpoint> metrics_;  // when the config asks for it
  std::unique_ptr<web::ConsoleServer> console_;  // [web] listen: the review console beside the passes
  boost::asio::signal_set stop_signals_;
  boost::asio::signal_set reload_signal_;
  std::unique_ptr<Timer> timer_;
  std::unique_ptr<Timer> watchdog_;
  std::shared_ptr<spdlog::logger> log_;
  std::string last_pass_ = "no pass yet";
  std::optional<pipeline::PassReport> last_report_;
  int passes_done_ = 0;
  bool in_pass_ = false;
  bool stopping_ = false;
  bool finished_ = false;
  int status_ = kExitOk;
};

}  // namespace ingest::daemon
