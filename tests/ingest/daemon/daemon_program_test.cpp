// `ingest run` as systemd runs it: the real program, a fake $NOTIFY_SOCKET to read its
// sd_notify messages from, $WATCHDOG_USEC set, real signals, the fixture site over HTTP and a
// real SQLite file.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/ingest/daemon/notify_socket.h"
#include "tests/support/fixture_server.h"
#include "tests/support/test_files.h"

extern char** environ;

namespace {

using test_support::NotifySocket;

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;
using test_support::read_file;
using test_support::TempDir;

using test_support::shell_quote;

class DaemonTest : public ::testing::Test {
 protected:
  DaemonTest() : server_(test_support::source_path("tests/fixtures/site")), notify_(dir_ / "notify.sock") {}
  ~DaemonTest() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  // The demo config; without its last outlet (Rostec, a section page) when `all` is false.
  void write_config(bool all) {
    std::string text = read_file(test_support::source_path("tests/fixtures/site/feeds.toml.in"));
    if (!all) text = text.substr(0, text.rfind("[[outlet]]"));
    test_support::write_file(dir_ / "config/feeds.toml", test_support::with_origin(text, server_.origin()));
  }

  void start_daemon(bool to_journal = false) {
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e)
      if (!std::string_view{*e}.starts_with("NOTIFY_SOCKET=") && !std::string_view{*e}.starts_with("WATCHDOG_") &&
          !std::string_view{*e}.starts_with("JOURNAL_STREAM="))
        env_strings.emplace_back(*e);
    if (to_journal) env_strings.push_back("JOURNAL_STREAM=8:12345");
    env_strings.push_back("NOTIFY_SOCKET=" + notify_.path().string());
    env_strings.push_back("WATCHDOG_USEC=200000");  // pings every 100 ms
    std::vector<char*> env;
    for (auto& s : env_strings) env.push_back(s.data());
    env.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, (dir_ / "daemon.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, (dir_ / "daemon.err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addchdir_np(&actions, dir_.path().c_str());
    std::string binary = std::string{INGEST_BINARY_DIR} + "/ingest/ingest";
    std::vector<char*> argv{binary.data(), const_cast<char*>("run"), nullptr};
    ASSERT_EQ(posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), env.data()), 0);
    posix_spawn_file_actions_destroy(&actions);
  }

  // Waits for the daemon to exit, at most `timeout`; its exit status, or -1.
  int wait_for_exit(std::chrono::milliseconds timeout) {
    int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
    if (pidfd < 0) return -1;
    pollfd exited{pidfd, POLLIN, 0};
    int ready = ::poll(&exited, 1, static_cast<int>(timeout.count()));
    ::close(pidfd);
    if (ready <= 0) return -1;
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string ingest_json(const std::string& command) {
    std::string line = "cd " + shell_quote(dir_.path().string()) + " && " +
                       shell_quote(std::string{INGEST_BINARY_DIR} + "/ingest/ingest") + " " + command + " --json >" +
                       shell_quote((dir_ / "cli.out").string());
    if (std::system(line.c_str()) != 0) return "{}";
    return read_file(dir_ / "cli.out");
  }

  TempDir dir_;
  test_support::FixtureServer server_;
  NotifySocket notify_;
  pid_t pid_ = -1;
};

