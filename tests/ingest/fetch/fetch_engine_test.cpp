// The Asio-driven libcurl engine against real servers on loopback: concurrency, politeness,
// robots.txt, retries, and servers that misbehave on purpose.
#include "ingest/fetch/fetch_engine.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <map>
#include <optional>

#include "tests/support/fixture_server.h"
#include "tests/support/test_files.h"

namespace {

using namespace std::chrono_literals;
using ingest::fetch::FetchError;
using ingest::fetch::FetchResult;
using test_support::FixtureServer;
using test_support::TempDir;
using Kind = FetchError::Kind;

ingest::fetch::FetchSettings quick_settings() {
  ingest::fetch::FetchSettings s;
  s.min_delay = 0ms;
  s.connect_timeout = 2000ms;
  s.total_timeout = 5000ms;
  s.retries = 0;
  s.retry_delay = 10ms;
  s.max_retry_wait = 3000ms;
  return s;
}

class FetchEngineTest : public ::testing::Test {
 protected:
  FetchEngineTest() {
    test_support::write_file(dir_ / "page.html", "<html><body><p>hello</p></body></html>");
    test_support::write_file(dir_ / "feed.xml", "<rss version=\"2.0\"><channel></channel></rss>");
  }

  // Fetches each URL through one engine; returns the results in the order of the URLs.
  std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls, ingest::fetch::FetchSettings settings) {
    boost::asio::io_context io;
    ingest::fetch::FetchEngine engine{io, settings};
    std::vector<std::optional<FetchResult>> results(urls.size());
    for (std::size_t i = 0; i < urls.size(); ++i) {
      ingest::fetch::FetchRequest request;
      request.url = urls[i];
      engine.fetch(request, [&results, i](FetchResult r) { results[i] = std::move(r); });
    }
    io.run();
    std::vector<FetchResult> out;
    for (auto& r : results) {
      EXPECT_TRUE(r.has_value()) << "a callback was never called";
      out.push_back(r ? std::move(*r) : FetchResult{std::unexpected(FetchError{Kind::other, "missing"})});
    }
    return out;
  }

  FetchResult fetch_one(const std::string& url, ingest::fetch::FetchSettings settings = quick_settings()) {
    return fetch_all({url}, settings).front();
  }

  TempDir dir_;
  FixtureServer server_{dir_.path()};
};

TEST_F(FetchEngineTest, FetchesAPageAndReportsItsTypeAndCharset) {
  server_.set_content_type("/page.html", "text/html; charset=ISO-8859-1");
  auto result = fetch_one(server_.origin() + "/page.html");
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->content_type, "text/html");
  EXPECT_EQ(result->charset, "iso-8859-1");
  EXPECT_NE(result->body.find("hello"), std::string::npos);
}

TEST_F(FetchEngineTest, RunsTransfersToDifferentHostsAtTheSameTime) {
  FixtureServer other{dir_.path(), 0, "127.0.0.2"};
  server_.set_delay("/page.html", 1500ms);
  other.set_delay("/page.html", 1500ms);
  boost::asio::io_context io;
  ingest::fetch::FetchEngine engine{io, quick_settings()};
  std::size_t seen_by_both_at_first_answer = 99;
  int answers = 0;
  auto done = [&](FetchResult r) {
    EXPECT_TRUE(r);
    if (++answers == 1)
      seen_by_both_at_first_answer = server_.request_count("/page.html") + other.request_count("/page.html");
  };
  ingest::fetch::FetchRequest a, b;
  a.url = server_.origin() + "/page.html";
  b.url = other.origin() + "/page.html";
  engine.fetch(a, done);
  engine.fetch(b, done);
  io.run();
  EXPECT_EQ(answers, 2);
  // Both requests had reached their servers before either answer came back.
  EXPECT_EQ(seen_by_both_at_first_answer, 2u);
}

