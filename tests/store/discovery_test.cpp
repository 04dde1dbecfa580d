// store/discovery.cpp: the first line of deduplication, when a source lists an article.
#include "store/discovery.h"

#include <gtest/gtest.h>

#include "store/items.h"
#include "tests/store/store_test_support.h"

namespace {

using store_test::processed;
using store_test::StoreTest;
using Kind = store::Discovery::Kind;

class Discovery : public StoreTest {
 protected:
  store::Discovery listed(const std::string& url, std::optional<std::string> article_key = std::nullopt,
                          const std::string& edition = "The Moscow Times",
                          std::optional<std::string> updated = std::nullopt) {
    auto found = store::add_discovered(db(), store::DiscoveredItem{"The Moscow Times", url, "https://example.org/feed",
                                                                    "A title", updated, updated, article_key, edition});
    EXPECT_TRUE(found.has_value()) << found.error().message;
    return found.value_or(store::Discovery{});
  }
  std::map<std::string, std::int64_t> counts() {
    auto c = store::count_dedup(db());
    EXPECT_TRUE(c.has_value());
    std::map<std::string, std::int64_t> named;
    for (const auto& [kind, count] : c.value_or(std::map<store::DuplicateKind, std::int64_t>{}))
      named[std::string{store::duplicate_kind_name(kind)}] = count;
    return named;
  }
  bool due(std::int64_t id) {
    auto items = store::due_items(db(), 100);
    EXPECT_TRUE(items.has_value());
    for (const auto& item : items.value_or(std::vector<store::PendingItem>{}))
      if (item.id == id) return true;
    return false;
  }
  std::string fetch_url(std::int64_t id) {
    auto items = store::due_items(db(), 100);
    for (const auto& item : items.value_or(std::vector<store::PendingItem>{}))
      if (item.id == id) return item.fetch_url;
    return {};
  }
  void fetched(std::int64_t id) { ASSERT_TRUE(store::record_item_stored(db(), id, processed("A title", false))); }
};

TEST_F(Discovery, TakesTheSamePageUnderAnotherFormOfItsUrlAsKnownAndCountsItOnce) {
  auto first = listed("https://www.themoscowtimes.com/2026/04/10/story-a92469");
  ASSERT_EQ(first.kind, Kind::new_item);
  for (const std::string variant : {"http://themoscowtimes.com/2026/04/10/story-a92469/",
                                    "https://themoscowtimes.com/2026/04/10/story-a92469"}) {
    auto again = listed(variant);
    EXPECT_EQ(again.item_id, first.item_id) << variant;
  }
  // Both variants have one key; the first sighting is recorded, the second is known.
  EXPECT_EQ(counts()["url"], 1);
  EXPECT_EQ(listed("http://themoscowtimes.com/2026/04/10/story-a92469/").kind, Kind::known);
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM items"), 1);
}

TEST_F(Discovery, TakesAChangedSlugWithTheSameOutletIdAsTheSameArticleAndChecksItAgain) {
  auto first = listed("https://www.themoscowtimes.com/2026/04/10/russia-eyes-cuba-a92469", "The Moscow Times:92469");
  fetched(first.item_id);
  EXPECT_FALSE(due(first.item_id));
  std::string renamed = "https://www.themoscowtimes.com/2026/04/10/russia-eyes-management-of-cuban-industry-a92469";
  auto again = listed(renamed, "The Moscow Times:92469");
  EXPECT_EQ(again.kind, Kind::other_slug);
  EXPECT_EQ(again.item_id, first.item_id);
  // Fetched again from the new URL, to see whether the text changed with the slug.
  EXPECT_TRUE(due(first.item_id));
  EXPECT_EQ(fetch_url(first.item_id), renamed);
  EXPECT_EQ(counts()["outlet_id"], 1);
  // Listed again under the new slug: nothing more.
  ASSERT_TRUE(store::finish_recheck(db(), first.item_id));
  EXPECT_EQ(listed(renamed, "The Moscow Times:92469").kind, Kind::known);
  EXPECT_FALSE(due(first.item_id));
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM items"), 1);
}

TEST_F(Discovery, TakesTheSameIdInAnotherEditionAsATranslationLinkedToTheFirst) {
  auto spanish = listed("https://www.radiohc.cu/noticias/nacionales/339611-cuba-y-rusia", "Radio Habana Cuba:339611",
                        "Radio Habana Cuba");
  auto english = listed("https://www.radiohc.cu/en/noticias/nacionales/339611-cuba-and-russia",
                        "Radio Habana Cuba:339611", "Radio Habana Cuba/en");
  EXPECT_EQ(english.kind, Kind::translation);
  EXPECT_NE(english.item_id, spanish.item_id);
  auto record = store::find_item(db(), spanish.item_id);
  ASSERT_TRUE(record && *record);
  EXPECT_EQ((*record)->translations, std::vector<std::int64_t>{english.item_id});
  auto translated = store::find_item(db(), english.item_id);
  ASSERT_TRUE(translated && *translated);
  EXPECT_EQ((*translated)->translation_of, spanish.item_id);
  EXPECT_TRUE(due(english.item_id));  // a translation is fetched and judged like any article
  EXPECT_EQ(counts()["translation"], 1);
}

TEST_F(Discovery, KeepsTheSameNumberAtAnotherOutletApart) {
  listed("https://www.themoscowtimes.com/2026/04/10/story-a92469", "The Moscow Times:92469");
  auto other = listed("https://tass.com/world/92469", "TASS:92469", "TASS");
  EXPECT_EQ(other.kind, Kind::new_item);
}

TEST_F(Discovery, ChecksAFetchedArticleAgainWhenItsSourceDateMovesOn) {
  std::string url = "https://www.themoscowtimes.com/2026/04/10/story-a92469";
  auto first = listed(url, std::nullopt, "The Moscow Times", "2026-04-10T10:00:00Z");
  fetched(first.item_id);
  EXPECT_EQ(listed(url, std::nullopt, "The Moscow Times", "2026-04-10T10:00:00Z").kind, Kind::known);
  EXPECT_FALSE(due(first.item_id));
  EXPECT_EQ(listed(url, std::nullopt, "The Moscow Times", "2026-04-10T11:30:00Z").kind, Kind::changed);
  EXPECT_TRUE(due(first.item_id));
  EXPECT_EQ(fetch_url(first.item_id), url);
  // An older date (another feed that lags behind) changes nothing.
  ASSERT_TRUE(store::finish_recheck(db(), first.item_id));
  EXPECT_EQ(listed(url, std::nullopt, "The Moscow Times", "2026-04-10T10:00:00Z").kind, Kind::known);
  EXPECT_FALSE(due(first.item_id));
}

TEST_F(Discovery, LeavesAnArticleNotYetFetchedToItsFirstFetchWhenItsDateMovesOn) {
  std::string url = "https://www.themoscowtimes.com/2026/04/10/story-a92469";
  auto first = listed(url, std::nullopt, "The Moscow Times", "2026-04-10T10:00:00Z");
  EXPECT_EQ(listed(url, std::nullopt, "The Moscow Times", "2026-04-10T11:30:00Z").kind, Kind::known);
  auto items = store::due_items(db(), 100);
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 1u);
  EXPECT_FALSE(items->front().recheck);
  EXPECT_EQ(items->front().id, first.item_id);
}

}  // namespace
