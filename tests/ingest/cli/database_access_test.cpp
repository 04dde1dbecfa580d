// Which database a command uses, and what it may do to it, through the real program: only the
// commands that fill a store create one; a mistyped --db is said, not answered with an empty
// queue; another program's SQLite file is left as it was; readers need only read access; and
// commands opening a new store at the same moment wait for each other.
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "store/database.h"
#include "tests/support/run_program.h"
#include "tests/support/test_files.h"

namespace {

namespace fs = std::filesystem;
using test_support::TempDir;

test_support::ProgramRun ingest(const fs::path& folder, std::vector<std::string> args) {
  return test_support::run_ingest(std::move(args), folder);
}

// A file made with SQLite directly, as another program would.
void make_foreign_database(const fs::path& file) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db{raw, &sqlite3_close};
  ASSERT_EQ(sqlite3_exec(raw, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); "
                              "INSERT INTO notes (text) VALUES ('mine');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
}

TEST(DatabaseAccess, ACommandThatOnlyReadsOrDecidesRefusesAMissingDatabaseAndCreatesNothing) {
  TempDir dir;
  const fs::path missing = dir / "typo/ingest.db";
  const std::vector<std::vector<std::string>> commands{
      {"queue"}, {"show", "1"}, {"history", "1"}, {"status"}, {"approve", "1"}, {"reject", "1"},
      {"export", "--corpus", (dir / "corpus").string(), "--new-corpus"}, {"reflag"}};
  for (auto args : commands) {
    SCOPED_TRACE(args.front());
    args.insert(args.end(), {"--db", missing.string()});
    auto run = ingest(dir.path(), args);
    EXPECT_EQ(run.exit_status, 1) << run.err;
    EXPECT_EQ(run.err, "ingest: no ingest database at " + missing.string() +
                           " (check --db or the config's store.database)\n");
    EXPECT_FALSE(fs::exists(dir / "typo")) << "a folder was created for it";
  }
}

TEST(DatabaseAccess, APassAndImportCorpusCreateTheDatabaseTheyAreGiven) {
  TempDir dir;
  fs::create_directories(dir / "corpus");
  auto run = ingest(dir.path(), {"import-corpus", (dir / "corpus").string(), "--db", (dir / "new/ingest.db").string()});
  EXPECT_EQ(run.exit_status, 0) << run.err;
  EXPECT_TRUE(fs::exists(dir / "new/ingest.db"));
  auto status = ingest(dir.path(), {"status", "--db", (dir / "new/ingest.db").string()});
  EXPECT_EQ(status.exit_status, 0) << status.err;
}

TEST(DatabaseAccess, AnotherProgramsSqliteFileIsRefusedAndLeftByteForByte) {
  TempDir dir;
  fs::create_directories(dir / "corpus");
  const fs::path other = dir / "other.db";
  make_foreign_database(other);
  const std::string before = test_support::read_file(other);
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"queue"}, {"status"}, {"approve", "1"}, {"reflag"}, {"import-corpus", (dir / "corpus").string()}}) {
    SCOPED_TRACE(args.front());
    args.insert(args.end(), {"--db", other.string()});
    auto run = ingest(dir.path(), args);
    EXPECT_EQ(run.exit_status, 1) << run.err;
    EXPECT_NE(run.err.find(other.string() + ": not an ingest database (application_id 0x00000000, 1 tables)"),
              std::string::npos)
        << run.err;
    EXPECT_EQ(test_support::read_file(other), before);
    EXPECT_FALSE(fs::exists(other.string() + "-wal")) << "switched to WAL";
  }
}

TEST(DatabaseAccess, FortyConcurrentFirstOpensOfNewDatabasesAllSucceed) {
  TempDir dir;
  fs::create_directories(dir / "corpus");
  int failures = 0;
  std::string first_failure;
  for (int round = 0; round < 10; ++round) {
    const fs::path db = dir / ("round-" + std::to_string(round) + "/ingest.db");
    std::vector<std::unique_ptr<test_support::StartedProgram>> programs;
    for (int i = 0; i < 4; ++i) {
      fs::path folder = dir / ("out-" + std::to_string(round) + "-" + std::to_string(i));
      fs::create_directories(folder);
      programs.push_back(std::make_unique<test_support::StartedProgram>(
          std::vector<std::string>{test_support::ingest_binary(), "import-corpus", (dir / "corpus").string(), "--db", db.string()},
          folder));
    }
    for (auto& program : programs) {
      auto run = program->wait();
      if (run.exit_status != 0) {
        ++failures;
        if (first_failure.empty()) first_failure = run.err;
      }
    }
  }
  EXPECT_EQ(failures, 0) << first_failure;
}

// Runs the program as the unprivileged user `nobody` (setpriv), who may read the test's
// folder and database but write neither.
test_support::ProgramRun ingest_as_nobody(const fs::path& folder, std::vector<std::string> args) {
  args.insert(args.begin(), {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                             test_support::ingest_binary()});
  return test_support::run_program(std::move(args), folder);
}

class ReadOnlyReader : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0 || !fs::exists("/usr/bin/setpriv")) GTEST_SKIP() << "needs root and setpriv to run as nobody";
    fs::permissions(dir_.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                     fs::perms::others_read | fs::perms::others_exec);
    fs::create_directories(dir_ / "corpus");
    fs::create_directories(dir_ / "out");
    fs::permissions(dir_ / "out", fs::perms::all);
    auto made = ingest(dir_.path(), {"import-corpus", (dir_ / "corpus").string(), "--db", db().string()});
    ASSERT_EQ(made.exit_status, 0) << made.err;
  }
  fs::path db() const { return dir_ / "ingest.db"; }
  TempDir dir_;
};

TEST_F(ReadOnlyReader, ReadsTheQueueStatusAndAnItemWithReadAccessOnly) {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"queue"}, {"status"}, {"queue", "--json"}}) {
    SCOPED_TRACE(args.front());
    args.insert(args.end(), {"--db", db().string()});
    auto run = ingest_as_nobody(dir_ / "out", args);
    EXPECT_EQ(run.exit_status, 0) << run.err;
  }
  auto show = ingest_as_nobody(dir_ / "out", {"show", "1", "--db", db().string()});
  EXPECT_EQ(show.err, "ingest: no item 1\n");  // read, and found nothing: not a permission error
}

TEST_F(ReadOnlyReader, SaysWhichPermissionIsMissingWhenTheWalIndexIsGone) {
  fs::remove(db().string() + "-shm");
  fs::remove(db().string() + "-wal");
  auto run = ingest_as_nobody(dir_ / "out", {"queue", "--db", db().string()});
  EXPECT_EQ(run.exit_status, 1);
  EXPECT_EQ(run.err, "ingest: " + db().string() + ": cannot be read without write access to " + dir_.path().string() +
                         ": its WAL index ingest.db-shm is missing (any command that writes leaves it in place), "
                         "and SQLite must create it there\n");
}

}  // namespace