TEST_F(FetchEngineTest, KeepsAtMostMaxPerHostRequestsInFlight) {
  server_.set_delay("/page.html", 300ms);
  auto settings = quick_settings();
  settings.max_per_host = 2;
  boost::asio::io_context io;
  ingest::fetch::FetchEngine engine{io, settings};
  std::size_t answers = 0;
  std::size_t most_in_flight = 0;
  for (int i = 0; i < 6; ++i) {
    ingest::fetch::FetchRequest request;
    request.url = server_.origin() + "/page.html?n=" + std::to_string(i);
    engine.fetch(request, [&](FetchResult r) {
      EXPECT_TRUE(r);
      ++answers;
      // Requests the server has seen minus those answered: what was in flight at most.
      most_in_flight = std::max(most_in_flight, server_.request_count("/page.html") - answers);
      EXPECT_LE(engine.running(), 2u);
    });
  }
  io.run();
  EXPECT_EQ(answers, 6u);
  EXPECT_LE(most_in_flight, 2u);
}

TEST_F(FetchEngineTest, SpacesRequestsToOneHostByTheMinimumDelay) {
  auto settings = quick_settings();
  settings.min_delay = 200ms;
  auto started = std::chrono::steady_clock::now();
  auto results = fetch_all({server_.origin() + "/page.html", server_.origin() + "/feed.xml",
                            server_.origin() + "/page.html?again"},
                           settings);
  for (const auto& r : results) EXPECT_TRUE(r);
  // robots.txt, then three requests: at least three delays between four starts. A lower
  // bound only: a slow machine cannot make it fail.
  EXPECT_GE(std::chrono::steady_clock::now() - started, 600ms);
}

TEST_F(FetchEngineTest, AsksForRobotsTxtOncePerHostAndObeysIt) {
  test_support::write_file(dir_ / "robots.txt",
                           "User-agent: *\nDisallow: /private\n\nUser-agent: ingest\nDisallow: /feed.xml\n");
  test_support::write_file(dir_ / "private/a.html", "<p>secret</p>");
  auto results = fetch_all({server_.origin() + "/page.html", server_.origin() + "/feed.xml",
                            server_.origin() + "/private/a.html"},
                           quick_settings());
  EXPECT_TRUE(results[0]);
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().kind, Kind::robots_disallowed);
  // Our own group applies, not "*": /private is allowed for us.
  EXPECT_TRUE(results[2]);
  EXPECT_EQ(server_.request_count("/robots.txt"), 1u);
  EXPECT_EQ(server_.request_count("/feed.xml"), 0u);
}

TEST_F(FetchEngineTest, KeepsRobotsTxtPerOriginNotPerHost) {
  // Two servers on 127.0.0.1: one host, two origins, two robots.txt files.
  TempDir other_dir;
  test_support::write_file(other_dir / "page.html", "<p>other</p>");
  test_support::write_file(other_dir / "robots.txt", "User-agent: *\nDisallow: /page.html\n");
  FixtureServer other{other_dir.path()};
  auto results = fetch_all({server_.origin() + "/page.html", other.origin() + "/page.html"}, quick_settings());
  EXPECT_TRUE(results[0]);
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().kind, Kind::robots_disallowed);
  EXPECT_EQ(server_.request_count("/robots.txt"), 1u);
  EXPECT_EQ(other.request_count("/robots.txt"), 1u);
}

TEST_F(FetchEngineTest, TreatsAMissingRobotsTxtAsAllowingEverything) {
  EXPECT_TRUE(fetch_one(server_.origin() + "/page.html"));
  EXPECT_EQ(server_.request_count("/robots.txt"), 1u);
}

TEST_F(FetchEngineTest, FetchesNothingFromAHostWhoseRobotsTxtFails) {
  server_.set_status("/robots.txt", 503);
  auto result = fetch_one(server_.origin() + "/page.html");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, Kind::robots_disallowed);
  EXPECT_EQ(server_.request_count("/page.html"), 0u);
}

TEST_F(FetchEngineTest, HonoursCrawlDelay) {
  test_support::write_file(dir_ / "robots.txt", "User-agent: *\nCrawl-delay: 0.3\n");
  auto started = std::chrono::steady_clock::now();
  auto results = fetch_all({server_.origin() + "/page.html", server_.origin() + "/feed.xml",
                            server_.origin() + "/page.html?2"},
                           quick_settings());
  for (const auto& r : results) EXPECT_TRUE(r);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 600ms);
}

