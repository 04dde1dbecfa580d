#include "ingest/daemon/daemon.h"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <csignal>

#include "ingest/daemon/systemd_notify.h"
#include "ingest/log/log.h"
#include "normalize/timestamp.h"
#include "store/sources.h"

namespace ingest::daemon {
namespace {

std::vector<std::string> source_urls(const pipeline::Config& config) {
  std::vector<std::string> urls;
  for (const auto& outlet : config.outlets)
    for (const auto* list : {&outlet.feeds, &outlet.sitemaps, &outlet.sections})
      urls.insert(urls.end(), list->begin(), list->end());
  return urls;
}

}  // namespace

Daemon::Daemon(boost::asio::io_context& io, Settings settings, store::Database& db, Mode mode,
               SettingsLoader reload, Clock& clock)
    : io_(io),
      settings_(std::make_unique<Settings>(std::move(settings))),
      db_(db),
      mode_(mode),
      reload_(std::move(reload)),
      clock_(clock),
      robots_(db_),
      stop_signals_(io_),
      reload_signal_(io_),
      timer_(clock_.make_timer(io_)),
      watchdog_(clock_.make_timer(io_)),
      log_(log::logger("ingest")) {
  make_engine();
}

Daemon::~Daemon() {
  if (!finished_) finish();
}

std::expected<void, std::string> Daemon::start() {
  const auto& config = settings_->config;
  if (mode_ == Mode::daemon && config.metrics_address) {
    auto endpoint = MetricsEndpoint::start(io_, db_, *config.metrics_address, config.metrics_port);
    if (!endpoint) return std::unexpected(config.file.string() + ": " + endpoint.error());
    metrics_ = std::move(*endpoint);
    log_->info("metrics listening address={}:{}", metrics_->endpoint().address().to_string(),
               metrics_->endpoint().port());
  }
  if (mode_ == Mode::daemon && config.web.listen_address) {
    // The console shares the daemon's thread and store: a decision is a short transaction
    // between a pass's, and the busy timeout covers a pass's commit.
    web::ConsoleSettings console;
    console.corpus = config.corpus;
    console.secure_cookies = config.web.secure_cookies;
    console.session_lifetime = config.web.session_lifetime;
    console.last_pass = [this]() -> std::optional<std::string> {
      return in_pass_ ? "A pass is running; " + last_pass_ + "." : "Idle; " + last_pass_ + ".";
    };
    auto server = web::ConsoleServer::start(io_, db_, std::move(console), *config.web.listen_address,
                                            config.web.listen_port);
    if (!server) return std::unexpected(config.file.string() + ": web.listen: " + server.error());
    console_ = std::move(*server);
    log_->info("console listening address={}:{}", console_->endpoint().address().to_string(),
               console_->endpoint().port());
  }
  stop_signals_.add(SIGINT);
  stop_signals_.add(SIGTERM);
  if (mode_ == Mode::daemon) {
    reload_signal_.add(SIGHUP);
    if (auto period = watchdog_period()) ping_watchdog(std::chrono::duration_cast<std::chrono::milliseconds>(*period));
    notify_systemd("READY=1\nSTATUS=starting the first pass");
  }
  wait_for_stop();
  if (mode_ == Mode::daemon) wait_for_reload();
  boost::asio::post(io_, [this] { pass(); });
  return {};
}

void Daemon::make_engine() {
  engine_ = std::make_unique<fetch::FetchEngine>(io_, settings_->config.fetch, &robots_);
}

void Daemon::pass() {
  if (stopping_) return;
  in_pass_ = true;
  if (mode_ == Mode::daemon) notify_systemd("STATUS=pass running");
  pipeline::PassOptions options;
  options.only_due_sources = mode_ == Mode::daemon;
  if (metrics_)
    options.fetched = [this](std::string_view outlet, std::string_view outcome) { metrics_->fetched(outlet, outcome); };
  auto started = std::chrono::steady_clock::now();
  pipeline::start_pass(settings_->config, settings_->rules, db_, *engine_, options,
                       [this, started](pipeline::PassResult result) { pass_finished(std::move(result), started); });
}

void Daemon::pass_finished(pipeline::PassResult result, std::chrono::steady_clock::time_point started) {
  in_pass_ = false;
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!result) {
    log_->error("pass failed database={} error=\"{}\"", db_.file_name(), result.error().message);
    status_ = kExitFailure;
    return finish();
  }
  ++passes_done_;
  last_report_ = *result;
  log_->info("{} seconds={:.1f}", pipeline::describe(*result), seconds);
  if (metrics_) metrics_->pass_done(*result, std::chrono::duration<double>{seconds});
  last_pass_ = "last pass: " + std::to_string(result->items_new) + " new, " + std::to_string(result->items_flagged) +
               " flagged";
  if (mode_ == Mode::once && result->sources_answered == 0 && result->sources_skipped == 0 &&
      result->left_for_next_pass == 0) {
    // Every source failed: the network, DNS or a proxy, most likely; a timer unit shows it.
    log_->error("no source answered sources_failed={}", result->sources_failed);
    status_ = kExitNoSource;
  }
  if (stopping_ || mode_ == Mode::once) return finish();
  if (pending_) {
    apply(std::move(pending_));
    return boost::asio::post(io_, [this] { pass(); });
  }
  schedule_next();
}

