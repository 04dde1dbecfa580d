// ingest user add|list|passwd|remove through the real program and a real store: the password
// comes from stdin only, the store keeps its hash, and mistakes get one line each.
#include <gtest/gtest.h>

#include <boost/json.hpp>


#include <string>

#include "store/store.h"
#include "store/users.h"
#include "tests/support/run_program.h"
#include "tests/support/test_files.h"

namespace {

namespace fs = std::filesystem;
using test_support::TempDir;

class UserProgram : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "corpus");
    auto made = run({"import-corpus", (dir_ / "corpus").string()});
    ASSERT_EQ(made.exit_status, 0) << made.err;
  }

  // `ingest ARGS --db <the store>`, with `input` as stdin, through the shell (a pipe).
  test_support::ProgramRun run(std::vector<std::string> args, const std::string& input = "") {
    test_support::write_file(dir_ / "stdin", input);
    std::string line = test_support::shell_quote(test_support::ingest_binary());
    for (const auto& a : args) line += " " + test_support::shell_quote(a);
    line += " --db " + test_support::shell_quote((dir_ / "ingest.db").string()) + " < " +
            test_support::shell_quote((dir_ / "stdin").string());
    return test_support::run_program({"/bin/sh", "-c", line}, dir_.path());
  }

  bool password_works(const std::string& name, const std::string& password) {
    auto db = store::open_store(dir_ / "ingest.db");
    if (!db) return false;
    auto checked = store::check_password(*db, name, password);
    return checked && checked->has_value();
  }

  TempDir dir_;
};

TEST_F(UserProgram, AddsAUserWithThePasswordFromStdinAndListsIt) {
  auto added = run({"user", "add", "ana", "--role", "admin", "--password-stdin"}, "tr0ub4dor &3\n");
  ASSERT_EQ(added.exit_status, 0) << added.err;
  EXPECT_EQ(added.out, "user ana: added\n");
  EXPECT_TRUE(password_works("ana", "tr0ub4dor &3"));
  auto listed = run({"user", "list", "--json"});
  ASSERT_EQ(listed.exit_status, 0) << listed.err;
  auto users = boost::json::parse(listed.out).as_array();
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0].at("name").as_string(), "ana");
  EXPECT_EQ(users[0].at("role").as_string(), "admin");
  EXPECT_EQ(listed.out.find("argon2"), std::string::npos) << "the hash is not shown";
}

TEST_F(UserProgram, ChangesAPasswordAndRemovesAUser) {
  ASSERT_EQ(run({"user", "add", "luis", "--role", "reviewer", "--password-stdin"}, "first\n").exit_status, 0);
  ASSERT_EQ(run({"user", "passwd", "luis", "--password-stdin"}, "second\r\n").exit_status, 0);
  EXPECT_FALSE(password_works("luis", "first"));
  EXPECT_TRUE(password_works("luis", "second"));
  auto removed = run({"user", "remove", "luis"});
  EXPECT_EQ(removed.exit_status, 0) << removed.err;
  EXPECT_EQ(run({"user", "remove", "luis"}).err, "ingest: no user luis\n");
}

TEST_F(UserProgram, RefusesWhatWouldGoWrongWithOneLineEach) {
  EXPECT_EQ(run({"user", "add", "ana", "--password-stdin"}, "pw\n").exit_status, 2);  // no --role
  EXPECT_EQ(run({"user", "add", "ana", "--role", "reviewer"}, "pw\n").exit_status, 2);  // no --password-stdin
  EXPECT_EQ(run({"user", "add", "ana", "--role", "owner", "--password-stdin"}, "pw\n").exit_status, 2);
  EXPECT_EQ(run({"user", "add", "ana smith", "--role", "reviewer", "--password-stdin"}, "pw\n").exit_status, 2);
  auto empty = run({"user", "add", "ana", "--role", "reviewer", "--password-stdin"}, "\n");
  EXPECT_EQ(empty.exit_status, 1);
  EXPECT_EQ(empty.err, "ingest: the password on stdin is empty\n");
  ASSERT_EQ(run({"user", "add", "ana", "--role", "reviewer", "--password-stdin"}, "pw\n").exit_status, 0);
  auto twice = run({"user", "add", "ana", "--role", "admin", "--password-stdin"}, "pw\n");
  EXPECT_EQ(twice.exit_status, 1);
  EXPECT_EQ(twice.err, "ingest: user ana exists already\n");
  EXPECT_EQ(run({"user", "frobnicate"}).exit_status, 2);
}

}  // namespace
