#include "store/item_state.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "store/database.h"
#include "store/failure.h"
#include "store/items.h"
#include "store/store.h"
#include "tests/support/test_files.h"

namespace {

TEST(ItemState, TheSchemasCheckAllowsExactlyTheStatesOfTheEnum) {
  test_support::TempDir dir;
  auto db = store::open_store(dir / "ingest.db");
  ASSERT_TRUE(db) << db.error().message;
  auto stmt = db->prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'items'");
  ASSERT_TRUE(stmt);
  auto row = stmt->step();
  ASSERT_TRUE(row && *row);
  std::string sql = stmt->column_text(0);
  std::smatch check;
  ASSERT_TRUE(std::regex_search(sql, check, std::regex{R"(state\s+TEXT NOT NULL CHECK \(state IN \(([^)]*)\)\))"}));
  std::set<std::string> in_schema;
  std::string list = check[1];
  const std::regex quoted{"'(\\w+)'"};
  for (std::sregex_iterator it{list.begin(), list.end(), quoted}, end; it != end; ++it)
    in_schema.insert((*it)[1]);
  std::set<std::string> in_enum;
  for (store::ItemState state : store::kItemStates) in_enum.emplace(store::state_name(state));
  EXPECT_EQ(in_schema, in_enum);
}

TEST(ItemState, EveryNameReadsBackAsItsStateAndOtherWordsAsNone) {
  for (store::ItemState state : store::kItemStates) EXPECT_EQ(store::state_named(store::state_name(state)), state);
  EXPECT_EQ(store::state_named("Flagged"), std::nullopt);
  EXPECT_EQ(store::state_named(""), std::nullopt);
}

TEST(FailureKind, EveryNameReadsBackAsItsKind) {
  std::set<std::string_view> names;
  for (store::FailureKind kind : store::kFailureKinds) {
    EXPECT_EQ(store::failure_kind_named(store::failure_kind_name(kind)), kind);
    names.insert(store::failure_kind_name(kind));
  }
  EXPECT_EQ(names.size(), store::kFailureKinds.size());  // no two kinds share a name
  EXPECT_EQ(store::failure_kind_named("kind: message"), std::nullopt);
}

TEST(DuplicateKind, EveryNameReadsBackAsItsKind) {
  for (store::DuplicateKind kind : store::kDuplicateKinds)
    EXPECT_EQ(store::duplicate_kind_named(store::duplicate_kind_name(kind)), kind);
  EXPECT_EQ(store::duplicate_kind_named("nearly"), std::nullopt);
}

}  // namespace
