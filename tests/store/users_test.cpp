// store/users.cpp: review accounts with Argon2id password hashes, in a real SQLite file.
#include "store/users.h"

#include <gtest/gtest.h>

#include "tests/store/store_test_support.h"

namespace {

using store_test::StoreTest;

class Users : public StoreTest {
 protected:
  std::string stored_hash(const std::string& name) {
    auto stmt = db().prepare("SELECT password_hash FROM users WHERE name = ?1");
    EXPECT_TRUE(stmt);
    stmt->bind(1, name);
    auto row = stmt->step();
    return row && *row ? stmt->column_text(0) : std::string{};
  }
};

TEST_F(Users, AreAddedWithARoleAndListedByName) {
  ASSERT_TRUE(store::add_user(db(), "luis", store::Role::reviewer, "first password"));
  ASSERT_TRUE(store::add_user(db(), "ana", store::Role::admin, "second password"));
  auto users = store::list_users(db());
  ASSERT_TRUE(users);
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "ana");
  EXPECT_EQ((*users)[0].role, store::Role::admin);
  EXPECT_EQ((*users)[1].name, "luis");
  EXPECT_EQ((*users)[1].role, store::Role::reviewer);
}

TEST_F(Users, KeepAnArgon2idHashNeverThePassword) {
  ASSERT_TRUE(store::add_user(db(), "ana", store::Role::reviewer, "correct horse"));
  std::string hash = stored_hash("ana");
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_EQ(hash.find("correct horse"), std::string::npos);
  // Salted: the same password gives another hash.
  ASSERT_TRUE(store::add_user(db(), "luis", store::Role::reviewer, "correct horse"));
  EXPECT_NE(stored_hash("luis"), hash);
}

TEST_F(Users, CheckThePasswordWithoutTellingAWrongOneFromAnUnknownName) {
  ASSERT_TRUE(store::add_user(db(), "ana", store::Role::admin, "correct horse"));
  auto right = store::check_password(db(), "ana", "correct horse");
  ASSERT_TRUE(right);
  ASSERT_TRUE(right->has_value());
  EXPECT_EQ((*right)->role, store::Role::admin);
  auto wrong = store::check_password(db(), "ana", "correct horsf");
  ASSERT_TRUE(wrong);
  EXPECT_FALSE(wrong->has_value());
  auto unknown = store::check_password(db(), "nobody", "correct horse");
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->has_value());
}

TEST_F(Users, ChangeTheirPasswordAndAreRemoved) {
  ASSERT_TRUE(store::add_user(db(), "ana", store::Role::reviewer, "old one"));
  ASSERT_TRUE(store::set_password(db(), "ana", "new one"));
  EXPECT_FALSE(store::check_password(db(), "ana", "old one")->has_value());
  EXPECT_TRUE(store::check_password(db(), "ana", "new one")->has_value());
  ASSERT_TRUE(store::remove_user(db(), "ana"));
  EXPECT_FALSE(store::find_user(db(), "ana")->has_value());
  EXPECT_EQ(store::remove_user(db(), "ana").error().code, store::Error::Code::not_found);
  EXPECT_EQ(store::set_password(db(), "ana", "x").error().code, store::Error::Code::not_found);
}

TEST_F(Users, RefuseATakenNameABadNameAndAnEmptyPassword) {
  ASSERT_TRUE(store::add_user(db(), "ana", store::Role::reviewer, "pw"));
  auto again = store::add_user(db(), "ana", store::Role::admin, "pw");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message, "user ana exists already");
  for (const char* bad : {"", "-ana", "ana smith", "ana<script>", "ä"})
    EXPECT_FALSE(store::add_user(db(), bad, store::Role::reviewer, "pw")) << bad;
  EXPECT_FALSE(store::add_user(db(), "luis", store::Role::reviewer, ""));
  EXPECT_EQ(store::list_users(db())->size(), 1u);
}

}  // namespace
