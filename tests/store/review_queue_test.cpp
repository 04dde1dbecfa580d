// store/items.cpp: the review queue's filters (outlet, since, unflagged items) and its order.
#include <gtest/gtest.h>

#include "store/review.h"
#include "tests/store/store_test_support.h"

namespace {

using store::QueueFilter;
using store_test::processed;
using store_test::StoreTest;
using Ids = std::vector<std::int64_t>;

class ReviewQueue : public StoreTest {
 protected:
  std::int64_t stored(const std::string& url, bool flagged, std::optional<std::string> published,
                      const std::string& outlet = "The Moscow Times") {
    std::int64_t id = discover(url, outlet);
    EXPECT_TRUE(store::record_item_stored(db(), id, processed("Item " + url, flagged, std::move(published))));
    return id;
  }
  Ids ids(const QueueFilter& filter) {
    auto queue = store::review_queue(db(), filter);
    EXPECT_TRUE(queue.has_value()) << queue.error().message;
    Ids out;
    if (queue)
      for (const auto& item : *queue) out.push_back(item.id);
    return out;
  }
  static QueueFilter outlet(const std::string& name) {
    QueueFilter filter;
    filter.outlet = name;
    return filter;
  }
  static QueueFilter since_day(const std::string& day) {
    QueueFilter filter;
    filter.since_day = day;
    return filter;
  }
  static QueueFilter since_instant(const std::string& instant) {
    QueueFilter filter;
    filter.since_instant = instant;
    return filter;
  }
};

TEST_F(ReviewQueue, WithoutFiltersHoldsFlaggedItemsOnlyNewestFirst) {
  std::int64_t older = stored("https://a.example/1", true, "2026-04-09T10:00:00Z");
  stored("https://a.example/2", false, "2026-04-11T10:00:00Z");
  std::int64_t newer = stored("https://a.example/3", true, "2026-04-10T10:00:00Z");
  EXPECT_EQ(ids({}), (Ids{newer, older}));
}

TEST_F(ReviewQueue, AllAddsStoredItemsThatWereNotFlaggedInTheSameOrder) {
  std::int64_t older = stored("https://a.example/1", true, "2026-04-09T10:00:00Z");
  std::int64_t unflagged = stored("https://a.example/2", false, "2026-04-11T10:00:00Z");
  std::int64_t newer = stored("https://a.example/3", true, "2026-04-10T10:00:00Z");
  QueueFilter all;
  all.include_unflagged = true;
  EXPECT_EQ(ids(all), (Ids{unflagged, newer, older}));
}

TEST_F(ReviewQueue, AllStillLeavesOutDecidedAndDuplicateItems) {
  std::int64_t decided = stored("https://a.example/1", false, std::nullopt);
  ASSERT_TRUE(store::decide(db(), decided, store::ReviewAction::reject, std::nullopt));
  std::int64_t copy = discover("https://a.example/copy");
  ASSERT_TRUE(store::record_item_duplicate(db(), copy, processed("Copy", false),
                                           store::Duplicate{decided, std::nullopt, store::DuplicateKind::exact, std::nullopt}));
  QueueFilter all;
  all.include_unflagged = true;
  EXPECT_TRUE(ids(all).empty());
}

TEST_F(ReviewQueue, AnOutletFilterKeepsThatOutletsItemsWhateverTheCaseOfItsName) {
  std::int64_t tass = stored("https://tass.example/1", true, "2026-04-09T10:00:00Z", "TASS");
  stored("https://mt.example/1", true, "2026-04-10T10:00:00Z", "The Moscow Times");
  EXPECT_EQ(ids(outlet("TASS")), Ids{tass});
  EXPECT_EQ(ids(outlet("tass")), Ids{tass});
  EXPECT_TRUE(ids(outlet("Granma")).empty());
}

TEST_F(ReviewQueue, ADayCountsTheDateAsThePublisherWroteIt) {
  // Past midnight in Moscow on the 10th, still the 9th in UTC.
  std::int64_t moscow = stored("https://a.example/1", true, "2026-04-10T01:00:00+03:00");
  std::int64_t before = stored("https://a.example/2", true, "2026-04-09T23:30:00-04:00");
  EXPECT_EQ(ids(since_day("2026-04-10")), Ids{moscow});
  EXPECT_EQ(ids(since_day("2026-04-09")), (Ids{before, moscow}));
}

TEST_F(ReviewQueue, AnInstantComparesInstantsAcrossOffsets) {
  std::int64_t moscow = stored("https://a.example/1", true, "2026-04-10T01:00:00+03:00");  // 2026-04-09T22:00Z
  std::int64_t havana = stored("https://a.example/2", true, "2026-04-09T19:30:00-04:00");  // 2026-04-09T23:30Z
  EXPECT_EQ(ids(since_instant("2026-04-09T23:00:00Z")), Ids{havana});
  EXPECT_EQ(ids(since_instant("2026-04-09T22:00:00Z")), (Ids{havana, moscow}));
}

TEST_F(ReviewQueue, SinceFallsBackToTheFeedDateThenToTheFetchTime) {
  std::int64_t feed_dated = discover("https://a.example/1", "TASS", "2000-01-02T08:00:00Z");
  ASSERT_TRUE(store::record_item_stored(db(), feed_dated, processed("Feed dated", true)));
  std::int64_t undated = stored("https://a.example/2", true, std::nullopt);  // fetched now
  const std::string today = store::now_utc().substr(0, 10);
  EXPECT_EQ(ids(since_day("2000-01-02")), (Ids{feed_dated, undated}));
  EXPECT_EQ(ids(since_day("2000-01-03")), Ids{undated});
  EXPECT_EQ(ids(since_day(today)), Ids{undated});
  EXPECT_EQ(ids(since_instant("2000-01-02T09:00:00Z")), Ids{undated});
  EXPECT_EQ(ids(since_day("2999-01-01")), Ids{});
}

TEST_F(ReviewQueue, FiltersCombine) {
  std::int64_t wanted = stored("https://tass.example/1", false, "2026-04-12T08:00:00Z", "TASS");
  stored("https://tass.example/2", false, "2026-04-01T08:00:00Z", "TASS");
  stored("https://mt.example/1", true, "2026-04-12T08:00:00Z", "The Moscow Times");
  QueueFilter filter;
  filter.outlet = "TASS";
  filter.since_day = "2026-04-10";
  filter.include_unflagged = true;
  EXPECT_EQ(ids(filter), Ids{wanted});
}

TEST_F(ReviewQueue, KnownOutletsComeFromItemsAndSources) {
  stored("https://tass.example/1", true, std::nullopt, "TASS");
  discover("https://granma.example/1", "Granma");
  ASSERT_TRUE(db().execute("INSERT INTO sources (outlet, url, kind) VALUES ('Cubadebate', 'https://c.example/feed', 'feed')"));
  auto known = store::known_outlets(db());
  ASSERT_TRUE(known.has_value()) << known.error().message;
  EXPECT_EQ(*known, (std::vector<std::string>{"Cubadebate", "Granma", "TASS"}));
}

}  // namespace
