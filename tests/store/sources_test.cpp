// store/sources.cpp: per-source fetch state.
#include "store/sources.h"

#include <gtest/gtest.h>

#include "tests/store/store_test_support.h"

namespace {

using store_test::StoreTest;

class Sources : public StoreTest {
 protected:
  store::SourceState find(const std::string& url) {
    auto found = store::find_source(db(), url);
    EXPECT_TRUE(found.has_value());
    EXPECT_TRUE(found.has_value() && found->has_value()) << url;
    return found.has_value() && found->has_value() ? **found : store::SourceState{};
  }
};

constexpr const char* kFeed = "https://www.themoscowtimes.com/rss/news";

TEST_F(Sources, RegisterAddsANewSourceWithNoState) {
  ASSERT_TRUE(store::register_source(db(), "The Moscow Times", kFeed, "feed"));
  auto s = find(kFeed);
  EXPECT_EQ(s.outlet, "The Moscow Times");
  EXPECT_EQ(s.url, kFeed);
  EXPECT_EQ(s.kind, "feed");
  EXPECT_EQ(s.etag, std::nullopt);
  EXPECT_EQ(s.last_ok, std::nullopt);
  EXPECT_EQ(s.error_count, 0);
}

TEST_F(Sources, FindReturnsNulloptForAnUnknownUrl) {
  auto found = store::find_source(db(), "https://unknown.example/");
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->has_value());
}

TEST_F(Sources, RegisterIsIdempotentAndKeepsTheState) {
  ASSERT_TRUE(store::register_source(db(), "The Moscow Times", kFeed, "feed"));
  ASSERT_TRUE(store::record_source_success(db(), kFeed, "\"v1\"", "Tue, 21 Apr 2026 19:40:00 GMT",
                                           "2026-04-21T20:00:00Z"));
  ASSERT_TRUE(store::register_source(db(), "Moscow Times (renamed)", kFeed, "feed"));
  auto all = store::list_sources(db());
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().outlet, "Moscow Times (renamed)");
  EXPECT_EQ(all->front().etag, "\"v1\"");
  EXPECT_EQ(all->front().next_check, "2026-04-21T20:00:00Z");
}

TEST_F(Sources, RegisterRejectsAnUnknownKind) {
  auto r = store::register_source(db(), "Outlet", "https://a.example/", "podcast");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, store::Error::Code::sql);
}

TEST_F(Sources, SuccessStoresValidatorsAndClearsErrors) {
  ASSERT_TRUE(store::register_source(db(), "The Moscow Times", kFeed, "feed"));
  ASSERT_TRUE(store::record_source_failure(db(), kFeed, store::Failure{store::FailureKind::http_5xx, "HTTP 503"}, "2026-04-21T20:05:00Z"));
  ASSERT_TRUE(store::record_source_success(db(), kFeed, "\"abc\"", "Tue, 21 Apr 2026 19:40:00 GMT",
                                           "2026-04-21T20:15:00Z"));
  auto s = find(kFeed);
  EXPECT_EQ(s.etag, "\"abc\"");
  EXPECT_EQ(s.last_modified, "Tue, 21 Apr 2026 19:40:00 GMT");
  EXPECT_TRUE(s.last_ok.has_value());
  EXPECT_EQ(s.last_error, std::nullopt);
  EXPECT_EQ(s.error_kind, std::nullopt);
  EXPECT_EQ(s.error_count, 0);
  EXPECT_EQ(s.error_since, std::nullopt);
  EXPECT_EQ(s.next_check, "2026-04-21T20:15:00Z");
}

TEST_F(Sources, SuccessWithoutValidatorsClearsTheOldOnes) {
  ASSERT_TRUE(store::register_source(db(), "O", kFeed, "feed"));
  ASSERT_TRUE(store::record_source_success(db(), kFeed, "\"abc\"", std::nullopt, "2026-04-21T20:15:00Z"));
  ASSERT_TRUE(store::record_source_success(db(), kFeed, std::nullopt, std::nullopt, "2026-04-21T20:30:00Z"));
  auto s = find(kFeed);
  EXPECT_EQ(s.etag, std::nullopt);
  EXPECT_EQ(s.last_modified, std::nullopt);
}

