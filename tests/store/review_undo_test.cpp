// store/review.cpp, the console's side: deciding only what still awaits a decision, undoing
// one's own decisions until export, and the list of a person's recent decisions.
#include <gtest/gtest.h>

#include "store/export.h"
#include "store/review.h"
#include "tests/store/store_test_support.h"

namespace {

using store::Error;
using store::ReviewAction;
using store_test::processed;
using store_test::StoreTest;

class ReviewUndo : public StoreTest {
 protected:
  std::int64_t stored_item(const std::string& url, bool flagged = true) {
    std::int64_t id = discover(url);
    EXPECT_TRUE(store::record_item_stored(db(), id, processed("Item " + url, flagged)));
    return id;
  }
  std::string state_of(std::int64_t id) {
    auto found = store::find_item(db(), id);
    return found && *found ? std::string{store::state_name((*found)->state)} : "?";
  }
};

TEST_F(ReviewUndo, ASecondReviewerDecidingADecidedItemIsToldWhoDecidedItAndChangesNothing) {
  auto id = stored_item("https://example.org/a");
  ASSERT_TRUE(store::decide_undecided(db(), id, ReviewAction::approve, std::nullopt, "ana"));
  auto second = store::decide_undecided(db(), id, ReviewAction::reject, std::string{"no"}, "ben");
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, Error::Code::already_decided);
  EXPECT_NE(second.error().message.find("approved by ana at "), std::string::npos) << second.error().message;
  EXPECT_EQ(state_of(id), "approved");
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM decisions"), 1);
}

TEST_F(ReviewUndo, UndoingReturnsTheItemToTheQueueAndKeepsTheDecisionMarkedInItsHistory) {
  auto id = stored_item("https://example.org/a");
  ASSERT_TRUE(store::decide_undecided(db(), id, ReviewAction::reject, std::string{"off topic"}, "ana"));
  auto undone = store::undo_decision(db(), id, "ana", false);
  ASSERT_TRUE(undone) << undone.error().message;
  EXPECT_EQ(undone->undone, "rejected");
  EXPECT_EQ(undone->state, "flagged");
  EXPECT_EQ(state_of(id), "flagged");
  auto item = store::find_item(db(), id);
  ASSERT_TRUE(item && *item);
  ASSERT_EQ((*item)->decisions.size(), 1u);
  EXPECT_EQ((*item)->decisions[0].undone_by, "ana");
  EXPECT_TRUE((*item)->decisions[0].undone_at.has_value());
  // Undecided again, so anyone may decide it now.
  EXPECT_TRUE(store::decide_undecided(db(), id, ReviewAction::approve, std::nullopt, "ben"));
}

TEST_F(ReviewUndo, AnUnflaggedItemGoesBackToStored) {
  auto id = stored_item("https://example.org/a", false);
  ASSERT_TRUE(store::decide_undecided(db(), id, ReviewAction::approve, std::nullopt, "ana"));
  auto undone = store::undo_decision(db(), id, "ana", false);
  ASSERT_TRUE(undone);
  EXPECT_EQ(state_of(id), "stored");
}

TEST_F(ReviewUndo, AnotherReviewerMayNotUndoButAnAdminMay) {
  auto id = stored_item("https://example.org/a");
  ASSERT_TRUE(store::decide_undecided(db(), id, ReviewAction::approve, std::nullopt, "ana"));
  auto refused = store::undo_decision(db(), id, "ben", false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Error::Code::forbidden);
  EXPECT_NE(refused.error().message.find("by ana"), std::string::npos);
  EXPECT_EQ(state_of(id), "approved");
  auto by_admin = store::undo_decision(db(), id, "root", true);
  ASSERT_TRUE(by_admin);
  EXPECT_EQ(state_of(id), "flagged");
}

TEST_F(ReviewUndo, AnExportedDecisionCanNoLongerBeUndone) {
  auto id = stored_item("https://example.org/a");
  ASSERT_TRUE(store::decide_undecided(db(), id, ReviewAction::approve, std::nullopt, "ana"));
  ASSERT_TRUE(store::export_approved(db(), dir() / "corpus"));
  auto refused = store::undo_decision(db(), id, "ana", false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Error::Code::invalid_state);
  EXPECT_NE(refused.error().message.find("exported"), std::string::npos);
  EXPECT_EQ(state_of(id), "exported");
}

TEST_F(ReviewUndo, AnUndecidedItemHasNothingToUndo) {
  auto id = stored_item("https://example.org/a");
  auto refused = store::undo_decision(db(), id, "ana", true);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Error::Code::invalid_state);
  EXPECT_EQ(store::undo_decision(db(), 999, "ana", true).error().code, Error::Code::not_found);
}

TEST_F(ReviewUndo, RecentDecisionsAreTheUsersOwnNewestFirstAndSayWhichCanStillBeUndone) {
  auto a = stored_item("https://example.org/a");
  auto b = stored_item("https://example.org/b");
  auto c = stored_item("https://example.org/c");
  ASSERT_TRUE(store::decide_undecided(db(), a, ReviewAction::approve, std::nullopt, "ana"));
  ASSERT_TRUE(store::decide_undecided(db(), b, ReviewAction::reject, std::nullopt, "ana"));
  ASSERT_TRUE(store::decide_undecided(db(), c, ReviewAction::reject, std::nullopt, "ben"));
  ASSERT_TRUE(store::undo_decision(db(), b, "ana", false));
  auto recent = store::recent_decisions(db(), "ana", 10);
  ASSERT_TRUE(recent);
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ((*recent)[0].item_id, b);
  EXPECT_FALSE((*recent)[0].undoable);
  EXPECT_TRUE((*recent)[0].undone_at.has_value());
  EXPECT_EQ((*recent)[1].item_id, a);
  EXPECT_TRUE((*recent)[1].undoable);
  EXPECT_EQ((*recent)[1].title, "Item https://example.org/a");
  EXPECT_EQ(store::recent_decisions(db(), "ana", 1)->size(), 1u);
}

}  // namespace
