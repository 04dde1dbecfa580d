// store/review.cpp: a reviewer's decisions.
#include "store/review.h"

#include <gtest/gtest.h>

#include "store/export.h"
#include "tests/store/store_test_support.h"

namespace {

using store::Error;
using store::ReviewAction;
using store_test::processed;
using store_test::StoreTest;

class Review : public StoreTest {
 protected:
  std::int64_t flagged_item(const std::string& url) {
    std::int64_t id = discover(url);
    EXPECT_TRUE(store::record_item_stored(db(), id, processed("Flagged " + url, true)));
    return id;
  }
  store::ItemRecord item(std::int64_t id) {
    auto found = store::find_item(db(), id);
    EXPECT_TRUE(found.has_value() && found->has_value());
    return found.has_value() && found->has_value() ? **found : store::ItemRecord{};
  }
};

TEST_F(Review, ApprovingRecordsTheDecisionWithItsNoteAndMovesTheState) {
  std::int64_t id = flagged_item("https://a.example/1");
  auto r = store::decide(db(), id, ReviewAction::approve, std::string{"checked by ana"});
  ASSERT_TRUE(r.has_value()) << r.error().message;
  auto rec = item(id);
  EXPECT_EQ(rec.state, store::ItemState::approved);
  ASSERT_EQ(rec.decisions.size(), 1u);
  EXPECT_EQ(rec.decisions[0].decision, "approved");
  EXPECT_EQ(rec.decisions[0].note, "checked by ana");
  EXPECT_FALSE(rec.decisions[0].decided_at.empty());
}

TEST_F(Review, RejectingWithoutANoteRecordsNoNote) {
  std::int64_t id = flagged_item("https://a.example/1");
  ASSERT_TRUE(store::decide(db(), id, ReviewAction::reject, std::nullopt));
  auto rec = item(id);
  EXPECT_EQ(rec.state, store::ItemState::rejected);
  ASSERT_EQ(rec.decisions.size(), 1u);
  EXPECT_EQ(rec.decisions[0].decision, "rejected");
  EXPECT_EQ(rec.decisions[0].note, std::nullopt);
}

TEST_F(Review, ADecidedItemLeavesTheQueue) {
  std::int64_t a = flagged_item("https://a.example/1");
  std::int64_t b = flagged_item("https://a.example/2");
  ASSERT_TRUE(store::decide(db(), a, ReviewAction::reject, std::nullopt));
  auto queue = store::review_queue(db());
  ASSERT_TRUE(queue.has_value());
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().id, b);
}

TEST_F(Review, AStoredItemThatWasNotFlaggedCanBeDecided) {
  std::int64_t id = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), id, processed("Unflagged", false)));
  ASSERT_TRUE(store::decide(db(), id, ReviewAction::approve, std::nullopt));
  EXPECT_EQ(item(id).state, store::ItemState::approved);
}

TEST_F(Review, AnUnknownIdFailsWithNotFound) {
  auto r = store::decide(db(), 999, ReviewAction::approve, std::nullopt);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Error::Code::not_found);
  EXPECT_NE(r.error().message.find("999"), std::string::npos) << r.error().message;
}

TEST_F(Review, ADiscoveredItemFailsWithInvalidStateAndRecordsNothing) {
  std::int64_t id = discover("https://a.example/1");
  auto r = store::decide(db(), id, ReviewAction::approve, std::string{"too early"});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Error::Code::invalid_state);
  auto rec = item(id);
  EXPECT_EQ(rec.state, store::ItemState::discovered);
  EXPECT_TRUE(rec.decisions.empty());
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM decisions"), 0);
}

TEST_F(Review, ADuplicateItemFailsWithInvalidStateNamingWhatItDuplicates) {
  std::int64_t first = flagged_item("https://a.example/1");
  std::int64_t copy = discover("https://a.example/copy");
  ASSERT_TRUE(store::record_item_duplicate(db(), copy, processed("Copy", true),
                                           store::Duplicate{first, std::nullopt, store::DuplicateKind::exact, std::nullopt}));
  auto r = store::decide(db(), copy, ReviewAction::approve, std::nullopt);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Error::Code::invalid_state);
  EXPECT_NE(r.error().message.find("item " + std::to_string(copy) + " is a duplicate of item " + std::to_string(first)),
            std::string::npos)
      << r.error().message;
}