TEST_F(Sources, FailuresCountUpAndKeepTheTimeOfTheFirst) {
  ASSERT_TRUE(store::register_source(db(), "The Moscow Times", kFeed, "feed"));
  ASSERT_TRUE(store::record_source_failure(db(), kFeed, store::Failure{store::FailureKind::timeout, "timed out"}, "2026-04-21T20:05:00Z"));
  auto first = find(kFeed);
  EXPECT_EQ(first.error_count, 1);
  ASSERT_TRUE(first.error_since.has_value());
  // Pretend the first failure was long ago, so a later failure's own time would differ.
  auto backdate = db().prepare("UPDATE sources SET error_since = '2000-01-01T00:00:00Z' WHERE url = ?1");
  ASSERT_TRUE(backdate.has_value());
  ASSERT_TRUE(backdate->bind(1, kFeed).run());

  ASSERT_TRUE(store::record_source_failure(db(), kFeed, store::Failure{store::FailureKind::http_5xx, "HTTP 503"}, "2026-04-21T20:10:00Z"));
  ASSERT_TRUE(store::record_source_failure(db(), kFeed, store::Failure{store::FailureKind::connect, "refused"}, "2026-04-21T20:20:00Z"));
  auto s = find(kFeed);
  EXPECT_EQ(s.error_count, 3);
  EXPECT_EQ(s.error_since, "2000-01-01T00:00:00Z");
  EXPECT_EQ(s.error_kind, store::FailureKind::connect);
  EXPECT_EQ(s.last_error, "refused");
  EXPECT_EQ(s.next_check, "2026-04-21T20:20:00Z");
}

TEST_F(Sources, AFailureAfterASuccessStartsANewErrorRun) {
  ASSERT_TRUE(store::register_source(db(), "O", kFeed, "feed"));
  ASSERT_TRUE(store::record_source_failure(db(), kFeed, store::Failure{store::FailureKind::timeout, "t"}, "2026-04-21T20:05:00Z"));
  ASSERT_TRUE(db().execute("UPDATE sources SET error_since = '2000-01-01T00:00:00Z'"));
  ASSERT_TRUE(store::record_source_success(db(), kFeed, std::nullopt, std::nullopt, "2026-04-21T20:15:00Z"));
  ASSERT_TRUE(store::record_source_failure(db(), kFeed, store::Failure{store::FailureKind::timeout, "t"}, "2026-04-21T20:25:00Z"));
  auto s = find(kFeed);
  EXPECT_EQ(s.error_count, 1);
  ASSERT_TRUE(s.error_since.has_value());
  EXPECT_NE(s.error_since, "2000-01-01T00:00:00Z");
  EXPECT_TRUE(s.last_ok.has_value());
}

TEST_F(Sources, ListReturnsEverySourceOrderedByOutletThenUrl) {
  ASSERT_TRUE(store::register_source(db(), "Radio Habana Cuba", "https://www.radiohc.cu/en/rss", "feed"));
  ASSERT_TRUE(store::register_source(db(), "CiberCuba", "https://www.cibercuba.com/sitemap.xml", "sitemap"));
  ASSERT_TRUE(store::register_source(db(), "CiberCuba", "https://www.cibercuba.com/noticias", "section"));
  auto all = store::list_sources(db());
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].url, "https://www.cibercuba.com/noticias");
  EXPECT_EQ((*all)[0].kind, "section");
  EXPECT_EQ((*all)[1].url, "https://www.cibercuba.com/sitemap.xml");
  EXPECT_EQ((*all)[1].kind, "sitemap");
  EXPECT_EQ((*all)[2].outlet, "Radio Habana Cuba");
}

TEST_F(Sources, ListOfAnEmptyStoreIsEmpty) {
  auto all = store::list_sources(db());
  ASSERT_TRUE(all.has_value());
  EXPECT_TRUE(all->empty());
}

}  // namespace
