// The pipeline against the fixture site over real HTTP, with a real SQLite file.
#include "ingest/pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>

#include <boost/asio/io_context.hpp>

#include "fault/point.h"
#include "flag/rules.h"
#include "ingest/pipeline/config.h"
#include "store/items.h"
#include "store/sources.h"
#include "normalize/timestamp.h"
#include "store/store.h"
#include "tests/support/fixture_server.h"
#include "tests/support/test_files.h"

namespace {

using test_support::FixtureServer;
using test_support::TempDir;
using ingest::pipeline::Outlet;

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() : server_(test_support::source_path("tests/fixtures/site")) {}

  ingest::pipeline::Config config(bool with_broken_outlet) {
    std::string text = test_support::read_file(test_support::source_path("tests/fixtures/site/feeds.toml.in"));
    if (with_broken_outlet)
      text += "\n[[outlet]]\nname = \"Broken\"\nfeeds = [\"{{origin}}/broken/feed.xml\", "
              "\"{{origin}}/broken/rss.xml\"]\n";
    text = test_support::with_origin(text, server_.origin());
    test_support::write_file(dir_ / "feeds.toml", text);
    auto loaded = ingest::pipeline::load_config(dir_ / "feeds.toml");
    if (!loaded) throw std::runtime_error(loaded.error().message);
    loaded->fetch.retry_delay = std::chrono::milliseconds{10};  // retries without the wait
    return *loaded;
  }

  store::Database open() {
    auto db = store::open_store(dir_ / "ingest.db");
    if (!db) throw std::runtime_error(db.error().message);
    return std::move(*db);
  }

  FixtureServer server_;
  TempDir dir_;
};

TEST_F(PipelineTest, QueuesTheFiveSeedArticlesAndNoneOfTheOthers) {
  auto cfg = config(false);
  auto db = open();
  auto report = ingest::pipeline::run_pass(cfg, flag::default_rules(), db);
  ASSERT_TRUE(report) << report.error().message;
  // Five feeds and sitemaps, the three sitemaps of an index, one section page.
  EXPECT_EQ(report->sources_ok, 10);
  EXPECT_EQ(report->items_new, 15);
  EXPECT_EQ(report->items_stored, 15);
  EXPECT_EQ(report->items_flagged, 5);
  EXPECT_EQ(report->items_failed, 0);

  auto queue = store::review_queue(db);
  ASSERT_TRUE(queue);
  std::vector<std::string> titles;
  for (const auto& item : *queue) titles.push_back(item.title);
  EXPECT_EQ(titles, (std::vector<std::string>{
                        "Russia Eyes Management of Cuba's Industrial Production",
                        "Russia to Establish Advanced Leadership and Development Tech Center in Cuba",
                        "Cuba and Russia committed to broadening cooperation",
                        "Díaz-Canel pays tribute to the victims of the Siege of Leningrad in St. Petersburg",
                        "Cooperation with Cuba"}));
  for (const auto& item : *queue) {
    ASSERT_TRUE(item.seed_text);
    EXPECT_TRUE(item.seed_text->starts_with("# " + item.title + "\n\n")) << *item.seed_text;
    EXPECT_NE(item.seed_text->find("Original url:\n\n<" + item.canonical_url + ">\n"), std::string::npos);
    EXPECT_FALSE(item.evidence.empty());
  }
}

TEST_F(PipelineTest, ASecondPassAddsNothingAndAsksWithValidators) {
  auto cfg = config(false);
  auto db = open();
  ASSERT_TRUE(ingest::pipeline::run_pass(cfg, flag::default_rules(), db));
  server_.clear_requests();
  auto second = ingest::pipeline::run_pass(cfg, flag::default_rules(), db);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->items_new, 0);
  // The seven configured sources; an unchanged sitemap index is not followed again.
  EXPECT_EQ(second->sources_not_modified, 7);
  auto counts = store::count_by_state(db);
  ASSERT_TRUE(counts);
  EXPECT_EQ((*counts)[store::ItemState::flagged], 5);
  EXPECT_EQ((*counts)[store::ItemState::stored], 10);
  // Only the sources were asked for again, each with the ETag it had sent; robots.txt came
  // from the store, not from the host.
  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 7u);
  for (const auto& r : requests) EXPECT_TRUE(r.headers.contains("if-none-match")) << r.target;
}