TEST_F(Review, DecidingAgainChangesTheStateAndKeepsBothDecisions) {
  std::int64_t id = flagged_item("https://a.example/1");
  ASSERT_TRUE(store::decide(db(), id, ReviewAction::approve, std::string{"first look"}));
  ASSERT_TRUE(store::decide(db(), id, ReviewAction::reject, std::string{"changed my mind"}));
  auto rec = item(id);
  EXPECT_EQ(rec.state, store::ItemState::rejected);
  ASSERT_EQ(rec.decisions.size(), 2u);
  EXPECT_EQ(rec.decisions[0].decision, "approved");
  EXPECT_EQ(rec.decisions[0].note, "first look");
  EXPECT_EQ(rec.decisions[1].decision, "rejected");
  EXPECT_EQ(rec.decisions[1].note, "changed my mind");
}

TEST_F(Review, AnExportedItemCanNoLongerBeDecided) {
  std::int64_t id = flagged_item("https://a.example/1");
  ASSERT_TRUE(store::decide(db(), id, ReviewAction::approve, std::nullopt));
  auto written = store::export_approved(db(), dir() / "corpus");
  ASSERT_TRUE(written.has_value()) << written.error().message;
  ASSERT_EQ(written->size(), 1u);
  auto r = store::decide(db(), id, ReviewAction::reject, std::nullopt);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Error::Code::invalid_state);
  EXPECT_EQ(item(id).state, store::ItemState::exported);
}

TEST_F(Review, EachDecisionRecordsWhoMadeIt) {
  std::int64_t id = flagged_item("https://a.example/1");
  ASSERT_TRUE(store::decide(db(), id, ReviewAction::approve, std::nullopt, std::string{"ana"}));
  ASSERT_TRUE(store::decide(db(), id, ReviewAction::reject, std::string{"not an agreement"}, std::string{"luis"}));
  auto rec = item(id);
  ASSERT_EQ(rec.decisions.size(), 2u);
  EXPECT_EQ(rec.decisions[0].user, "ana");
  EXPECT_EQ(rec.decisions[1].user, "luis");
  EXPECT_EQ(rec.decisions[1].note, "not an agreement");
}

TEST_F(Review, TheOutcomeSaysWhatTheItemWasAndWhenItWasDecided) {
  std::int64_t id = flagged_item("https://a.example/1");
  auto first = store::decide(db(), id, ReviewAction::approve, std::nullopt, std::string{"ana"});
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->item_id, id);
  EXPECT_EQ(first->previous_state, "flagged");
  EXPECT_EQ(first->decision, "approved");
  EXPECT_EQ(first->user, "ana");
  EXPECT_EQ(first->decided_at, item(id).decisions[0].decided_at);
  auto second = store::decide(db(), id, ReviewAction::reject, std::nullopt, std::string{"ana"});
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->previous_state, "approved");
  EXPECT_EQ(second->decision, "rejected");
}

TEST_F(Review, DecidingAnExportedItemSaysItIsExportedAndNamesTheItemAndFile) {
  std::int64_t id = flagged_item("https://a.example/1");
  ASSERT_TRUE(store::decide(db(), id, ReviewAction::approve, std::nullopt));
  auto written = store::export_approved(db(), dir() / "corpus");
  ASSERT_TRUE(written.has_value() && written->size() == 1u);
  auto r = store::decide(db(), id, ReviewAction::approve, std::nullopt);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("item " + std::to_string(id)), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("exported"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(written->front()), std::string::npos) << r.error().message;
  EXPECT_EQ(item(id).decisions.size(), 1u);
}

TEST_F(Review, ANoteIsStoredAsGivenNotInterpretedAsSql) {
  std::int64_t id = flagged_item("https://a.example/1");
  std::string note = "'); DROP TABLE items; --";
  ASSERT_TRUE(store::decide(db(), id, ReviewAction::approve, note));
  auto rec = item(id);
  ASSERT_EQ(rec.decisions.size(), 1u);
  EXPECT_EQ(rec.decisions[0].note, note);
}

}  // namespace