// Sleeps until the earliest configured source is due: at least a second (a source whose
// check failed to be recorded must not spin the loop), at most an hour (a clock change or a
// source edited by hand is noticed within that).
void Daemon::schedule_next() {
  auto earliest = store::earliest_next_check(db_, source_urls(settings_->config));
  std::chrono::seconds delay{1};
  if (!earliest) {
    log_->error("schedule unreadable error=\"{}\"", earliest.error().message);
    delay = std::chrono::seconds{60};
  } else if (*earliest) {
    if (auto when = normalize::parse_iso8601(**earliest)) {
      auto left = std::chrono::duration_cast<std::chrono::seconds>(when->utc - clock_.now());
      delay = std::clamp(left, std::chrono::seconds{1}, std::chrono::seconds{3600});
    }
  }
  log_->debug("next pass in_seconds={}", delay.count());
  notify_systemd("STATUS=idle, " + last_pass_ + "; next check in " + std::to_string(delay.count()) + " s");
  timer_->wait(delay, [this] { pass(); });
}

void Daemon::wait_for_stop() {
  stop_signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log_->info("stopping signal={} in_pass={} running={}", signal, in_pass_ ? "yes" : "no", engine_->running());
    stop();
  });
}

void Daemon::wait_for_reload() {
  reload_signal_.async_wait([this](const boost::system::error_code& ec, int) {
    if (ec) return;
    reload();
    wait_for_reload();
  });
}

void Daemon::stop() {
  if (stopping_) return;
  if (mode_ == Mode::daemon) notify_systemd("STOPPING=1\nSTATUS=stopping");
  stopping_ = true;
  timer_->cancel();
  // The pass's end finishes the stop, once the running transfers are handled; their own
  // timeouts bound the wait, and what was not requested stays due.
  if (in_pass_) engine_->drain();
  else finish();
}

void Daemon::reload() {
  notify_reloading();
  auto fresh = reload_ ? reload_() : std::unexpected(std::string{"no way to read the settings again"});
  if (!fresh) {
    log_->error("reload failed, keeping the running config error=\"{}\"", fresh.error());
  } else {
    log_->info("reloaded config={} outlets={}", fresh->config.file.string(), fresh->config.outlets.size());
    pending_ = std::make_unique<Settings>(std::move(*fresh));
    if (!in_pass_ && !stopping_) {
      timer_->cancel();
      apply(std::move(pending_));
      boost::asio::post(io_, [this] { pass(); });
    }
  }
  notify_systemd("READY=1\nSTATUS=" + std::string{fresh ? "config reloaded" : "reload failed, old config kept"});
}

void Daemon::apply(std::unique_ptr<Settings> fresh) {
  // The engine holds the fetch settings (user agent, limits): a new one for the new config,
  // made between passes when the old one has nothing running.
  engine_->shutdown();
  settings_ = std::move(fresh);
  make_engine();
}

void Daemon::ping_watchdog(std::chrono::milliseconds period) {
  notify_systemd("WATCHDOG=1");
  watchdog_->wait(period, [this, period] {
    if (!finished_) ping_watchdog(period);
  });
}

void Daemon::finish() {
  finished_ = true;
  stopping_ = true;
  timer_->cancel();
  watchdog_->cancel();
  boost::system::error_code ignored;
  stop_signals_.cancel(ignored);
  reload_signal_.cancel(ignored);
  engine_->shutdown();
  if (metrics_) metrics_->stop();
  if (console_) console_->stop();
}

}  // namespace ingest::daemon