TEST_F(FetchEngineTest, RetriesARunOfServerErrorsAndReportsTheLast) {
  server_.set_status("/page.html", 500);
  auto settings = quick_settings();
  settings.retries = 2;
  auto result = fetch_one(server_.origin() + "/page.html", settings);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, Kind::http_5xx);
  EXPECT_EQ(server_.request_count("/page.html"), 3u);
}

TEST_F(FetchEngineTest, DoesNotRetryAClientError) {
  auto settings = quick_settings();
  settings.retries = 2;
  auto result = fetch_one(server_.origin() + "/missing.html", settings);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, Kind::http_4xx);
  EXPECT_EQ(result.error().status, 404);
  EXPECT_EQ(server_.request_count("/missing.html"), 1u);
}

TEST_F(FetchEngineTest, WaitsForRetryAfterOn429) {
  server_.set_status("/page.html", 429);
  server_.set_header("/page.html", "Retry-After", "1");
  auto settings = quick_settings();
  settings.retries = 1;
  auto started = std::chrono::steady_clock::now();
  auto result = fetch_one(server_.origin() + "/page.html", settings);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().status, 429);
  EXPECT_EQ(server_.request_count("/page.html"), 2u);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 1000ms);
}

TEST_F(FetchEngineTest, GivesUpAtOnceWhenRetryAfterIsBeyondTheCapAndSaysWhen) {
  server_.set_status("/page.html", 503);
  server_.set_header("/page.html", "Retry-After", "3600");
  auto settings = quick_settings();
  settings.retries = 2;
  auto result = fetch_one(server_.origin() + "/page.html", settings);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, Kind::http_5xx);
  ASSERT_TRUE(result.error().retry_after);
  EXPECT_EQ(*result.error().retry_after, std::chrono::seconds{3600});
  EXPECT_EQ(server_.request_count("/page.html"), 1u);
}

TEST_F(FetchEngineTest, CutsOffASlowDrip) {
  server_.set_slow_drip("/page.html", 10, 100ms, 100000);
  auto settings = quick_settings();
  settings.min_speed_bytes = 1000;
  settings.min_speed_window = std::chrono::seconds{1};
  settings.total_timeout = 30000ms;
  auto result = fetch_one(server_.origin() + "/page.html", settings);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, Kind::too_slow) << result.error().message;
}

TEST_F(FetchEngineTest, CutsOffAnEndlessBodyAtTheSizeLimit) {
  server_.set_endless_body("/page.html");
  auto settings = quick_settings();
  settings.max_body_bytes = 1 << 20;
  auto result = fetch_one(server_.origin() + "/page.html", settings);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, Kind::too_large);
}

TEST_F(FetchEngineTest, CutsOffAGzipBombOnTheDecodedBytes) {
  server_.set_gzip_bomb("/page.html", std::uint64_t{1} << 30);
  auto settings = quick_settings();
  settings.max_body_bytes = 4 << 20;
  auto result = fetch_one(server_.origin() + "/page.html", settings);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, Kind::too_large);
}

TEST_F(FetchEngineTest, StopsARedirectLoop) {
  server_.add_redirect("/a", "/b", 302);
  server_.add_redirect("/b", "/a", 302);
  auto result = fetch_one(server_.origin() + "/a");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, Kind::too_many_redirects);
}

TEST_F(FetchEngineTest, RefusesRedirectsToOtherSchemes) {
  server_.add_redirect("/to-file", "file:///etc/passwd", 302);
  server_.add_redirect("/to-gopher", "gopher://127.0.0.1:70/", 302);
  auto results = fetch_all({server_.origin() + "/to-file", server_.origin() + "/to-gopher"}, quick_settings());
  for (const auto& r : results) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, Kind::bad_scheme) << r.error().message;
  }
}

TEST_F(FetchEngineTest, ReportsAConnectionResetMidBody) {
  server_.set_reset_mid_body("/page.html", 1000);
  auto result = fetch_one(server_.origin() + "/page.html");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, Kind::network) << result.error().message;
}

TEST_F(FetchEngineTest, ReportsBrokenChunkedEncoding) {
  server_.set_broken_chunked("/page.html");
  auto result = fetch_one(server_.origin() + "/page.html");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, Kind::network) << result.error().message;
}

