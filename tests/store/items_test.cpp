// store/items.cpp: items through their states, dedup look-ups and the review queue.
#include "store/items.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/store/store_test_support.h"

namespace {

using store_test::processed;
using store_test::StoreTest;

class Items : public StoreTest {
 protected:
  store::ItemRecord item(std::int64_t id) {
    auto found = store::find_item(db(), id);
    EXPECT_TRUE(found.has_value()) << found.error().message;
    EXPECT_TRUE(found.has_value() && found->has_value()) << "no item " << id;
    return found.has_value() && found->has_value() ? **found : store::ItemRecord{};
  }
  std::vector<std::int64_t> due_ids() {
    auto due = store::due_items(db(), 100);
    EXPECT_TRUE(due.has_value());
    std::vector<std::int64_t> ids;
    if (due)
      for (const auto& p : *due) ids.push_back(p.id);
    return ids;
  }
  std::vector<std::int64_t> queue_ids() {
    auto queue = store::review_queue(db());
    EXPECT_TRUE(queue.has_value());
    std::vector<std::int64_t> ids;
    if (queue)
      for (const auto& r : *queue) ids.push_back(r.id);
    return ids;
  }
};

constexpr const char* kPast = "2000-01-01T00:00:00Z";
constexpr const char* kFuture = "2999-01-01T00:00:00Z";

TEST_F(Items, AddDiscoveredReturnsAnId) {
  auto found = store::add_discovered(db(), store::DiscoveredItem{"The Moscow Times", "https://a.example/1",
                                                                 "https://a.example/feed", "One",
                                                                 "2026-04-10T10:47:00Z", std::nullopt,
                                                                 std::nullopt, "The Moscow Times"});
  ASSERT_TRUE(found.has_value()) << found.error().message;
  ASSERT_EQ(found->kind, store::Discovery::Kind::new_item);
  auto r = item(found->item_id);
  EXPECT_EQ(r.state, store::ItemState::discovered);
  EXPECT_EQ(r.outlet, "The Moscow Times");
  EXPECT_EQ(r.canonical_url, "https://a.example/1");
  EXPECT_EQ(r.title, "One");  // the feed's title until the article is extracted
  EXPECT_EQ(r.published, "2026-04-10T10:47:00Z");
  EXPECT_FALSE(r.discovered_at.empty());
}

TEST_F(Items, AddDiscoveredSaysAKnownCanonicalUrlIsKnown) {
  std::int64_t first = discover("https://a.example/1");
  auto again = store::add_discovered(db(), store::DiscoveredItem{"Other outlet", "https://a.example/1",
                                                                 "https://b.example/feed", "Again", std::nullopt,
                                                                 std::nullopt, std::nullopt, "Other outlet"});
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->kind, store::Discovery::Kind::known);
  EXPECT_EQ(again->item_id, first);
  EXPECT_EQ(item(first).outlet, "The Moscow Times");
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM items"), 1);
}

TEST_F(Items, AddDiscoveredGivesDistinctIdsToDistinctUrls) {
  std::int64_t a = discover("https://a.example/1");
  std::int64_t b = discover("https://a.example/2");
  EXPECT_NE(a, b);
}

TEST_F(Items, FindItemReturnsNulloptForAnUnknownId) {
  auto found = store::find_item(db(), 4242);
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->has_value());
}

TEST_F(Items, DueItemsReturnsDiscoveredItemsOldestFirst) {
  std::int64_t a = discover("https://a.example/1");
  std::int64_t b = discover("https://a.example/2", "Radio Habana Cuba", "2025-06-20T15:42:07Z");
  auto due = store::due_items(db(), 10);
  ASSERT_TRUE(due.has_value());
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].id, a);
  EXPECT_EQ((*due)[1].id, b);
  EXPECT_EQ((*due)[1].outlet, "Radio Habana Cuba");
  EXPECT_EQ((*due)[1].canonical_url, "https://a.example/2");
  EXPECT_EQ((*due)[1].feed_title, "Feed title for https://a.example/2");
  EXPECT_EQ((*due)[1].feed_published, "2025-06-20T15:42:07Z");
  EXPECT_EQ((*due)[1].attempts, 0);
}

TEST_F(Items, DueItemsHonoursTheLimit) {
  for (int i = 0; i < 5; ++i) discover("https://a.example/" + std::to_string(i));
  auto due = store::due_items(db(), 3);
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->size(), 3u);
}

