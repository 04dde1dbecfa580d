// `ingest --once` meeting a database it cannot use at start: a file that is not a database, a
// database with a damaged page or cut short, and one another process keeps locked. Each time
// the program must say which file and what is wrong on one line, exit with status 1, and
// leave the file as it found it (so that nothing in it is lost to a repair attempt); a locked
// database is used as soon as it is free.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "store/database.h"
#include "store/store.h"
#include "tests/ingest/pipeline/fault_site.h"

namespace {

namespace fs = std::filesystem;
using test_support::read_file;

int error_lines(const std::string& err) {
  int lines = 0;
  std::size_t start = 0;
  while (start < err.size()) {
    auto end = err.find('\n', start);
    if (end == std::string::npos) end = err.size();
    std::string line = err.substr(start, end - start);
    lines += line.find("error") != std::string::npos || line.starts_with("ingest:");
    start = end + 1;
  }
  return lines;
}

class DamagedDatabase : public ::testing::Test {
 protected:
  // A database holding a whole pass, closed (so its WAL is folded into the file and emptied).
  fs::path whole_database() {
    fs::path db = site_.folder() / "whole.db";
    auto config = site_.write_config(db, site_.folder() / "corpus");
    auto run = test_support::run_program(site_.command({"--once"}, config), site_.folder().path());
    EXPECT_EQ(run.exit_status, 0) << run.err;
    EXPECT_TRUE(!fs::exists(db.string() + "-wal") || fs::file_size(db.string() + "-wal") == 0);
    return db;
  }

  // Runs a pass on `db` and checks that it was refused as `expected_problem` says, the file
  // untouched.
  void expect_refused(const fs::path& db, const std::string& expected_problem) {
    std::string before = read_file(db);
    auto config = site_.write_config(db, site_.folder() / "corpus");
    auto run = test_support::run_program(site_.command({"--once"}, config), site_.folder().path());
    EXPECT_EQ(run.exit_status, 1) << run.err;
    EXPECT_NE(run.err.find(db.string()), std::string::npos) << run.err;
    EXPECT_NE(run.err.find(expected_problem), std::string::npos) << run.err;
    EXPECT_EQ(error_lines(run.err), 1) << run.err;
    EXPECT_TRUE(read_file(db) == before) << "the damaged file was changed";
    // Not one request: nothing was fetched that could not be stored.
    EXPECT_EQ(site_.server().request_count("/wire/feed.xml"), requests_before_);
  }

  void SetUp() override { requests_before_ = 0; }

  fault_site::Site site_;
  std::size_t requests_before_ = 0;
};

TEST_F(DamagedDatabase, ThatIsNotADatabaseIsRefusedAndLeftAsItWas) {
  fs::path db = site_.folder() / "notes.db";
  std::string text;
  for (int i = 0; i < 200; ++i) text += "these are somebody's notes, not a database\n";
  test_support::write_file(db, text);
  expect_refused(db, "file is not a database");
}

TEST_F(DamagedDatabase, WithADamagedPageIsRefusedAndLeftAsItWas) {
  fs::path db = whole_database();
  requests_before_ = site_.server().request_count("/wire/feed.xml");
  // Page 3 (bytes 8192..12287 at SQLite's default page size of 4096) holds part of the schema's
  // tables; scribbling over its b-tree header makes it unreadable.
  {
    std::fstream file{db, std::ios::in | std::ios::out | std::ios::binary};
    file.seekp(2 * 4096);
    std::string junk(200, '\xee');
    file.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  expect_refused(db, "damaged database");
}

TEST_F(DamagedDatabase, CutShortIsRefusedAndLeftAsItWas) {
  fs::path db = whole_database();
  requests_before_ = site_.server().request_count("/wire/feed.xml");
  fs::resize_file(db, fs::file_size(db) / 2);
  // SQLite notices the missing pages before the check can run: the header counts them.
  expect_refused(db, "database disk image is malformed");
}

TEST_F(DamagedDatabase, LockedByAnotherWriterFailsAfterTheBusyTimeoutAndIsUsedOnceFree) {
  const auto expected = site_.reference();
  fs::path db = site_.folder() / "shared.db";
  fs::path config = site_.write_config(db, site_.folder() / "corpus", "busy_timeout = \"200ms\"\n");
  {
    // Another writer, such as an sqlite3 shell left inside a transaction, holds the write lock.
    auto holder = store::open_store(db);
    ASSERT_TRUE(holder.has_value()) << holder.error().message;
    ASSERT_TRUE(holder->execute("BEGIN IMMEDIATE").has_value());
    auto run = test_support::run_program(site_.command({"--once"}, config), site_.folder().path());
    EXPECT_EQ(run.exit_status, 1) << run.err;
    EXPECT_NE(run.err.find("database is locked"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find(db.string()), std::string::npos) << run.err;
    ASSERT_TRUE(holder->execute("ROLLBACK").has_value());
  }
  EXPECT_EQ(fault_site::integrity(db), "ok");
  auto run = test_support::run_program(site_.command({"--once"}, config), site_.folder().path());
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(fault_site::outcomes(db), expected);
}

}  // namespace