TEST_F(FetchEngineTest, ReportsARefusedConnection) {
  std::string origin;
  {
    FixtureServer gone{dir_.path()};
    origin = gone.origin();
  }
  auto result = fetch_one(origin + "/page.html");
  ASSERT_FALSE(result);
  // robots.txt cannot be fetched either; the page fails with that connection error.
  EXPECT_EQ(result.error().kind, Kind::connect) << result.error().message;
  EXPECT_NE(result.error().message.find("onnect"), std::string::npos) << result.error().message;
}

TEST_F(FetchEngineTest, OneBadHostDoesNotHoldUpAnother) {
  FixtureServer other{dir_.path(), 0, "127.0.0.2"};
  server_.set_endless_body("/page.html");
  auto settings = quick_settings();
  settings.max_body_bytes = 1 << 20;
  auto results = fetch_all({server_.origin() + "/page.html", other.origin() + "/page.html"}, settings);
  EXPECT_FALSE(results[0]);
  EXPECT_TRUE(results[1]);
}

TEST_F(FetchEngineTest, LeavesTheLoopWithNoWorkAfterShutdown) {
  boost::asio::io_context io;
  ingest::fetch::FetchEngine engine{io, quick_settings()};
  std::optional<FetchResult> page;
  ingest::fetch::FetchRequest request;
  request.url = server_.origin() + "/page.html";
  engine.fetch(request, [&](FetchResult r) {
    page = std::move(r);
    // The connection stays pooled after the answer; shutting down must let run() return.
    engine.shutdown();
  });
  io.run_for(std::chrono::seconds{20});
  ASSERT_TRUE(page);
  EXPECT_TRUE(*page);
  EXPECT_TRUE(io.stopped()) << "run_for timed out: the engine still had work on the loop";
  EXPECT_TRUE(server_.wait_for_open_connections(0, std::chrono::seconds{5}));
}

TEST_F(FetchEngineTest, DrainingLetsTheRunningTransferFinishAndCancelsTheWaitingOnes) {
  server_.set_delay("/page.html", 200ms);
  auto settings = quick_settings();
  settings.max_per_host = 1;
  boost::asio::io_context io;
  ingest::fetch::FetchEngine engine{io, settings};
  std::vector<std::optional<FetchResult>> results(3);
  for (std::size_t i = 0; i < results.size(); ++i) {
    ingest::fetch::FetchRequest request;
    request.url = server_.origin() + "/page.html?n=" + std::to_string(i);
    engine.fetch(request, [&, i](FetchResult r) {
      results[i] = std::move(r);
      // The first page answered: the second is on the wire now, the third still queued.
      if (i == 0) engine.drain();
    });
  }
  io.run();
  ASSERT_TRUE(results[0] && results[1] && results[2]) << "a callback was never called";
  EXPECT_TRUE(*results[0]);
  EXPECT_TRUE(*results[1]) << "the running transfer is finished, not cut off";
  ASSERT_FALSE(*results[2]);
  EXPECT_EQ(results[2]->error().kind, Kind::cancelled);
  EXPECT_EQ(server_.request_count("/page.html"), 2u);
}

TEST_F(FetchEngineTest, DrainingCancelsATransferWaitingForItsRetry) {
  server_.set_status("/page.html", 503);
  auto settings = quick_settings();
  settings.retries = 3;
  settings.retry_delay = 60000ms;  // the retry would come long after the test is over
  settings.max_retry_wait = 120000ms;
  settings.max_per_host = 1;  // so the page's 503 comes before the feed
  boost::asio::io_context io;
  ingest::fetch::FetchEngine engine{io, settings};
  std::optional<FetchResult> page;
  ingest::fetch::FetchRequest request;
  request.url = server_.origin() + "/page.html";
  engine.fetch(request, [&](FetchResult r) {
    page = std::move(r);
    engine.shutdown();
  });
  // Drained once the feed is in, after the page's first 503: the page waits for its retry.
  ingest::fetch::FetchRequest feed;
  feed.url = server_.origin() + "/feed.xml";
  engine.fetch(feed, [&](FetchResult) { engine.drain(); });
  io.run_for(std::chrono::seconds{20});
  ASSERT_TRUE(page) << "the waiting retry was never reported";
  ASSERT_FALSE(*page);
  EXPECT_EQ(page->error().kind, Kind::cancelled);
  EXPECT_EQ(server_.request_count("/page.html"), 1u);
}