TEST_F(Items, DueItemsLeavesOutItemsThatAreNotDiscovered) {
  std::int64_t stored = discover("https://a.example/stored");
  std::int64_t waiting = discover("https://a.example/waiting");
  ASSERT_TRUE(store::record_item_stored(db(), stored, processed("Stored", false)));
  EXPECT_EQ(due_ids(), std::vector<std::int64_t>{waiting});
}

TEST_F(Items, AFailureBeforeTheLastAttemptKeepsTheItemDiscoveredUntilItsNextAttempt) {
  std::int64_t id = discover("https://a.example/1");
  ASSERT_TRUE(store::begin_attempt(db(), id) && store::record_item_failure(db(), id, store::Failure{store::FailureKind::timeout, "timeout"}, 3, kFuture));
  auto r = item(id);
  EXPECT_EQ(r.state, store::ItemState::discovered);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.last_error, "timeout");
  EXPECT_TRUE(due_ids().empty()) << "an item whose next attempt is in the future is not due";

  ASSERT_TRUE(store::begin_attempt(db(), id) && store::record_item_failure(db(), id, store::Failure{store::FailureKind::http_5xx, "http_5xx"}, 3, kPast));
  r = item(id);
  EXPECT_EQ(r.state, store::ItemState::discovered);
  EXPECT_EQ(r.attempts, 2);
  auto due = store::due_items(db(), 10);
  ASSERT_TRUE(due.has_value());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().attempts, 2);
}

TEST_F(Items, TheLastFailedAttemptMarksTheItemFailedAndNoLongerDue) {
  std::int64_t id = discover("https://a.example/1");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(store::begin_attempt(db(), id) && store::record_item_failure(db(), id, store::Failure{store::FailureKind::connect, "connect"}, 3, kPast));
  auto r = item(id);
  EXPECT_EQ(r.state, store::ItemState::failed);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(r.last_error, "connect");
  EXPECT_TRUE(due_ids().empty());
}

TEST_F(Items, StoredFlaggedItemBecomesFlaggedWithItsEvidence) {
  std::int64_t id = discover("https://a.example/1");
  auto p = processed("Russia and Cuba sign a deal", true, "2026-04-10T13:47:00+03:00");
  ASSERT_TRUE(store::record_item_stored(db(), id, p));
  auto r = item(id);
  EXPECT_EQ(r.state, store::ItemState::flagged);
  EXPECT_TRUE(r.flagged);
  EXPECT_DOUBLE_EQ(r.score, 3.5);
  EXPECT_EQ(r.title, "Russia and Cuba sign a deal");
  EXPECT_EQ(r.authors, (std::vector<std::string>{"Ana Pérez", "John Smith"}));
  EXPECT_EQ(r.published, "2026-04-10T13:47:00+03:00");
  EXPECT_EQ(r.language, "en");
  EXPECT_EQ(r.seed_text, p.seed_text);
  EXPECT_EQ(r.rules_version, "rules-v1");
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_EQ(r.evidence[0].sentence, "Cuba and Russia signed an agreement.");
  EXPECT_EQ(r.evidence[0].terms, (std::vector<std::string>{"Cuba", "Russia", "signed an agreement"}));
  EXPECT_DOUBLE_EQ(r.evidence[0].weight, 3.5);
  EXPECT_EQ(queue_ids(), std::vector<std::int64_t>{id});
}

TEST_F(Items, StoredUnflaggedItemBecomesStoredAndStaysOutOfTheQueue) {
  std::int64_t id = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), id, processed("Hockey", false)));
  auto r = item(id);
  EXPECT_EQ(r.state, store::ItemState::stored);
  EXPECT_FALSE(r.flagged);
  EXPECT_TRUE(r.evidence.empty());
  EXPECT_TRUE(queue_ids().empty());
}

TEST_F(Items, EvidenceWithQuotesAndNonAsciiTextRoundTrips) {
  std::int64_t id = discover("https://a.example/1");
  auto p = processed("T", true);
  p.verdict.evidence = {flag::Evidence{"Díaz-Canel said: \"Cuba y Rusia firmaron un acuerdo\" \\ «ok»",
                                       {"Rusia", "acuerdo"}, 2.0},
                        flag::Evidence{"Second sentence.", {}, 0.25}};
  ASSERT_TRUE(store::record_item_stored(db(), id, p));
  auto r = item(id);
  ASSERT_EQ(r.evidence.size(), 2u);
  EXPECT_EQ(r.evidence[0].sentence, p.verdict.evidence[0].sentence);
  EXPECT_EQ(r.evidence[0].terms, p.verdict.evidence[0].terms);
  EXPECT_EQ(r.evidence[1].sentence, "Second sentence.");
  EXPECT_DOUBLE_EQ(r.evidence[1].weight, 0.25);
}

