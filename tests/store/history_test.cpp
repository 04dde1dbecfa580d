// store/history.cpp: an item's trail, oldest first.
#include "store/history.h"

#include <gtest/gtest.h>

#include "store/export.h"
#include "store/review.h"
#include "tests/store/store_test_support.h"

namespace {

using Kind = store::HistoryEvent::Kind;
using store::ReviewAction;
using store_test::processed;
using store_test::StoreTest;

class History : public StoreTest {
 protected:
  // The item's history; an empty one, and a failed test, if there is none.
  store::ItemHistory history(std::int64_t id) {
    auto found = store::item_history(db(), id);
    if (found && *found) return **found;
    ADD_FAILURE() << "no history for item " << id << (found ? "" : ": " + found.error().message);
    return {};
  }
  static std::vector<Kind> kinds(const store::ItemHistory& h) {
    std::vector<Kind> out;
    for (const auto& e : h.events) out.push_back(e.kind);
    return out;
  }
};

TEST_F(History, OfAnApprovedAndExportedItemRunsFromDiscoveryToTheCorpusFile) {
  std::int64_t id = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), id, processed("Deal", true, "2026-04-10T10:00:00Z")));
  ASSERT_TRUE(store::decide(db(), id, ReviewAction::approve, std::string{"on topic"}, std::string{"ana"}));
  auto written = store::export_approved(db(), dir() / "corpus");
  ASSERT_TRUE(written.has_value() && written->size() == 1u);

  auto h = history(id);
  EXPECT_EQ(h.item.id, id);
  ASSERT_EQ(kinds(h), (std::vector<Kind>{Kind::discovered, Kind::fetched, Kind::decided, Kind::exported}));
  EXPECT_EQ(h.events[0].source, "https://example.org/feed");
  ASSERT_TRUE(h.events[1].version.has_value());
  EXPECT_EQ(h.events[1].version->number, 1);
  EXPECT_EQ(h.events[1].version->title, "Deal");
  EXPECT_TRUE(h.events[1].version->flagged);
  EXPECT_DOUBLE_EQ(h.events[1].version->score, 3.5);
  EXPECT_EQ(h.events[1].version->rules_version, "rules-v1");
  ASSERT_TRUE(h.events[2].decision.has_value());
  EXPECT_EQ(h.events[2].decision->decision, "approved");
  EXPECT_EQ(h.events[2].decision->user, "ana");
  EXPECT_EQ(h.events[2].decision->note, "on topic");
  EXPECT_EQ(h.events[3].corpus_file, written->front());
  for (std::size_t i = 1; i < h.events.size(); ++i)
    EXPECT_LE(h.events[i - 1].at, h.events[i].at) << "oldest first";
}

TEST_F(History, ShowsEveryVersionOfARevisedItemWithItsVerdict) {
  std::int64_t id = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), id, processed("First version", false)));
  ASSERT_TRUE(store::record_revision(db(), id, processed("Corrected version", true, std::nullopt,
                                                         "Cuba and Russia signed a new agreement.")));
  auto h = history(id);
  ASSERT_EQ(kinds(h), (std::vector<Kind>{Kind::discovered, Kind::fetched, Kind::revised}));
  EXPECT_EQ(h.events[1].version->number, 1);
  EXPECT_EQ(h.events[1].version->title, "First version");
  EXPECT_FALSE(h.events[1].version->flagged);
  EXPECT_EQ(h.events[1].version->rules_version, std::nullopt) << "a revision keeps no rules version";
  EXPECT_EQ(h.events[2].version->number, 2);
  EXPECT_EQ(h.events[2].version->title, "Corrected version");
  EXPECT_TRUE(h.events[2].version->flagged);
  EXPECT_EQ(h.events[2].version->rules_version, "rules-v1");
  EXPECT_EQ(h.events[2].at, h.item.revisions[0].replaced_at);
}

TEST_F(History, KeepsEveryDecisionWhenAReviewerChangesTheirMind) {
  std::int64_t id = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), id, processed("Deal", true)));
  ASSERT_TRUE(store::decide(db(), id, ReviewAction::approve, std::nullopt, std::string{"ana"}));
  ASSERT_TRUE(store::decide(db(), id, ReviewAction::reject, std::string{"a denial"}, std::string{"luis"}));
  auto h = history(id);
  ASSERT_EQ(kinds(h), (std::vector<Kind>{Kind::discovered, Kind::fetched, Kind::decided, Kind::decided}));
  EXPECT_EQ(h.events[2].decision->decision, "approved");
  EXPECT_EQ(h.events[2].decision->user, "ana");
  EXPECT_EQ(h.events[3].decision->decision, "rejected");
  EXPECT_EQ(h.events[3].decision->user, "luis");
  EXPECT_EQ(h.events[3].decision->note, "a denial");
}

TEST_F(History, OfADuplicateSaysWhatItRepeats) {
  std::int64_t first = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), first, processed("Original", true)));
  std::int64_t copy = discover("https://a.example/copy");
  ASSERT_TRUE(store::record_item_duplicate(db(), copy, processed("Copy", true),
                                           store::Duplicate{first, std::nullopt, store::DuplicateKind::near, 0.93}));
  auto h = history(copy);
  ASSERT_EQ(kinds(h), (std::vector<Kind>{Kind::discovered, Kind::fetched}));
  ASSERT_TRUE(h.events[1].version->duplicate.has_value());
  EXPECT_EQ(h.events[1].version->duplicate->item_id, first);
  EXPECT_EQ(h.events[1].version->duplicate->kind, store::DuplicateKind::near);
  EXPECT_EQ(h.events[1].version->duplicate->similarity, 0.93);
}

TEST_F(History, OfAnItemThatFailedEndsWithItsLastError) {
  std::int64_t id = discover("https://a.example/1");
  ASSERT_TRUE(store::begin_attempt(db(), id) && store::record_item_failure(db(), id, store::Failure{store::FailureKind::http_4xx, "http 404"}, 1, "2999-01-01T00:00:00Z"));
  auto h = history(id);
  ASSERT_EQ(kinds(h), (std::vector<Kind>{Kind::discovered, Kind::failed}));
  EXPECT_EQ(h.events[1].error, "http 404");
  EXPECT_EQ(h.events[1].attempts, 1);
  EXPECT_TRUE(h.events[1].final);
}

TEST_F(History, OfAnUnknownItemIsNothing) {
  auto found = store::item_history(db(), 4242);
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_FALSE(found->has_value());
}

}  // namespace