TEST_F(FetchEngineTest, ADrainedEngineStartsNothingNew) {
  boost::asio::io_context io;
  ingest::fetch::FetchEngine engine{io, quick_settings()};
  engine.drain();
  std::optional<FetchResult> page;
  ingest::fetch::FetchRequest request;
  request.url = server_.origin() + "/page.html";
  engine.fetch(request, [&](FetchResult r) { page = std::move(r); });
  io.run();
  ASSERT_TRUE(page);
  ASSERT_FALSE(*page);
  EXPECT_EQ(page->error().kind, Kind::cancelled);
  EXPECT_EQ(server_.request_count("/page.html"), 0u);
  EXPECT_EQ(server_.request_count("/robots.txt"), 0u);
}

// An in-memory cache, as the store keeps it between runs.
class MemoryRobotsCache : public ingest::fetch::RobotsCache {
 public:
  std::optional<ingest::fetch::RobotsRecord> load(const std::string& host) override {
    ++loads;
    auto it = records.find(host);
    if (it == records.end() || it->second.expires <= std::chrono::system_clock::now()) return std::nullopt;
    return it->second;
  }
  void save(const std::string& host, const ingest::fetch::RobotsRecord& record) override { records[host] = record; }
  std::map<std::string, ingest::fetch::RobotsRecord> records;
  int loads = 0;
};

TEST_F(FetchEngineTest, SavesRobotsTxtToItsCacheAndUsesTheCopyNextTime) {
  test_support::write_file(dir_ / "robots.txt", "User-agent: *\nDisallow: /feed.xml\n");
  MemoryRobotsCache cache;
  for (int engine_run = 0; engine_run < 2; ++engine_run) {
    boost::asio::io_context io;
    ingest::fetch::FetchEngine engine{io, quick_settings(), &cache};
    std::optional<FetchResult> page, feed;
    ingest::fetch::FetchRequest a, b;
    a.url = server_.origin() + "/page.html";
    b.url = server_.origin() + "/feed.xml";
    engine.fetch(a, [&](FetchResult r) { page = std::move(r); });
    engine.fetch(b, [&](FetchResult r) { feed = std::move(r); });
    io.run();
    ASSERT_TRUE(page && feed);
    EXPECT_TRUE(*page);
    ASSERT_FALSE(*feed);
    EXPECT_EQ(feed->error().kind, Kind::robots_disallowed);
  }
  // Two engines, one request for robots.txt: the second engine used the saved copy.
  EXPECT_EQ(server_.request_count("/robots.txt"), 1u);
  ASSERT_EQ(cache.records.size(), 1u);
  EXPECT_EQ(cache.records.begin()->second.outcome, ingest::fetch::RobotsRecord::Outcome::rules);
}

TEST_F(FetchEngineTest, AsksAgainOnceTheCachedCopyHasExpired) {
  MemoryRobotsCache cache;
  ingest::fetch::RobotsRecord stale;
  stale.outcome = ingest::fetch::RobotsRecord::Outcome::rules;
  stale.body = "User-agent: *\nDisallow: /\n";
  stale.expires = std::chrono::system_clock::now() - std::chrono::hours{1};
  cache.records[server_.origin()] = stale;
  boost::asio::io_context io;
  ingest::fetch::FetchEngine engine{io, quick_settings(), &cache};
  std::optional<FetchResult> page;
  ingest::fetch::FetchRequest request;
  request.url = server_.origin() + "/page.html";
  engine.fetch(request, [&](FetchResult r) { page = std::move(r); });
  io.run();
  ASSERT_TRUE(page);
  EXPECT_TRUE(*page) << "the expired copy disallowed everything; the fresh 404 allows it";
  EXPECT_EQ(server_.request_count("/robots.txt"), 1u);
  EXPECT_EQ(cache.records[server_.origin()].outcome, ingest::fetch::RobotsRecord::Outcome::allow_all);
}

}  // namespace