TEST_F(Items, EvidenceKeepsWhatWasSetAsideAndWhoFilledTheAgreementsSlots) {
  std::int64_t id = discover("https://a.example/1");
  auto p = processed("T", true);
  flag::Evidence e{"Rosneft y CUPET firmaron un contrato en Moscú.", {"rosneft", "cupet", "contrato*"}, 1.0};
  e.not_parties = {"Moscú (a place)"};
  e.agreement = {"firmaron", "contrato"};
  e.parties = {{"Cuba", {"CUPET"}}, {"Russia", {"Rosneft"}}};
  p.verdict.evidence = {e};
  ASSERT_TRUE(store::record_item_stored(db(), id, p));
  auto r = item(id);
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_EQ(r.evidence[0].not_parties, e.not_parties);
  EXPECT_EQ(r.evidence[0].agreement, e.agreement);
  ASSERT_EQ(r.evidence[0].parties.size(), 2u);
  EXPECT_EQ(r.evidence[0].parties[0].name, "Cuba");
  EXPECT_EQ(r.evidence[0].parties[0].words, std::vector<std::string>{"CUPET"});
  EXPECT_EQ(r.evidence[0].parties[1].name, "Russia");
  EXPECT_EQ(r.evidence[0].parties[1].words, std::vector<std::string>{"Rosneft"});
}

TEST_F(Items, StoringClearsTheLastError) {
  std::int64_t id = discover("https://a.example/1");
  ASSERT_TRUE(store::begin_attempt(db(), id) && store::record_item_failure(db(), id, store::Failure{store::FailureKind::timeout, "timeout"}, 5, kPast));
  ASSERT_TRUE(store::record_item_stored(db(), id, processed("T", false)));
  auto r = item(id);
  EXPECT_EQ(r.last_error, std::nullopt);
  EXPECT_EQ(r.state, store::ItemState::stored);
}

TEST_F(Items, FindExactDuplicateFindsAnEarlierItemByBodyHash) {
  std::int64_t first = discover("https://a.example/1");
  std::int64_t second = discover("https://b.example/copy");
  ASSERT_TRUE(store::record_item_stored(db(), first, processed("Original", true)));
  auto dup = store::find_exact_duplicate(db(), processed("x", false).body_hash, second);
  ASSERT_TRUE(dup.has_value()) << dup.error().message;
  ASSERT_TRUE(dup->has_value());
  EXPECT_EQ((*dup)->item_id, first);
  EXPECT_EQ((*dup)->corpus_file, std::nullopt);
  EXPECT_EQ((*dup)->kind, store::DuplicateKind::exact);
}

TEST_F(Items, FindExactDuplicateIgnoresTheItemItself) {
  std::int64_t first = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), first, processed("Original", true)));
  auto dup = store::find_exact_duplicate(db(), processed("x", false).body_hash, first);
  ASSERT_TRUE(dup.has_value());
  EXPECT_FALSE(dup->has_value());
}

TEST_F(Items, FindExactDuplicateFindsNothingForANewHash) {
  std::int64_t first = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), first, processed("Original", true)));
  auto dup = store::find_exact_duplicate(db(), "0123456789abcdef", 999);
  ASSERT_TRUE(dup.has_value());
  EXPECT_FALSE(dup->has_value());
}

TEST_F(Items, FindExactDuplicatePrefersACorpusFile) {
  std::int64_t first = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), first, processed("Original", true)));
  auto insert = db().prepare(
      "INSERT INTO corpus_files (file_name, number, body_hash, registered_at) VALUES (?1, 3, ?2, ?3)");
  ASSERT_TRUE(insert.has_value());
  ASSERT_TRUE(insert->bind(1, "003_bab5c734186a52be.txt").bind(2, processed("x", false).body_hash)
                  .bind(3, store::now_utc()).run());
  auto dup = store::find_exact_duplicate(db(), processed("x", false).body_hash, 999);
  ASSERT_TRUE(dup.has_value());
  ASSERT_TRUE(dup->has_value());
  EXPECT_EQ((*dup)->corpus_file, "003_bab5c734186a52be.txt");
  EXPECT_EQ((*dup)->item_id, std::nullopt);
}

