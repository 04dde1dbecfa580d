// ingest --once and ingest run: passes over the configured outlets.
#include <boost/asio.hpp>

#include <algorithm>
#include <iostream>
#include <memory>

#include "ingest/command_support.h"
#include "ingest/commands.h"
#include "ingest/fetch_engine.h"
#include "ingest/log.h"
#include "ingest/metrics_endpoint.h"
#include "ingest/pipeline.h"
#include "ingest/store_robots_cache.h"
#include "ingest/systemd_notify.h"
#include "normalize/timestamp.h"
#include "store/sources.h"
#include "store/store.h"

namespace ingest {
namespace {

struct Settings {
  Config config;
  flag::Rules rules;
};

std::expected<Settings, CommandFailure> load_settings(const CommandLine& cli) {
  auto config = load_config_for(cli);
  if (!config) return std::unexpected(config.error());
  auto rules = rules_for(*config);
  if (!rules) return std::unexpected(rules.error());
  return Settings{std::move(*config), std::move(*rules)};
}

std::vector<std::string> source_urls(const Config& config) {
  std::vector<std::string> urls;
  for (const auto& outlet : config.outlets)
    for (const auto* list : {&outlet.feeds, &outlet.sitemaps, &outlet.sections})
      urls.insert(urls.end(), list->begin(), list->end());
  return urls;
}

// The daemon between passes: it sleeps until the earliest source is due (the schedule lives
// in SQLite, so a restart resumes it), wakes for SIGHUP (reload) and SIGTERM/SIGINT (stop),
// and pings systemd's watchdog from the same loop, so a stuck loop stops the pings.
class Daemon {
 public:
  Daemon(const CommandLine& cli, Settings settings, store::Database db, bool once)
      : cli_(cli),
        settings_(std::make_unique<Settings>(std::move(settings))),
        db_(std::move(db)),
        once_(once),
        robots_(db_),
        log_(logger("ingest")) {
    make_engine();
  }

  int run() {
    if (!once_ && settings_->config.metrics_address) {
      auto endpoint = MetricsEndpoint::start(io_, db_, *settings_->config.metrics_address, settings_->config.metrics_port);
      if (!endpoint) {
        std::cerr << "ingest: " << settings_->config.file.string() << ": " << endpoint.error() << "\n";
        return kExitUsage;
      }
      metrics_ = std::move(*endpoint);
      log_->info("metrics listening address={}:{}", metrics_->endpoint().address().to_string(),
                 metrics_->endpoint().port());
    }
    wait_for_stop();
    if (!once_) {
      wait_for_reload();
      if (auto period = watchdog_period()) ping_watchdog(std::chrono::duration_cast<std::chrono::milliseconds>(*period));
      notify_systemd("READY=1\nSTATUS=starting the first pass");
    }
    boost::asio::post(io_, [this] { pass(); });
    io_.run();
    return status_;
  }

 private:
  void make_engine() { engine_ = std::make_unique<FetchEngine>(io_, settings_->config.fetch, &robots_); }

  void pass() {
    if (stopping_) return;
    in_pass_ = true;
    if (!once_) notify_systemd("STATUS=pass running");
    PassOptions options;
    options.only_due_sources = !once_;
    if (metrics_)
      options.fetched = [this](std::string_view outlet, std::string_view outcome) { metrics_->fetched(outlet, outcome); };
    auto started = std::chrono::steady_clock::now();
    start_pass(settings_->config, settings_->rules, db_, *engine_, options, [this, started](PassResult result) {
      in_pass_ = false;
      auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (!result) {
        log_->error("pass failed database={} error=\"{}\"", db_.file_name(), result.error().message);
        status_ = kExitFailure;
        return finish();
      }
      log_->info("{} seconds={:.1f}", describe(*result), seconds);
      if (metrics_) metrics_->pass_done(*result, std::chrono::duration<double>{seconds});
      last_pass_ = "last pass: " + std::to_string(result->items_new) + " new, " +
                   std::to_string(result->items_flagged) + " flagged";
      if (stopping_ || once_) return finish();
      if (pending_) {
        apply(std::move(pending_));
        return boost::asio::post(io_, [this] { pass(); });
      }
      schedule_next();
    });
  }

