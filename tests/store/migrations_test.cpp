// store/migrations.cpp: numbered schema migrations.
#include "store/migrations.h"

#include <gtest/gtest.h>

#include <string>

#include "store/database.h"
#include "store/history.h"
#include "store/items.h"
#include "store/review.h"
#include "store/store.h"
#include "tests/support/test_files.h"

namespace {

using store::Database;
using store::Error;
using test_support::TempDir;

std::int64_t user_version(Database& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  if (!stmt) throw std::runtime_error(stmt.error().message);
  auto row = stmt->step();
  if (!row || !*row) throw std::runtime_error("no row");
  return stmt->column_int(0);
}

bool has_table(Database& db, const std::string& name) {
  auto stmt = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!stmt) throw std::runtime_error(stmt.error().message);
  stmt->bind(1, name);
  auto row = stmt->step();
  return row && *row;
}

TEST(Migrations, BringAnEmptyDatabaseToTheLatestVersion) {
  TempDir dir;
  auto db = Database::open(dir / "m.db");
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(user_version(*db), 0);
  auto migrated = store::migrate(*db);
  ASSERT_TRUE(migrated.has_value()) << migrated.error().message;
  EXPECT_EQ(user_version(*db), store::latest_schema_version());
  for (const char* table : {"sources", "items", "decisions", "corpus_files"})
    EXPECT_TRUE(has_table(*db, table)) << table;
}

TEST(Migrations, LatestSchemaVersionIsPositive) { EXPECT_GE(store::latest_schema_version(), 1); }

TEST(Migrations, RunningTwiceIsANoOp) {
  TempDir dir;
  auto db = Database::open(dir / "m.db");
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(store::migrate(*db).has_value());
  ASSERT_TRUE(db->execute("INSERT INTO sources (outlet, url, kind) VALUES ('o', 'https://a.example/', 'feed')"));
  auto again = store::migrate(*db);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(user_version(*db), store::latest_schema_version());
  auto stmt = db->prepare("SELECT COUNT(*) FROM sources");
  ASSERT_TRUE(stmt.has_value());
  ASSERT_TRUE(stmt->step().value_or(false));
  EXPECT_EQ(stmt->column_int(0), 1);
}

TEST(Migrations, RefuseADatabaseNewerThanTheProgramAndLeaveItAsItWas) {
  TempDir dir;
  auto db = Database::open(dir / "m.db");
  ASSERT_TRUE(db.has_value());
  int newer = store::latest_schema_version() + 1;
  ASSERT_TRUE(db->execute("PRAGMA user_version = " + std::to_string(newer)));
  auto migrated = store::migrate(*db);
  ASSERT_FALSE(migrated.has_value());
  EXPECT_EQ(migrated.error().code, Error::Code::migration_failed);
  EXPECT_NE(migrated.error().message.find(std::to_string(newer)), std::string::npos) << migrated.error().message;
  EXPECT_EQ(user_version(*db), newer);
  EXPECT_FALSE(has_table(*db, "items"));
}

TEST(Migrations, AFailingMigrationLeavesTheSchemaUntouched) {
  TempDir dir;
  auto db = Database::open(dir / "m.db");
  ASSERT_TRUE(db.has_value());
  // A table the first migration wants to create already exists: the migration fails and
  // rolls back entirely, version bump included.
  ASSERT_TRUE(db->execute("CREATE TABLE corpus_files (x INTEGER)"));
  auto migrated = store::migrate(*db);
  ASSERT_FALSE(migrated.has_value());
  EXPECT_EQ(migrated.error().code, Error::Code::migration_failed);
  EXPECT_EQ(user_version(*db), 0);
  EXPECT_FALSE(has_table(*db, "sources"));
  EXPECT_FALSE(has_table(*db, "items"));
}