TEST_F(Items, ADuplicateOfAnItemIsLinkedAndNeverQueued) {
  std::int64_t first = discover("https://a.example/1");
  std::int64_t copy = discover("https://b.example/copy");
  ASSERT_TRUE(store::record_item_stored(db(), first, processed("Original", true)));
  ASSERT_TRUE(store::record_item_duplicate(db(), copy, processed("Copy", true),
                                           store::Duplicate{first, std::nullopt, store::DuplicateKind::exact, std::nullopt}));
  auto r = item(copy);
  EXPECT_EQ(r.state, store::ItemState::duplicate);
  EXPECT_EQ(r.duplicate_of, first);
  EXPECT_EQ(r.duplicate_kind, store::DuplicateKind::exact);
  EXPECT_EQ(r.duplicate_file, std::nullopt);
  EXPECT_EQ(r.seed_text, processed("Copy", true).seed_text);
  EXPECT_EQ(queue_ids(), std::vector<std::int64_t>{first});
  // A duplicate is not offered as the original of a third copy.
  auto third = discover("https://c.example/copy");
  auto dup = store::find_exact_duplicate(db(), processed("x", false).body_hash, third);
  ASSERT_TRUE(dup.has_value() && dup->has_value());
  EXPECT_EQ((*dup)->item_id, first);
}

TEST_F(Items, ADuplicateOfACorpusFileIsLinkedToTheFile) {
  std::int64_t id = discover("https://b.example/copy");
  ASSERT_TRUE(store::record_item_duplicate(db(), id, processed("Copy", true),
                                           store::Duplicate{std::nullopt, "000_f638798d4e6aeb8a.txt", store::DuplicateKind::exact, std::nullopt}));
  auto r = item(id);
  EXPECT_EQ(r.state, store::ItemState::duplicate);
  EXPECT_EQ(r.duplicate_of, std::nullopt);
  EXPECT_EQ(r.duplicate_file, "000_f638798d4e6aeb8a.txt");
  EXPECT_TRUE(queue_ids().empty());
}

TEST_F(Items, ReviewQueueSortsByInstantAcrossUtcOffsetsNewestFirst) {
  // As text, "…T14:00:00+03:00" sorts after "…T08:00:00-04:00", but it is an hour earlier.
  std::int64_t moscow = discover("https://a.example/moscow");    // 11:00Z
  std::int64_t havana = discover("https://a.example/havana");    // 12:00Z
  std::int64_t older = discover("https://a.example/older");      // 2026-04-09
  std::int64_t undated = discover("https://a.example/undated");  // no date: last
  std::int64_t utc = discover("https://a.example/utc");          // 11:30Z
  ASSERT_TRUE(store::record_item_stored(db(), moscow, processed("M", true, "2026-04-10T14:00:00+03:00")));
  ASSERT_TRUE(store::record_item_stored(db(), havana, processed("H", true, "2026-04-10T08:00:00-04:00")));
  ASSERT_TRUE(store::record_item_stored(db(), older, processed("O", true, "2026-04-09T23:00:00+00:00")));
  ASSERT_TRUE(store::record_item_stored(db(), undated, processed("U", true)));
  ASSERT_TRUE(store::record_item_stored(db(), utc, processed("Z", true, "2026-04-10T11:30:00Z")));
  EXPECT_EQ(queue_ids(), (std::vector<std::int64_t>{havana, utc, moscow, older, undated}));
}

TEST_F(Items, ReviewQueueFallsBackToTheFeedDate) {
  std::int64_t a = discover("https://a.example/a", "O", "2026-04-10T12:00:00Z");
  std::int64_t b = discover("https://a.example/b", "O", "2026-04-11T12:00:00Z");
  ASSERT_TRUE(store::record_item_stored(db(), a, processed("A", true)));
  ASSERT_TRUE(store::record_item_stored(db(), b, processed("B", true)));
  EXPECT_EQ(queue_ids(), (std::vector<std::int64_t>{b, a}));
}

TEST_F(Items, ItemsInStateListsOnlyThatState) {
  std::int64_t a = discover("https://a.example/a");
  std::int64_t b = discover("https://a.example/b");
  discover("https://a.example/c");
  ASSERT_TRUE(store::record_item_stored(db(), a, processed("A", false)));
  ASSERT_TRUE(store::record_item_stored(db(), b, processed("B", false)));
  auto stored = store::items_in_state(db(), store::ItemState::stored);
  ASSERT_TRUE(stored.has_value());
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ((*stored)[0].id, a);
  EXPECT_EQ((*stored)[1].id, b);
}