  // Sleeps until the earliest configured source is due: at least a second (a source whose
  // check failed to be recorded must not spin the loop), at most an hour (a clock change or
  // a source edited by hand is noticed within that).
  void schedule_next() {
    auto earliest = store::earliest_next_check(db_, source_urls(settings_->config));
    std::chrono::seconds delay{1};
    if (!earliest) {
      log_->error("schedule unreadable error=\"{}\"", earliest.error().message);
      delay = std::chrono::seconds{60};
    } else if (*earliest) {
      if (auto when = normalize::parse_iso8601(**earliest)) {
        auto left = std::chrono::duration_cast<std::chrono::seconds>(when->utc - std::chrono::system_clock::now());
        delay = std::clamp(left, std::chrono::seconds{1}, std::chrono::seconds{3600});
      }
    }
    log_->debug("next pass in_seconds={}", delay.count());
    notify_systemd("STATUS=idle, " + last_pass_ + "; next check in " + std::to_string(delay.count()) + " s");
    timer_.expires_after(delay);
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) pass();
    });
  }

  void wait_for_stop() {
    stop_signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      log_->info("stopping signal={} in_pass={} running={}", signal, in_pass_ ? "yes" : "no", engine_->running());
      if (!once_) notify_systemd("STOPPING=1\nSTATUS=stopping");
      stopping_ = true;
      timer_.cancel();
      if (in_pass_) {
        // The pass's end finishes the stop, once the running transfers are handled; their
        // own timeouts bound the wait, and what was not requested stays due.
        engine_->drain();
      } else {
        finish();
      }
    });
  }

  // SIGHUP: the config and rules are read again. A bad config is reported and the running
  // one kept. A good one takes effect between passes, and a pass follows at once so that
  // new outlets are polled without waiting for the old schedule.
  void wait_for_reload() {
    reload_signal_.async_wait([this](const boost::system::error_code& ec, int) {
      if (ec) return;
      notify_reloading();
      auto fresh = load_settings(cli_);
      if (!fresh) {
        log_->error("reload failed, keeping the running config error=\"{}\"", fresh.error().message);
      } else {
        log_->info("reloaded config={} outlets={}", fresh->config.file.string(), fresh->config.outlets.size());
        pending_ = std::make_unique<Settings>(std::move(*fresh));
        if (!in_pass_ && !stopping_) {
          timer_.cancel();
          apply(std::move(pending_));
          boost::asio::post(io_, [this] { pass(); });
        }
      }
      notify_systemd("READY=1\nSTATUS=" + std::string{fresh ? "config reloaded" : "reload failed, old config kept"});
      wait_for_reload();
    });
  }

  void apply(std::unique_ptr<Settings> fresh) {
    // The engine holds the fetch settings (user agent, limits): a new one for the new config,
    // made between passes when the old one has nothing running.
    engine_->shutdown();
    settings_ = std::move(fresh);
    make_engine();
  }

  void ping_watchdog(std::chrono::milliseconds period) {
    notify_systemd("WATCHDOG=1");
    watchdog_.expires_after(period);
    watchdog_.async_wait([this, period](const boost::system::error_code& ec) {
      if (!ec && !stopped_) ping_watchdog(period);
    });
  }

  void finish() {
    stopped_ = true;
    stopping_ = true;
    timer_.cancel();
    watchdog_.cancel();
    stop_signals_.cancel();
    reload_signal_.cancel();
    engine_->shutdown();
    if (metrics_) metrics_->stop();
  }

  const CommandLine& cli_;
  std::unique_ptr<Settings> settings_;
  std::unique_ptr<Settings> pending_;  // a reloaded config waiting for the pass to end
  store::Database db_;
  bool once_;
  boost::asio::io_context io_;
  StoreRobotsCache robots_;
  std::unique_ptr<FetchEngine> engine_;
  std::unique_ptr<MetricsEndpoint> metrics_;  // when the config asks for it
  boost::asio::signal_set stop_signals_{io_, SIGINT, SIGTERM};
  boost::asio::signal_set reload_signal_{io_, SIGHUP};
  boost::asio::steady_timer timer_{io_};
  boost::asio::steady_timer watchdog_{io_};
  std::shared_ptr<spdlog::logger> log_;
  std::string last_pass_ = "no pass yet";
  bool in_pass_ = false;
  bool stopping_ = false;
  bool stopped_ = false;
  int status_ = kExitOk;
};

// `--once` (one pass over every source) and `run` (passes as sources come due) share the
// loop above. SIGTERM or SIGINT stops scheduling and drains the engine: running transfers
// finish, what was not requested stays due, the last results are committed, exit 0.
int run_passes(const CommandLine& cli, bool daemon) {
  auto settings = load_settings(cli);
  if (!settings) return report(settings.error());
  CommandLine with_db = cli;
  if (!with_db.database && !settings->config.database.empty()) with_db.database = settings->config.database;
  // A pass writes a great deal: never into a damaged file.
  auto db = open_database(with_db, store::StoreOptions{settings->config.busy_timeout, true});
  if (!db) return report(db.error());
  Daemon loop{cli, std::move(*settings), std::move(*db), !daemon};
  return loop.run();
}

}  // namespace

int command_once(const CommandLine& cli) { return run_passes(cli, false); }

int command_run(const CommandLine& cli) { return run_passes(cli, true); }

}  // namespace ingest
