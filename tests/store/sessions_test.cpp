// store/sessions.cpp: console sessions and the brake on password guessing, in a real store.
#include "store/sessions.h"

#include <gtest/gtest.h>

#include "tests/store/store_test_support.h"

namespace {

using namespace std::chrono_literals;
using store_test::StoreTest;

class Sessions : public StoreTest {
 protected:
  std::int64_t user(const std::string& name) {
    auto added = store::add_user(db(), name, store::Role::reviewer, "pw");
    EXPECT_TRUE(added) << added.error().message;
    return added ? added->id : 0;
  }
};

TEST_F(Sessions, AreFoundByTheirTokenWithTheirUserAndCsrf) {
  std::int64_t ana = user("ana");
  auto started = store::start_session(db(), ana, 3600s);
  ASSERT_TRUE(started) << started.error().message;
  EXPECT_EQ(started->token.size(), 64u);
  EXPECT_EQ(started->csrf.size(), 64u);
  EXPECT_NE(started->token, started->csrf);
  auto found = store::find_session(db(), started->token);
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->user.name, "ana");
  EXPECT_EQ((*found)->csrf, started->csrf);
  EXPECT_FALSE(store::find_session(db(), std::string(64, '0'))->has_value());
}

TEST_F(Sessions, KeepOnlyTheTokensHashAndAreEachTheirOwn) {
  std::int64_t ana = user("ana");
  auto first = store::start_session(db(), ana, 3600s);
  auto second = store::start_session(db(), ana, 3600s);
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->token, second->token);
  EXPECT_NE(first->csrf, second->csrf);
  auto stmt = db().prepare("SELECT token_hash FROM sessions");
  ASSERT_TRUE(stmt);
  while (stmt->step().value_or(false)) {
    EXPECT_NE(stmt->column_text(0), first->token);
    EXPECT_NE(stmt->column_text(0), second->token);
  }
}

TEST_F(Sessions, EndAtLogoutAtExpiryAndWithTheirUser) {
  std::int64_t ana = user("ana");
  auto kept = store::start_session(db(), ana, 3600s);
  auto out = store::start_session(db(), ana, 3600s);
  auto expired = store::start_session(db(), ana, -1s);
  ASSERT_TRUE(kept && out && expired);
  ASSERT_TRUE(store::end_session(db(), out->token));
  EXPECT_FALSE(store::find_session(db(), out->token)->has_value());
  EXPECT_FALSE(store::find_session(db(), expired->token)->has_value());
  EXPECT_TRUE(store::find_session(db(), kept->token)->has_value());
  ASSERT_TRUE(store::remove_user(db(), "ana"));
  EXPECT_FALSE(store::find_session(db(), kept->token)->has_value()) << "a removed user's sessions go with it";
}

TEST_F(Sessions, EndWhenThePasswordChangesForThatUserOnly) {
  std::int64_t ana = user("ana");
  std::int64_t ben = user("ben");
  auto anas = store::start_session(db(), ana, 3600s);
  auto bens = store::start_session(db(), ben, 3600s);
  ASSERT_TRUE(anas && bens);
  ASSERT_TRUE(store::set_password(db(), "ana", "a new password"));
  EXPECT_FALSE(store::find_session(db(), anas->token)->has_value());
  EXPECT_TRUE(store::find_session(db(), bens->token)->has_value());
}

TEST_F(Sessions, FailedLoginsBrakeAfterThreeAndASuccessClearsThem) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(store::record_login_failure(db(), "user:ana"));
  EXPECT_EQ(store::login_wait(db(), "user:ana").value(), 0s);
  ASSERT_TRUE(store::record_login_failure(db(), "user:ana"));
  auto wait = store::login_wait(db(), "user:ana").value();
  EXPECT_GT(wait, 0s);
  EXPECT_LE(wait, 1s);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(store::record_login_failure(db(), "user:ana"));
  EXPECT_LE(store::login_wait(db(), "user:ana").value(), 300s);
  EXPECT_GT(store::login_wait(db(), "user:ana").value(), 250s);
  EXPECT_EQ(store::login_wait(db(), "address:127.0.0.1").value(), 0s) << "subjects are counted apart";
  ASSERT_TRUE(store::clear_login_failures(db(), "user:ana"));
  EXPECT_EQ(store::login_wait(db(), "user:ana").value(), 0s);
}

}  // namespace
