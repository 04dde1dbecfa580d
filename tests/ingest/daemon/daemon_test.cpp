// The daemon in this process: a fake clock that the test moves forward, a fake systemd
// notification socket, the fixture site over real HTTP and a real SQLite file. Nothing waits
// for time to pass: the test runs the io_context until the daemon has done what it checks.
#include "ingest/daemon/daemon.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/items.h"
#include "store/store.h"
#include "tests/ingest/daemon/notify_socket.h"
#include "tests/support/fixture_server.h"
#include "tests/support/test_files.h"

namespace {

using namespace std::chrono_literals;
using ingest::daemon::Daemon;
using ingest::daemon::Mode;
using ingest::daemon::Settings;
using test_support::FixtureServer;
using test_support::NotifySocket;
using test_support::TempDir;

// Time that moves only when the test says so. Timers due by then are run on the io_context.
class FakeClock : public ingest::daemon::Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return now_; }

  std::unique_ptr<ingest::daemon::Timer> make_timer(boost::asio::io_context& io) override {
    auto timer = std::make_unique<FakeTimer>(*this, io);
    timers_.push_back(timer.get());
    return timer;
  }

  // Moves time on by `step` and posts the handler of every wait that has come due.
  void advance(std::chrono::milliseconds step) {
    now_ += step;
    for (FakeTimer* timer : timers_) timer->fire_if_due();
  }

  // The delays of the waits pending now, in the order the timers were made (the pass timer,
  // then the watchdog's).
  std::vector<std::chrono::milliseconds> pending() const {
    std::vector<std::chrono::milliseconds> out;
    for (const FakeTimer* timer : timers_)
      if (timer->handler_) out.push_back(timer->delay_);
    return out;
  }

 private:
  class FakeTimer : public ingest::daemon::Timer {
   public:
    FakeTimer(FakeClock& clock, boost::asio::io_context& io) : clock_(clock), io_(io) {}
    ~FakeTimer() override { std::erase(clock_.timers_, this); }
    void wait(std::chrono::milliseconds delay, std::function<void()> handler) override {
      delay_ = delay;
      due_ = clock_.now_ + delay;
      handler_ = std::move(handler);
    }
    void cancel() override { handler_ = nullptr; }
    void fire_if_due() {
      if (!handler_ || due_ > clock_.now_) return;
      boost::asio::post(io_, std::move(handler_));
      handler_ = nullptr;
    }

    FakeClock& clock_;
    boost::asio::io_context& io_;
    std::chrono::milliseconds delay_{0};
    std::chrono::system_clock::time_point due_;
    std::function<void()> handler_;
    friend class FakeClock;
  };

  std::chrono::system_clock::time_point now_ = std::chrono::system_clock::now();
  std::vector<FakeTimer*> timers_;
};

// $NOTIFY_SOCKET (and $WATCHDOG_USEC) for the length of a test.
class Environment {
 public:
  Environment(const std::string& notify_socket, std::optional<std::string> watchdog_usec) {
    ::setenv("NOTIFY_SOCKET", notify_socket.c_str(), 1);
    ::unsetenv("WATCHDOG_PID");
    if (watchdog_usec) ::setenv("WATCHDOG_USEC", watchdog_usec->c_str(), 1);
    else ::unsetenv("WATCHDOG_USEC");
  }
  ~Environment() {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
  }
};

bool any_contains(const std::vector<std::string>& messages, std::string_view wanted) {
  for (const auto& m : messages)
    if (m.find(wanted) != std::string::npos) return true;
  return false;
}

class DaemonInProcess : public ::testing::Test {
 protected:
  DaemonInProcess()
      : server_(test_support::source_path("tests/fixtures/site")), notify_(dir_ / "notify.sock") {}

  Settings settings() {
    std::string text = test_support::read_file(test_support::source_path("tests/fixtures/site/feeds.toml.in"));
    test_support::write_file(dir_ / "feeds.toml", test_support::with_origin(text, server_.origin()));
    auto config = ingest::pipeline::load_config(dir_ / "feeds.toml");
    if (!config) throw std::runtime_error(config.error().message);
    return Settings{std::move(*config), flag::default_rules()};
  }

  store::Database& db() {
    if (!db_) {
      auto opened = store::open_store(dir_ / "ingest.db");
      if (!opened) throw std::runtime_error(opened.error().message);
      db_.emplace(std::move(*opened));
    }
    return *db_;
  }

  std::unique_ptr<Daemon> start(Mode mode, ingest::daemon::SettingsLoader reload = {}) {
    auto daemon = std::make_unique<Daemon>(io_, settings(), db(), mode, std::move(reload), clock_);
    auto started = daemon->start();
    if (!started) throw std::runtime_error(started.error());
    return daemon;
  }

  // Runs handlers until `done` holds; the fetches' own timeouts bound each wait.
  void run_until(const std::function<bool()>& done) {
    while (!done())
      if (io_.run_one() == 0) break;
  }

  TempDir dir_;
  FixtureServer server_;
  NotifySocket notify_;
  FakeClock clock_;
  boost::asio::io_context io_;
  std::optional<store::Database> db_;
};

