// store/listing.cpp: the console's pages of items, their filters, order, total and neighbours.
#include "store/listing.h"

#include <gtest/gtest.h>

#include "store/review.h"
#include "tests/store/store_test_support.h"

namespace {

using store::ItemState;
using store::ListingQuery;
using store_test::processed;
using store_test::StoreTest;

class Listing : public StoreTest {
 protected:
  std::int64_t item(const std::string& url, const std::string& outlet, std::optional<std::string> published,
                    double score, const std::string& language = "en") {
    std::int64_t id = discover(url, outlet);
    auto p = processed("Title " + url, true, std::move(published));
    p.verdict.score = score;
    p.language = language;
    EXPECT_TRUE(store::record_item_stored(db(), id, p));
    return id;
  }
  std::vector<std::int64_t> ids(const ListingQuery& query) {
    auto listing = store::list_items(db(), query);
    EXPECT_TRUE(listing) << listing.error().message;
    std::vector<std::int64_t> out;
    if (listing)
      for (const auto& i : listing->items) out.push_back(i.id);
    return out;
  }
};

TEST_F(Listing, ArrivalOrderIsNewestFirstAndPagesCarryTheTotal) {
  auto a = item("https://x.org/a", "RHC", "2026-01-01T10:00:00Z", 1);
  auto b = item("https://x.org/b", "RHC", "2026-01-03T10:00:00Z", 3);
  auto c = item("https://x.org/c", "RHC", "2026-01-02T10:00:00Z", 2);
  EXPECT_EQ(ids({}), (std::vector<std::int64_t>{c, b, a}));
  ListingQuery second_page;
  second_page.limit = 2;
  second_page.offset = 2;
  auto listing = store::list_items(db(), second_page);
  ASSERT_TRUE(listing);
  EXPECT_EQ(listing->total, 3);
  ASSERT_EQ(listing->items.size(), 1u);
  EXPECT_EQ(listing->items[0].id, a);
  EXPECT_EQ(listing->items[0].title, "Title https://x.org/a");
  EXPECT_EQ(listing->items[0].url, "https://x.org/a");
}

TEST_F(Listing, SortsByPublicationInstantAcrossOffsetsAndByScore) {
  auto a = item("https://x.org/a", "RHC", "2026-01-02T01:00:00+05:00", 5);  // 2026-01-01T20:00Z
  auto b = item("https://x.org/b", "RHC", "2026-01-01T22:00:00Z", 1);
  auto c = item("https://x.org/c", "RHC", std::nullopt, 3);
  ListingQuery by_date;
  by_date.sort = ListingQuery::Sort::publication;
  EXPECT_EQ(ids(by_date), (std::vector<std::int64_t>{b, a, c}));
  ListingQuery by_score;
  by_score.sort = ListingQuery::Sort::score;
  EXPECT_EQ(ids(by_score), (std::vector<std::int64_t>{a, c, b}));
}

TEST_F(Listing, FiltersByOutletLanguageDayAndScoreTogether) {
  item("https://x.org/a", "RHC", "2026-01-05T10:00:00Z", 4, "es");
  auto b = item("https://x.org/b", "The Moscow Times", "2026-01-05T10:00:00Z", 4, "en");
  item("https://x.org/c", "The Moscow Times", "2026-01-01T10:00:00Z", 4, "en");
  item("https://x.org/d", "The Moscow Times", "2026-01-06T10:00:00Z", 1, "en");
  ListingQuery query;
  query.outlet = "The Moscow Times";
  query.language = "en";
  query.since_day = "2026-01-05";
  query.min_score = 2;
  EXPECT_EQ(ids(query), (std::vector<std::int64_t>{b}));
  auto languages = store::languages_in_state(db(), ItemState::flagged);
  ASSERT_TRUE(languages);
  EXPECT_EQ(*languages, (std::vector<std::string>{"en", "es"}));
}

TEST_F(Listing, OtherStatesListWithWhoDecidedThem) {
  auto a = item("https://x.org/a", "RHC", std::nullopt, 4);
  item("https://x.org/b", "RHC", std::nullopt, 4);
  ASSERT_TRUE(store::decide_undecided(db(), a, store::ReviewAction::approve, std::nullopt, "ana"));
  ListingQuery approved;
  approved.state = ItemState::approved;
  auto listing = store::list_items(db(), approved);
  ASSERT_TRUE(listing);
  ASSERT_EQ(listing->items.size(), 1u);
  EXPECT_EQ(listing->items[0].decided_by, "ana");
  EXPECT_TRUE(listing->items[0].decided_at.has_value());
  EXPECT_EQ(ids({}).size(), 1u);
}

TEST_F(Listing, NeighboursFollowTheSameOrderAndFilter) {
  auto a = item("https://x.org/a", "RHC", std::nullopt, 1);
  auto b = item("https://x.org/b", "Other", std::nullopt, 2);
  auto c = item("https://x.org/c", "RHC", std::nullopt, 3);
  auto all = store::neighbours(db(), {}, b);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->previous, c);
  EXPECT_EQ(all->next, a);
  ListingQuery rhc;
  rhc.outlet = "RHC";
  auto filtered = store::neighbours(db(), rhc, c);
  ASSERT_TRUE(filtered);
  EXPECT_EQ(filtered->previous, std::nullopt);
  EXPECT_EQ(filtered->next, a);
  auto absent = store::neighbours(db(), rhc, b);
  ASSERT_TRUE(absent);
  EXPECT_FALSE(absent->previous || absent->next);
}

}  // namespace

namespace {

// count_by_state reads state_counts, which triggers keep: it must agree with counting the
// items themselves after every kind of change.
TEST_F(Listing, CountsByStateFollowEveryChangeOfState) {
  auto agree = [this] {
    auto kept = store::count_by_state(db());
    ASSERT_TRUE(kept);
    for (const auto& [state, count] : *kept)
      EXPECT_EQ(count, count_rows("SELECT COUNT(*) FROM items WHERE state = '" + std::string{store::state_name(state)} +
                                  "'"))
          << store::state_name(state);
  };
  auto a = item("https://x.org/a", "RHC", std::nullopt, 4);
  auto b = item("https://x.org/b", "RHC", std::nullopt, 4);
  discover("https://x.org/c");
  agree();
  ASSERT_TRUE(store::decide_undecided(db(), a, store::ReviewAction::approve, std::nullopt, "ana"));
  ASSERT_TRUE(store::decide_undecided(db(), b, store::ReviewAction::reject, std::nullopt, "ana"));
  agree();
  ASSERT_TRUE(store::undo_decision(db(), b, "ana", false));
  agree();
  ASSERT_TRUE(db().execute("DELETE FROM decisions WHERE item_id = " + std::to_string(a)));
  ASSERT_TRUE(db().execute("DELETE FROM fingerprint_bands"));
  ASSERT_TRUE(db().execute("DELETE FROM fingerprints"));
  ASSERT_TRUE(db().execute("DELETE FROM items WHERE id = " + std::to_string(a)));
  agree();
  EXPECT_EQ(store::count_by_state(db())->at(store::ItemState::approved), 0);
  EXPECT_EQ(store::count_by_state(db())->at(store::ItemState::flagged), 1);
  EXPECT_EQ(store::count_by_state(db())->at(store::ItemState::discovered), 1);
}

}  // namespace