TEST(Migrations, CarryADatabaseOfSchemaThreeOverKeepingItsDecisionsWithoutAUser) {
  TempDir dir;
  {
    // The database as the release before user-recording left it: an item that was revised
    // once, then approved.
    auto db = Database::open(dir / "m.db");
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(store::migrate(*db, 3).has_value());
    ASSERT_EQ(user_version(*db), 3);
    ASSERT_TRUE(db->execute(
        "INSERT INTO items (id, canonical_url, outlet, state, title, seed_text, flagged, score, rules_version, "
        "fetched_at, discovered_at, updated_at) VALUES (1, 'https://a.example/1', 'TASS', 'approved', 'Deal', "
        "'# Deal\n\nCuba and Russia signed.\n', 1, 2.5, 'rules-v1', '2026-01-03T00:00:00Z', "
        "'2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z')"));
    ASSERT_TRUE(db->execute(
        "INSERT INTO revisions (item_id, number, title, flagged, score, fetched_at, replaced_at) "
        "VALUES (1, 1, 'Draft', 0, 0.5, '2026-01-01T00:00:05Z', '2026-01-02T00:00:00Z')"));
    ASSERT_TRUE(db->execute("INSERT INTO decisions (item_id, decision, note, decided_at) "
                            "VALUES (1, 'approved', 'old note', '2026-01-04T00:00:00Z')"));
  }
  auto db = store::open_store(dir / "m.db");
  ASSERT_TRUE(db.has_value()) << db.error().message;
  EXPECT_EQ(user_version(*db), store::latest_schema_version());

  auto item = store::find_item(*db, 1);
  ASSERT_TRUE(item.has_value() && item->has_value());
  ASSERT_EQ((*item)->decisions.size(), 1u);
  EXPECT_EQ((*item)->decisions[0].note, "old note");
  EXPECT_EQ((*item)->decisions[0].user, std::nullopt) << "an old decision's author was never recorded";
  EXPECT_EQ((*item)->stored_at, "2026-01-02T00:00:00Z") << "the current text was stored when the draft was replaced";

  ASSERT_TRUE(store::decide(*db, 1, store::ReviewAction::reject, std::nullopt, std::string{"ana"}));
  auto history = store::item_history(*db, 1);
  ASSERT_TRUE(history.has_value() && history->has_value());
  std::vector<std::optional<std::string>> users;
  for (const auto& e : (*history)->events)
    if (e.decision) users.push_back(e.decision->user);
  EXPECT_EQ(users, (std::vector<std::optional<std::string>>{std::nullopt, "ana"}));
  EXPECT_EQ((*history)->events[1].at, "2026-01-01T00:00:05Z") << "first fetched";
  EXPECT_EQ((*history)->events[2].at, "2026-01-02T00:00:00Z") << "revised";
}

TEST(Migrations, SplitTheErrorsOfSchemaFourIntoAKindAndAMessage) {
  TempDir dir;
  {
    auto db = Database::open(dir / "m.db");
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(store::migrate(*db, 4).has_value());
    // The shapes schema 4 wrote: "kind: message", "not HTML: ...", "extraction: ...", and
    // one that names no known kind.
    ASSERT_TRUE(db->execute(
        "INSERT INTO items (id, canonical_url, outlet, state, attempts, last_error, discovered_at, updated_at) VALUES "
        "(1, 'https://a.example/1', 'A', 'discovered', 1, 'http_4xx: HTTP 404 (https://a.example/1)', 't', 't'), "
        "(2, 'https://a.example/2', 'A', 'failed', 1, 'not HTML: Content-Type application/pdf', 't', 't'), "
        "(3, 'https://a.example/3', 'A', 'failed', 1, 'extraction: no article text', 't', 't'), "
        "(4, 'https://a.example/4', 'A', 'failed', 5, 'something: else', 't', 't'), "
        "(5, 'https://a.example/5', 'A', 'stored', 1, NULL, 't', 't')"));
  }
  auto db = store::open_store(dir / "m.db");
  ASSERT_TRUE(db.has_value()) << db.error().message;
  auto error_of = [&](std::int64_t id) {
    auto item = store::find_item(*db, id);
    if (!item || !*item) throw std::runtime_error("no item");
    return std::pair{(*item)->error_kind, (*item)->last_error};
  };
  using store::FailureKind;
  using Pair = std::pair<std::optional<FailureKind>, std::optional<std::string>>;
  EXPECT_EQ(error_of(1), (Pair{FailureKind::http_4xx, "HTTP 404 (https://a.example/1)"}));
  EXPECT_EQ(error_of(2), (Pair{FailureKind::not_html, "Content-Type application/pdf"}));
  EXPECT_EQ(error_of(3), (Pair{FailureKind::extraction, "no article text"}));
  EXPECT_EQ(error_of(4), (Pair{FailureKind::other, "something: else"}));
  EXPECT_EQ(error_of(5), (Pair{std::nullopt, std::nullopt}));
}

}  // namespace