TEST_F(PipelineTest, ADrainedPassFinishesWhatIsRunningAndLeavesTheRestDueUntouched) {
  auto cfg = config(false);
  auto db = open();
  boost::asio::io_context io;
  ingest::fetch::FetchEngine engine{io, cfg.fetch};
  ingest::pipeline::PassOptions options;
  // A stop signal arriving just after the first article is stored.
  options.progress = [&](const ingest::pipeline::PassReport& so_far) {
    if (so_far.items_stored == 1) engine.drain();
  };
  std::optional<ingest::pipeline::PassResult> result;
  ingest::pipeline::start_pass(cfg, flag::default_rules(), db, engine, options,
                     [&](ingest::pipeline::PassResult r) { result = std::move(r); });
  io.run();
  ASSERT_TRUE(result && *result);
  const ingest::pipeline::PassReport& report = **result;
  EXPECT_EQ(report.items_new, 15);
  EXPECT_EQ(report.items_failed, 0) << "an article not requested is not a failure";
  EXPECT_GT(report.left_for_next_pass, 0);
  EXPECT_EQ(report.items_stored + report.left_for_next_pass, 15);

  auto due = store::due_items(db, 100);
  ASSERT_TRUE(due);
  EXPECT_EQ(static_cast<int>(due->size()), report.left_for_next_pass);
  for (const auto& item : *due) EXPECT_EQ(item.attempts, 0) << item.canonical_url;

  auto next = ingest::pipeline::run_pass(cfg, flag::default_rules(), db);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->items_stored, report.left_for_next_pass);
  auto counts = store::count_by_state(db);
  ASSERT_TRUE(counts);
  EXPECT_EQ((*counts)[store::ItemState::flagged] + (*counts)[store::ItemState::stored], 15);
}

TEST_F(PipelineTest, FollowsTheThreeNewestSitemapsOfAnIndexAndNoOthers) {
  auto cfg = config(false);
  auto db = open();
  auto report = ingest::pipeline::run_pass(cfg, flag::default_rules(), db);
  ASSERT_TRUE(report) << report.error().message;
  for (const char* month : {"2026-02", "2026-03", "2026-04"})
    EXPECT_EQ(server_.request_count(std::string{"/moscowtimes/sitemap/"} + month + ".xml"), 1u) << month;
  EXPECT_EQ(server_.request_count("/moscowtimes/sitemap/2026-01.xml"), 0u);
  EXPECT_EQ(server_.request_count("/moscowtimes/sitemap/sections.xml"), 0u);
  // The children are sources of their own, with validators for the next pass.
  auto child = store::find_source(db, server_.origin() + "/moscowtimes/sitemap/2026-04.xml");
  ASSERT_TRUE(child && *child);
  EXPECT_TRUE((*child)->etag);
  // An article listed by the feed and by a sitemap is one item, fetched once.
  EXPECT_EQ(server_.request_count(
                "/moscowtimes/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469"),
            1u);
}

TEST_F(PipelineTest, ReadsASectionPageForTheLinksThatLookLikeArticles) {
  auto cfg = config(false);
  auto db = open();
  ASSERT_TRUE(ingest::pipeline::run_pass(cfg, flag::default_rules(), db));
  auto rostec = store::items_in_state(db, store::ItemState::stored);
  ASSERT_TRUE(rostec);
  std::vector<std::string> urls;
  for (const auto& item : *rostec)
    if (item.outlet == "Rostec") urls.push_back(item.canonical_url);
  EXPECT_EQ(urls, std::vector<std::string>{server_.origin() +
                                           "/rostec/en/media/news/ruselectronics-ships-first-batch-of-industrial-controllers"});
  // Navigation, pagination and links to other sites are not articles.
  EXPECT_EQ(server_.request_count("/rostec/en/about/"), 0u);
  EXPECT_EQ(server_.request_count("/rostec/en/media/news/"), 0u);
  EXPECT_EQ(server_.request_count("/rostec/en/media/news/cooperation-with-cuba"), 1u);
}

TEST_F(PipelineTest, LeavesEntriesOlderThanTheOutletsMaxAge) {
  auto cfg = config(false);
  for (auto& outlet : cfg.outlets) outlet.max_age = std::chrono::hours{24};
  auto db = open();
  auto report = ingest::pipeline::run_pass(cfg, flag::default_rules(), db);
  ASSERT_TRUE(report) << report.error().message;
  // Every feed and sitemap entry of the fixture site is months old; a section page's links
  // carry no date and are taken.
  EXPECT_EQ(report->entries_too_old, report->entries_seen - 2);
  EXPECT_EQ(report->items_new, 2);
}

