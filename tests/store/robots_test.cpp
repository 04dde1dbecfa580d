// store/robots.cpp: each origin's robots.txt outcome with its expiry.
#include "store/robots.h"

#include <gtest/gtest.h>

#include "store/store.h"
#include "tests/support/test_files.h"

namespace {

class StoredRobotsTest : public ::testing::Test {
 protected:
  StoredRobotsTest() : db_(std::move(*store::open_store(dir_ / "ingest.db"))) {}
  test_support::TempDir dir_;
  store::Database db_;
};

TEST_F(StoredRobotsTest, ReturnsWhatWasSavedUntilItExpires) {
  ASSERT_TRUE(store::save_robots(db_, "https://example.org",
                                 {"rules", "User-agent: *\nDisallow: /x\n", "", "", "2999-01-01T00:00:00Z"}));
  auto found = store::find_robots(db_, "https://example.org");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->outcome, "rules");
  EXPECT_EQ((*found)->body, "User-agent: *\nDisallow: /x\n");
  ASSERT_TRUE(store::save_robots(db_, "https://example.org", {"allow_all", "", "", "", "2000-01-01T00:00:00Z"}));
  auto expired = store::find_robots(db_, "https://example.org");
  ASSERT_TRUE(expired);
  EXPECT_FALSE(*expired);
}

TEST_F(StoredRobotsTest, KnowsNothingOfAnUnseenHost) {
  auto found = store::find_robots(db_, "https://unseen.example");
  ASSERT_TRUE(found);
  EXPECT_FALSE(*found);
}

}  // namespace
