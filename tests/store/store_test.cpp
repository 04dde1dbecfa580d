// store/store.cpp: opening the store (folder, file, migrations) and its clock.
#include "store/store.h"

#include <gtest/gtest.h>

#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/migrations.h"
#include "store/sources.h"
#include "tests/support/test_files.h"

namespace {

namespace fs = std::filesystem;
using store::Database;
using store::Error;
using test_support::TempDir;

std::string pragma_text(Database& db, const std::string& pragma) {
  auto stmt = db.prepare("PRAGMA " + pragma);
  if (!stmt) throw std::runtime_error(stmt.error().message);
  auto row = stmt->step();
  if (!row || !*row) throw std::runtime_error("no row for " + pragma);
  return stmt->column_text(0);
}

TEST(OpenStore, CreatesTheFileAndItsFolders) {
  TempDir dir;
  fs::path file = dir / "var/nested/deeper/ingest.db";
  ASSERT_FALSE(fs::exists(file.parent_path()));
  auto db = store::open_store(file);
  ASSERT_TRUE(db.has_value()) << db.error().message;
  EXPECT_TRUE(fs::is_regular_file(file));
}

TEST(OpenStore, MigratesToTheLatestSchemaVersion) {
  TempDir dir;
  auto db = store::open_store(dir / "ingest.db");
  ASSERT_TRUE(db.has_value()) << db.error().message;
  EXPECT_EQ(pragma_text(*db, "user_version"), std::to_string(store::latest_schema_version()));
}

TEST(OpenStore, TurnsOnWalJournaling) {
  TempDir dir;
  auto db = store::open_store(dir / "ingest.db");
  ASSERT_TRUE(db.has_value()) << db.error().message;
  EXPECT_EQ(pragma_text(*db, "journal_mode"), "wal");
}

TEST(OpenStore, ReopeningIsANoOpThatKeepsTheData) {
  TempDir dir;
  {
    auto db = store::open_store(dir / "ingest.db");
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(store::register_source(*db, "Outlet", "https://a.example/feed", "feed"));
  }
  auto db = store::open_store(dir / "ingest.db");
  ASSERT_TRUE(db.has_value()) << db.error().message;
  EXPECT_EQ(pragma_text(*db, "user_version"), std::to_string(store::latest_schema_version()));
  auto sources = store::list_sources(*db);
  ASSERT_TRUE(sources.has_value());
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ(sources->front().url, "https://a.example/feed");
}

TEST(OpenStore, GivesItemsStoredBeforeTheDedupIndexTheirUrlKeysAndFingerprints) {
  TempDir dir;
  {
    auto db = store::open_store(dir / "ingest.db");
    ASSERT_TRUE(db);
    // Items as schema 2 left them: no URL key, no fingerprint.
    ASSERT_TRUE(db->execute(
        "INSERT INTO items (canonical_url, outlet, state, seed_text, discovered_at, updated_at) VALUES "
        "('http://www.example.org/a/', 'X', 'stored', '# A\n\nCuba and Russia signed an agreement on energy "
        "and transport in Havana on Monday.\n', 'now', 'now'), "
        "('https://example.org/b', 'X', 'discovered', NULL, 'now', 'now')"));
  }
  auto db = store::open_store(dir / "ingest.db");
  ASSERT_TRUE(db) << db.error().message;
  auto keys = db->prepare("SELECT url_key FROM items ORDER BY id");
  ASSERT_TRUE(keys);
  std::vector<std::string> found;
  while (keys->step().value_or(false)) found.push_back(keys->column_text(0));
  EXPECT_EQ(found, (std::vector<std::string>{"https://example.org/a", "https://example.org/b"}));
  auto fingerprints = db->prepare("SELECT COUNT(*) FROM fingerprints");
  ASSERT_TRUE(fingerprints && fingerprints->step().value_or(false));
  EXPECT_EQ(fingerprints->column_int(0), 1);  // the item with text
}

TEST(OpenStore, RefusesADatabaseWhoseSchemaIsNewerThanTheProgram) {
  TempDir dir;
  fs::path file = dir / "ingest.db";
  {
    auto db = store::open_store(file);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(db->execute("PRAGMA user_version = " + std::to_string(store::latest_schema_version() + 5)));
  }
  auto db = store::open_store(file);
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code, Error::Code::migration_failed);
  EXPECT_NE(db.error().message.find(file.string()), std::string::npos) << db.error().message;
  // The database itself was left alone.
  auto raw = Database::open(file);
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(pragma_text(*raw, "user_version"), std::to_string(store::latest_schema_version() + 5));
}

TEST(OpenStore, FailsWithOpenFailedOnAPathThatIsADirectory) {
  TempDir dir;
  fs::create_directories(dir / "a-folder");
  auto db = store::open_store(dir / "a-folder");
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code, Error::Code::open_failed);
}

TEST(OpenStore, FailsWithOpenFailedWhenTheFolderCannotBeCreated) {
  TempDir dir;
  test_support::write_file(dir / "plain-file", "not a folder");
  auto db = store::open_store(dir / "plain-file/ingest.db");
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code, Error::Code::open_failed);
}

TEST(NowUtc, IsIso8601InUtcToTheSecond) {
  std::string now = store::now_utc();
  EXPECT_TRUE(std::regex_match(now, std::regex{R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)"})) << now;
  EXPECT_GE(now, "2024-01-01T00:00:00Z");
}

}  // namespace