TEST_F(PipelineTest, ABrokenSourceAndBadArticlesDoNotStopThePass) {
  auto cfg = config(true);
  cfg.fetch.max_attempts = 2;
  auto db = open();
  auto report = ingest::pipeline::run_pass(cfg, flag::default_rules(), db);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->items_flagged, 5);
  // broken/feed.xml is recovered with a warning or fails; broken/rss.xml is fine.
  EXPECT_EQ(report->sources_ok + report->sources_failed, 12);
  EXPECT_EQ(report->items_failed, 2);  // the 404 page and the PDF

  auto sources = store::list_sources(db);
  ASSERT_TRUE(sources);
  auto failed = store::items_in_state(db, store::ItemState::failed);
  ASSERT_TRUE(failed);
  ASSERT_EQ(failed->size(), 1u);  // the PDF can never become an article
  EXPECT_TRUE(failed->front().canonical_url.ends_with("/broken/report.pdf"));
  EXPECT_EQ(failed->front().error_kind, store::FailureKind::not_html);
  // The 404 is retried later, not given up on at once.
  auto pending = store::items_in_state(db, store::ItemState::discovered);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_TRUE(pending->front().canonical_url.ends_with("/broken/missing-article"));
  EXPECT_EQ(pending->front().attempts, 1);
  EXPECT_EQ(pending->front().error_kind, store::FailureKind::http_4xx);
}

// A stage that throws (here at the crash point inside extraction, made to throw for one
// article) fails that article's attempt with the kind `exception`; the pass goes on, every
// other article is stored, and after its attempts the article is failed for good.
TEST_F(PipelineTest, AStageThatThrowsFailsOnlyItsArticleAndItEndsFailedAfterItsAttempts) {
  auto cfg = config(false);
  cfg.fetch.max_attempts = 2;
  auto db = open();
  std::string poisoned;
  fault::set_subject_observer([&poisoned](std::string_view name, std::string_view subject) {
    if (name != "pass.extracting") return;
    if (poisoned.empty()) poisoned = subject;
    if (subject == poisoned) throw std::runtime_error("injected failure");
  });
  auto first = ingest::pipeline::run_pass(cfg, flag::default_rules(), db);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_FALSE(poisoned.empty());
  EXPECT_EQ(first->items_failed, 1);
  EXPECT_EQ(first->items_stored + first->items_duplicate, 14);
  auto item = [&] {
    auto all = store::items_in_state(db, store::ItemState::discovered);
    for (const auto& i : all.value_or(std::vector<store::ItemRecord>{}))
      if (i.canonical_url == poisoned) return std::optional<store::ItemRecord>{i};
    auto failed = store::items_in_state(db, store::ItemState::failed);
    for (const auto& i : failed.value_or(std::vector<store::ItemRecord>{}))
      if (i.canonical_url == poisoned) return std::optional<store::ItemRecord>{i};
    return std::optional<store::ItemRecord>{};
  };
  auto after_first = item();
  ASSERT_TRUE(after_first);
  EXPECT_EQ(after_first->state, store::ItemState::discovered);  // retried later
  EXPECT_EQ(after_first->error_kind, store::FailureKind::exception);
  EXPECT_EQ(after_first->last_error, "injected failure");
  // Its retry comes due (as time would make it), and it throws again: its last attempt.
  ASSERT_TRUE(db.execute("UPDATE items SET next_attempt = '2000-01-01T00:00:00Z' WHERE state = 'discovered'"));
  auto second = ingest::pipeline::run_pass(cfg, flag::default_rules(), db);
  fault::set_subject_observer({});
  ASSERT_TRUE(second) << second.error().message;
  auto after_second = item();
  ASSERT_TRUE(after_second);
  EXPECT_EQ(after_second->state, store::ItemState::failed);
  EXPECT_EQ(after_second->error_kind, store::FailureKind::exception);
  EXPECT_EQ(after_second->attempts, 2);
}