TEST_F(Items, CountByStateCountsEveryStatePresent) {
  std::int64_t a = discover("https://a.example/a");
  std::int64_t b = discover("https://a.example/b");
  std::int64_t c = discover("https://a.example/c");
  std::int64_t d = discover("https://a.example/d");
  discover("https://a.example/e");
  ASSERT_TRUE(store::record_item_stored(db(), a, processed("A", true)));
  ASSERT_TRUE(store::record_item_stored(db(), b, processed("B", false)));
  ASSERT_TRUE(store::record_item_stored(db(), c, processed("C", false)));
  ASSERT_TRUE(store::begin_attempt(db(), d) && store::record_item_failure(db(), d, store::Failure{store::FailureKind::dns, "dns"}, 1, kPast));
  auto counts = store::count_by_state(db());
  ASSERT_TRUE(counts.has_value());
  std::map<std::string, std::int64_t> nonzero;
  for (const auto& [state, count] : *counts)
    if (count) nonzero[std::string{store::state_name(state)}] = count;
  EXPECT_EQ(nonzero, (std::map<std::string, std::int64_t>{{"discovered", 1}, {"failed", 1}, {"flagged", 1}, {"stored", 2}}));
  EXPECT_EQ(counts->size(), store::kItemStates.size());  // every state, at 0 when empty
}

TEST_F(Items, CountByStateOfAnEmptyStoreIsZeroForEveryState) {
  auto counts = store::count_by_state(db());
  ASSERT_TRUE(counts.has_value());
  for (const auto& [state, count] : *counts) EXPECT_EQ(count, 0) << store::state_name(state);
}

TEST_F(Items, ARevisionKeepsTheEarlierVersionAndReflagsTheItemWithoutASecondQueueEntry) {
  std::int64_t id = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), id, processed("First version", false)));
  EXPECT_TRUE(queue_ids().empty());
  ASSERT_TRUE(store::record_revision(db(), id, processed("Corrected version", true, std::nullopt,
                                                          "Cuba and Russia signed an agreement on oil.")));
  auto r = item(id);
  EXPECT_EQ(r.state, store::ItemState::flagged);
  EXPECT_EQ(r.title, "Corrected version");
  ASSERT_EQ(r.revisions.size(), 1u);
  EXPECT_EQ(r.revisions[0].number, 1);
  EXPECT_EQ(r.revisions[0].title, "First version");
  EXPECT_FALSE(r.revisions[0].flagged);
  EXPECT_EQ(queue_ids(), std::vector<std::int64_t>{id});
  // A second correction that is no longer flagged takes it out of the queue again.
  ASSERT_TRUE(store::record_revision(db(), id, processed("Third version", false, std::nullopt, "Weather in Havana.")));
  EXPECT_EQ(item(id).state, store::ItemState::stored);
  EXPECT_EQ(item(id).revisions.size(), 2u);
  EXPECT_TRUE(queue_ids().empty());
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM fingerprints"), 1);
}

TEST_F(Items, ARevisionOfAReviewedItemKeepsTheDecision) {
  std::int64_t id = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), id, processed("First", true)));
  auto update = db().prepare("UPDATE items SET state = 'approved' WHERE id = ?1");
  ASSERT_TRUE(update && update->bind(1, id).run());
  ASSERT_TRUE(store::record_revision(db(), id, processed("Second", false, std::nullopt, "Other text.")));
  auto r = item(id);
  EXPECT_EQ(r.state, store::ItemState::approved);
  EXPECT_EQ(r.title, "Second");
  EXPECT_EQ(r.revisions.size(), 1u);
}

TEST_F(Items, AFinishedRecheckIsNoLongerDue) {
  std::int64_t id = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), id, processed("First", false)));
  auto mark = db().prepare("UPDATE items SET recheck = 1 WHERE id = ?1");
  ASSERT_TRUE(mark && mark->bind(1, id).run());
  EXPECT_EQ(due_ids(), std::vector<std::int64_t>{id});
  ASSERT_TRUE(store::finish_recheck(db(), id));
  EXPECT_TRUE(due_ids().empty());
  EXPECT_EQ(item(id).state, store::ItemState::stored);
  EXPECT_TRUE(item(id).fetched_at);
}

TEST_F(Items, StoringAnItemIndexesItsTextForNearDuplicates) {
  std::int64_t id = discover("https://a.example/1");
  ASSERT_TRUE(store::record_item_stored(db(), id, processed("First", false)));
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM fingerprints"), 1);
  std::int64_t copy = discover("https://b.example/1");
  ASSERT_TRUE(store::record_item_duplicate(db(), copy, processed("Copy", false),
                                           store::Duplicate{id, std::nullopt, store::DuplicateKind::near, 0.83}));
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM fingerprints"), 1);  // a duplicate's original stands for it
  EXPECT_EQ(item(copy).similarity, 0.83);
  auto counts = store::count_dedup(db());
  ASSERT_TRUE(counts);
  EXPECT_EQ((*counts)[store::DuplicateKind::near], 1);
}

}  // namespace
