#pragma once
// Helpers shared by the store suite: a fresh store in a temporary folder, raw SQL look-ups
// for asserting on columns the API does not expose, and ready-made items.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "dedup/minhash.h"
#include "store/database.h"
#include "store/discovery.h"
#include "store/items.h"
#include "store/store.h"
#include "tests/support/test_files.h"

namespace store_test {

// Opens (and migrates) a store in a new temporary folder; fails the test if it cannot.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_store(dir_ / "ingest.db");
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    db_.emplace(std::move(*opened));
  }

  store::Database& db() { return *db_; }
  const test_support::TempDir& dir() const { return dir_; }

  // Adds a discovered item for `url`; fails the test if it is not new.
  std::int64_t discover(const std::string& url, const std::string& outlet = "The Moscow Times",
                        std::optional<std::string> feed_published = std::nullopt) {
    auto found = store::add_discovered(db(), store::DiscoveredItem{outlet, url, "https://example.org/feed",
                                                                    "Feed title for " + url, feed_published,
                                                                    feed_published, std::nullopt, outlet});
    EXPECT_TRUE(found.has_value()) << found.error().message;
    EXPECT_TRUE(found.has_value() && found->is_new()) << url << " was not new";
    return found.has_value() && found->is_new() ? found->item_id : -1;
  }

  // A text column of one row, by raw SQL; nullopt for NULL or no row.
  std::optional<std::string> text_column(const std::string& sql, std::int64_t id) {
    auto stmt = db().prepare(sql);
    EXPECT_TRUE(stmt.has_value()) << sql;
    if (!stmt) return std::nullopt;
    stmt->bind(1, id);
    auto row = stmt->step();
    EXPECT_TRUE(row.has_value()) << sql;
    if (!row || !*row) return std::nullopt;
    return stmt->column_optional_text(0);
  }

  std::int64_t count_rows(const std::string& sql) {
    auto stmt = db().prepare(sql);
    EXPECT_TRUE(stmt.has_value()) << sql;
    if (!stmt) return -1;
    auto row = stmt->step();
    EXPECT_TRUE(row.has_value() && *row) << sql;
    return row && *row ? stmt->column_int(0) : -1;
  }

 private:
  test_support::TempDir dir_;
  std::optional<store::Database> db_;
};

// A processed article; flagged with one piece of evidence when `flagged`.
inline store::ProcessedItem processed(const std::string& title, bool flagged,
                                      std::optional<std::string> published = std::nullopt,
                                      const std::string& body = "Cuba and Russia signed an agreement.") {
  store::ProcessedItem item;
  item.title = title;
  item.authors = {"Ana Pérez", "John Smith"};
  item.published = std::move(published);
  item.language = "en";
  item.seed_text = "# " + title + "\n\n" + body + "\n";
  item.body_hash = "hash-of-" + body;
  item.fingerprint = dedup::fingerprint(body);
  item.verdict.flagged = flagged;
  item.verdict.score = flagged ? 3.5 : 0.5;
  if (flagged)
    item.verdict.evidence.push_back(flag::Evidence{"Cuba and Russia signed an agreement.",
                                                   {"Cuba", "Russia", "signed an agreement"}, 3.5});
  item.verdict.rules_version = "rules-v1";
  return item;
}

}  // namespace store_test