TEST_F(DaemonTest, SaysReadyPingsTheWatchdogReloadsOnHangupAndStopsCleanlyOnTerm) {
  write_config(false);
  start_daemon();
  ASSERT_TRUE(notify_.wait_for("READY=1", 5s)) << read_file(dir_ / "daemon.err");
  ASSERT_TRUE(notify_.wait_for("STATUS=idle", 30s)) << "the first pass ends\n" << read_file(dir_ / "daemon.err");
  ASSERT_TRUE(notify_.wait_for("WATCHDOG=1", 5s));
  ASSERT_TRUE(notify_.wait_for("WATCHDOG=1", 5s));
  EXPECT_EQ(server_.request_count("/rostec/en/media/news.html"), 0u);

  // An outlet added to the config is polled after SIGHUP, without waiting for the schedule.
  write_config(true);
  ASSERT_EQ(::kill(pid_, SIGHUP), 0);
  ASSERT_TRUE(notify_.wait_for("RELOADING=1", 5s));
  EXPECT_TRUE(server_.wait_for_requests("/rostec/en/media/news.html", 1, 10s)) << read_file(dir_ / "daemon.err");
  ASSERT_TRUE(notify_.wait_for("STATUS=idle", 30s)) << read_file(dir_ / "daemon.err");

  // A broken config is reported and the running one kept.
  test_support::write_file(dir_ / "config/feeds.toml", "[[outlet]]\nname = 3\n");
  ASSERT_EQ(::kill(pid_, SIGHUP), 0);
  ASSERT_TRUE(notify_.wait_for("reload failed", 5s));
  ASSERT_TRUE(notify_.wait_for("WATCHDOG=1", 5s)) << "still running";

  ASSERT_EQ(::kill(pid_, SIGTERM), 0);
  EXPECT_TRUE(notify_.wait_for("STOPPING=1", 5s));
  EXPECT_EQ(wait_for_exit(10s), 0) << read_file(dir_ / "daemon.err");
  std::string err = read_file(dir_ / "daemon.err");
  EXPECT_NE(err.find("reload failed"), std::string::npos) << err;

  // Nothing fetched is lost: the seed articles of the first four outlets and Rostec's are
  // all in the store. (The CLI reads the config too: the good one goes back.)
  write_config(true);
  json::value status = json::parse(ingest_json("status"));
  std::int64_t items = 0;
  for (const auto& [state, count] : status.at("items").as_object()) items += count.to_number<std::int64_t>();
  EXPECT_GE(items, 5);
  json::value queue = json::parse(ingest_json("queue"));
  EXPECT_EQ(queue.as_array().size(), 5u);
}

// One HTTP/1.0 GET on 127.0.0.1; the whole answer, headers included.
std::string http_get(std::uint16_t port, const std::string& target) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    std::string request = "GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    (void)::send(fd, request.data(), request.size(), 0);
    char buffer[8192];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return answer;
}

