// store/migrations.cpp: numbered schema migrations.
#include "store/migrations.h"

#include <gtest/gtest.h>

#include <string>

#include "store/database.h"
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

}  // namespace