TEST_F(DaemonInProcess, SaysReadyRunsAPassAndSleepsUntilTheEarliestSourceIsDue) {
  Environment env{notify_.path().string(), std::nullopt};
  auto daemon = start(Mode::daemon);
  run_until([&] { return daemon->passes_done() == 1; });
  ASSERT_TRUE(daemon->last_report());
  EXPECT_EQ(daemon->last_report()->items_new, 15);
  EXPECT_EQ(daemon->last_report()->items_flagged, 5);
  // The next pass waits for the earliest next check, which the schedule put a few minutes
  // away at least (the fixture's interval is 15 minutes, adapted within its bounds).
  auto pending = clock_.pending();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_GE(pending[0], 60s);
  EXPECT_LE(pending[0], 3600s);
  const auto& messages = notify_.drain();
  EXPECT_TRUE(any_contains(messages, "READY=1"));
  EXPECT_TRUE(any_contains(messages, "STATUS=pass running"));
  EXPECT_TRUE(any_contains(messages, "STATUS=idle, last pass: 15 new, 5 flagged; next check in"));
  EXPECT_FALSE(daemon->finished());
}

TEST_F(DaemonInProcess, StartsTheNextPassWhenTheClockReachesTheNextCheck) {
  Environment env{notify_.path().string(), std::nullopt};
  auto daemon = start(Mode::daemon);
  run_until([&] { return daemon->passes_done() == 1; });
  ASSERT_EQ(clock_.pending().size(), 1u);
  clock_.advance(clock_.pending()[0] - 1s);
  io_.poll();
  EXPECT_EQ(daemon->passes_done(), 1);  // not yet
  clock_.advance(1s);
  run_until([&] { return daemon->passes_done() == 2; });
  ASSERT_EQ(daemon->passes_done(), 2);
  // The sources' next checks are in the store's (real) time, so none of them is due yet: the
  // second pass asks nothing and finds nothing new.
  EXPECT_GT(daemon->last_report()->sources_skipped, 0);
  EXPECT_EQ(daemon->last_report()->items_new, 0);
  EXPECT_EQ(clock_.pending().size(), 1u);
}

TEST_F(DaemonInProcess, KeepsTheRunningConfigWhenAReloadFailsAndPassesAtOnceAfterAGoodOne) {
  Environment env{notify_.path().string(), std::nullopt};
  bool good = false;
  auto daemon = start(Mode::daemon, [&]() -> std::expected<Settings, std::string> {
    if (!good) return std::unexpected(std::string{"feeds.toml:3: outlet[1].interval: not a duration"});
    return settings();
  });
  run_until([&] { return daemon->passes_done() == 1; });
  daemon->reload();
  io_.poll();
  EXPECT_EQ(daemon->passes_done(), 1);
  EXPECT_EQ(clock_.pending().size(), 1u);  // still asleep until the next check
  EXPECT_TRUE(any_contains(notify_.drain(), "STATUS=reload failed, old config kept"));
  good = true;
  daemon->reload();
  run_until([&] { return daemon->passes_done() == 2; });  // at once: the clock did not move
  EXPECT_EQ(daemon->passes_done(), 2);
  const auto& messages = notify_.drain();
  EXPECT_TRUE(any_contains(messages, "RELOADING=1\nMONOTONIC_USEC="));
  EXPECT_TRUE(any_contains(messages, "STATUS=config reloaded"));
}

TEST_F(DaemonInProcess, AStopDuringAPassDrainsItAndFinishesWithSuccess) {
  Environment env{notify_.path().string(), std::nullopt};
  auto daemon = start(Mode::daemon);
  io_.run_one();  // the first pass starts and asks for its sources
  daemon->stop();
  run_until([&] { return daemon->finished(); });
  EXPECT_TRUE(daemon->finished());
  EXPECT_EQ(daemon->exit_status(), ingest::daemon::kExitOk);
  EXPECT_TRUE(clock_.pending().empty());  // nothing scheduled after a stop
  EXPECT_TRUE(any_contains(notify_.drain(), "STOPPING=1"));
  // What the drained pass did not ask for stays due: a pass afterwards finds it all.
  auto report = ingest::pipeline::run_pass(settings().config, flag::default_rules(), db());
  ASSERT_TRUE(report) << report.error().message;
  auto counts = store::count_by_state(db());
  ASSERT_TRUE(counts);
  EXPECT_EQ((*counts)[store::ItemState::flagged], 5);
}

TEST_F(DaemonInProcess, PingsTheWatchdogAtHalfItsPeriodFromTheSameLoop) {
  Environment env{notify_.path().string(), "4000000"};  // WatchdogSec=4s
  auto daemon = start(Mode::daemon);
  EXPECT_TRUE(any_contains(notify_.drain(), "WATCHDOG=1"));
  ASSERT_EQ(clock_.pending().size(), 1u);
  EXPECT_EQ(clock_.pending()[0], 2000ms);
  std::size_t before = notify_.drain().size();
  clock_.advance(2000ms);
  io_.poll();
  auto after = notify_.drain();
  ASSERT_GT(after.size(), before);
  EXPECT_TRUE(any_contains(std::vector<std::string>(after.begin() + static_cast<std::ptrdiff_t>(before), after.end()),
                           "WATCHDOG=1"));
  daemon->stop();
  run_until([&] { return daemon->finished(); });
}

TEST_F(DaemonInProcess, OnceModeRunsOnePassAndFinishesWithoutTellingSystemd) {
  Environment env{notify_.path().string(), "4000000"};
  auto daemon = start(Mode::once);
  run_until([&] { return daemon->finished(); });
  EXPECT_EQ(daemon->passes_done(), 1);
  EXPECT_EQ(daemon->exit_status(), ingest::daemon::kExitOk);
  EXPECT_TRUE(notify_.drain().empty());
  EXPECT_TRUE(clock_.pending().empty());
}

}  // namespace