TEST_F(DaemonTest, ServesPrometheusMetricsOnLoopbackWhenTheConfigAsks) {
  write_config(true);
  std::string config = read_file(dir_ / "config/feeds.toml");
  test_support::write_file(dir_ / "config/feeds.toml", "[metrics]\nlisten = \"127.0.0.1:0\"\n\n" + config);
  start_daemon();
  ASSERT_TRUE(notify_.wait_for("STATUS=idle", 30s)) << read_file(dir_ / "daemon.err");
  std::string log = read_file(dir_ / "daemon.err");
  auto at = log.find("metrics listening address=127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << log;
  auto port = static_cast<std::uint16_t>(std::stoi(log.substr(at + std::string{"metrics listening address=127.0.0.1:"}.size())));
  std::string scrape = http_get(port, "/metrics");
  EXPECT_NE(scrape.find("text/plain; version=0.0.4"), std::string::npos) << scrape;
  EXPECT_NE(scrape.find("ingest_items{state=\"flagged\"} 5"), std::string::npos) << scrape;
  EXPECT_NE(scrape.find("ingest_queue_length 5"), std::string::npos) << scrape;
  EXPECT_NE(scrape.find("ingest_fetches_total{outlet=\"The Moscow Times\",outcome=\"ok\"}"), std::string::npos) << scrape;
  EXPECT_NE(scrape.find("ingest_source_lag_seconds{outlet=\"Rostec\"}"), std::string::npos) << scrape;
  EXPECT_NE(scrape.find("ingest_last_pass_duration_seconds"), std::string::npos) << scrape;
  EXPECT_NE(scrape.find("process_resident_memory_bytes"), std::string::npos) << scrape;
  EXPECT_NE(http_get(port, "/other").find(" 404 "), std::string::npos);
  ASSERT_EQ(::kill(pid_, SIGTERM), 0);
  EXPECT_EQ(wait_for_exit(10s), 0) << read_file(dir_ / "daemon.err");
}

TEST_F(DaemonTest, ServesTheReviewConsoleBesideThePassesWhenTheConfigAsks) {
  write_config(true);
  std::string config = read_file(dir_ / "config/feeds.toml");
  test_support::write_file(dir_ / "config/feeds.toml", "[web]\nlisten = \"127.0.0.1:0\"\n\n" + config);
  start_daemon();
  ASSERT_TRUE(notify_.wait_for("STATUS=idle", 30s)) << read_file(dir_ / "daemon.err");
  std::string log = read_file(dir_ / "daemon.err");
  const std::string marker = "console listening address=127.0.0.1:";
  auto at = log.find(marker);
  ASSERT_NE(at, std::string::npos) << log;
  auto port = static_cast<std::uint16_t>(std::stoi(log.substr(at + marker.size())));
  std::string login = http_get(port, "/login");
  EXPECT_NE(login.find(" 200 "), std::string::npos) << login;
  EXPECT_NE(login.find("name=\"username\""), std::string::npos) << login;
  EXPECT_NE(http_get(port, "/").find("Location: /login"), std::string::npos);
  ASSERT_EQ(::kill(pid_, SIGTERM), 0);
  EXPECT_EQ(wait_for_exit(10s), 0) << read_file(dir_ / "daemon.err");
}

TEST_F(DaemonTest, StampsLogLinesWithTheTimeExceptWhenTheJournalDoes) {
  write_config(true);
  start_daemon(true);
  ASSERT_TRUE(notify_.wait_for("STATUS=idle", 30s)) << read_file(dir_ / "daemon.err");
  std::string journal = read_file(dir_ / "daemon.err");
  EXPECT_TRUE(journal.starts_with("info ")) << journal;
  ASSERT_EQ(::kill(pid_, SIGTERM), 0);
  ASSERT_EQ(wait_for_exit(10s), 0);
  start_daemon(false);
  ASSERT_TRUE(notify_.wait_for("STATUS=idle", 30s)) << read_file(dir_ / "daemon.err");
  std::string terminal = read_file(dir_ / "daemon.err");
  // 2026-11-22T10:00:00Z info pipeline: ...
  ASSERT_GT(terminal.size(), 21u);
  EXPECT_EQ(terminal[4], '-');
  EXPECT_EQ(terminal[10], 'T');
  EXPECT_EQ(terminal.substr(19, 7), "Z info ") << terminal;
  ASSERT_EQ(::kill(pid_, SIGTERM), 0);
  EXPECT_EQ(wait_for_exit(10s), 0);
}

TEST_F(DaemonTest, ResumesTheScheduleAfterARestartInsteadOfPollingEverythingAgain) {
  write_config(true);
  start_daemon();
  ASSERT_TRUE(notify_.wait_for("STATUS=idle", 30s)) << read_file(dir_ / "daemon.err");
  ASSERT_EQ(::kill(pid_, SIGTERM), 0);
  ASSERT_EQ(wait_for_exit(10s), 0);
  auto feed = "/moscowtimes/rss/news.xml";
  std::size_t before = server_.request_count(feed);
  ASSERT_GE(before, 1u);

  start_daemon();
  ASSERT_TRUE(notify_.wait_for("READY=1", 5s));
  ASSERT_TRUE(notify_.wait_for("STATUS=idle", 30s)) << read_file(dir_ / "daemon.err");
  EXPECT_EQ(server_.request_count(feed), before) << "the feed is not due yet";
  std::string err = read_file(dir_ / "daemon.err");
  EXPECT_NE(err.find("not_due="), std::string::npos) << err;
  ASSERT_EQ(::kill(pid_, SIGTERM), 0);
  EXPECT_EQ(wait_for_exit(10s), 0);
}

}  // namespace