TEST_F(PipelineTest, RecordsAFailingSourceAndKeepsItsOtherOutlets) {
  auto cfg = config(false);
  server_.set_status("/radiohc/en/rss.xml", 500);
  auto db = open();
  auto report = ingest::pipeline::run_pass(cfg, flag::default_rules(), db);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->sources_failed, 1);
  EXPECT_EQ(report->items_flagged, 4);
  auto source = store::find_source(db, server_.origin() + "/radiohc/en/rss.xml");
  ASSERT_TRUE(source && *source);
  EXPECT_EQ((*source)->error_kind, store::FailureKind::http_5xx);
  EXPECT_EQ((*source)->error_count, 1);
  EXPECT_FALSE((*source)->last_ok);
}

TEST_F(PipelineTest, HostileSourcesEachRecordTheirErrorKindAndTheOthersAreFetched) {
  // Four hostile feeds on a second host beside the four good outlets.
  FixtureServer hostile{test_support::source_path("tests/fixtures/site"), 0, "127.0.0.2"};
  hostile.set_gzip_bomb("/bomb.xml", std::uint64_t{1} << 30);
  hostile.set_endless_body("/endless.xml");
  hostile.set_reset_mid_body("/reset.xml", 500);
  hostile.set_status("/busy.xml", 429);
  hostile.set_header("/busy.xml", "Retry-After", "7200");
  auto cfg = config(false);
  cfg.fetch.max_body_bytes = 2 << 20;
  cfg.fetch.retry_delay = std::chrono::milliseconds{10};
  Outlet bad;
  bad.name = "Hostile";
  for (const char* path : {"/bomb.xml", "/endless.xml", "/reset.xml", "/busy.xml"})
    bad.feeds.push_back(hostile.origin() + path);
  cfg.outlets.push_back(bad);
  auto db = open();
  auto report = ingest::pipeline::run_pass(cfg, flag::default_rules(), db);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->sources_ok, 10);
  EXPECT_EQ(report->sources_failed, 4);
  EXPECT_EQ(report->items_flagged, 5);
  std::map<std::string, std::string> kinds;
  auto sources = store::list_sources(db);
  ASSERT_TRUE(sources);
  for (const auto& s : *sources)
    if (s.outlet == "Hostile") kinds[s.url.substr(s.url.rfind('/'))] = s.error_kind ? store::failure_kind_name(*s.error_kind) : "none";
  EXPECT_EQ(kinds["/bomb.xml"], "too_large");
  EXPECT_EQ(kinds["/endless.xml"], "too_large");
  EXPECT_EQ(kinds["/reset.xml"], "network");
  EXPECT_EQ(kinds["/busy.xml"], "http_4xx");
  // The server's Retry-After (2 h) pushes the next check beyond the outlet's interval.
  auto busy = store::find_source(db, hostile.origin() + "/busy.xml");
  ASSERT_TRUE(busy && *busy && (*busy)->next_check);
  auto in_an_hour = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) +
                    std::chrono::hours{1};
  EXPECT_GT(*(*busy)->next_check, normalize::format_iso8601_utc(normalize::Timestamp{in_an_hour, {}, true}));
}

TEST_F(PipelineTest, AFeedThatRobotsTxtDisallowsIsRecordedAsSuchAndNotFetched) {
  FixtureServer guarded{test_support::source_path("tests/fixtures/site"), 0, "127.0.0.2"};
  guarded.set_body("/robots.txt", "User-agent: *\nDisallow: /radiohc/\n", "text/plain");
  // The Moscow Times feed, served with a content type no feed should have: still read.
  guarded.set_content_type("/moscowtimes/rss/news.xml", "application/octet-stream");
  ingest::pipeline::Config cfg;
  cfg.fetch.min_delay = std::chrono::milliseconds{0};
  Outlet outlet;
  outlet.name = "Guarded";
  outlet.feeds = {guarded.origin() + "/radiohc/en/rss.xml", guarded.origin() + "/moscowtimes/rss/news.xml"};
  cfg.outlets.push_back(outlet);
  auto db = open();
  auto report = ingest::pipeline::run_pass(cfg, flag::default_rules(), db);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->sources_failed, 1);
  EXPECT_EQ(report->sources_ok, 1);
  EXPECT_EQ(report->items_flagged, 1);  // the Moscow Times seed article
  EXPECT_EQ(guarded.request_count("/radiohc/en/rss.xml"), 0u);
  auto source = store::find_source(db, guarded.origin() + "/radiohc/en/rss.xml");
  ASSERT_TRUE(source && *source);
  EXPECT_EQ((*source)->error_kind, store::FailureKind::robots_disallowed);
}

}  // namespace
