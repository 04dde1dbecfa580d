// Read-only file systems under the database and under the corpus folder: a real tmpfs
// remounted read-only (tests/support/small_filesystem.h), so the program meets EROFS from the
// kernel. The database's file system is made read-only between runs (the kernel will not
// remount it while SQLite holds the file open for writing); the corpus folder's in the middle
// of an export, between two documents, while the program is stopped at a crash point.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "fault/kill_plan.h"
#include "tests/ingest/pipeline/fault_site.h"
#include "tests/support/small_filesystem.h"

namespace {

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::SmallFilesystem;

class ReadOnly : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto reason = SmallFilesystem::unavailable()) GTEST_SKIP() << *reason;
    disk_.emplace(site_.folder() / "disk", 8 << 20);
  }

  fault_site::Site site_;
  std::optional<SmallFilesystem> disk_;
};

TEST_F(ReadOnly, DatabaseIsRefusedWithoutTouchingItAndUsedOnceWritable) {
  const auto expected = site_.reference();
  fs::path db = disk_->path() / "ingest.db";
  fs::path config = site_.write_config(db, site_.folder() / "corpus");
  // A pass killed half-way: work left to do, and a write-ahead log not yet folded in.
  auto killed = test_support::run_program(site_.command({"--once"}, config), site_.folder().path(),
                                          {{fault::kKillAtVariable, "20"}});
  ASSERT_EQ(killed.signal, SIGKILL) << killed.err;
  fs::path wal = db.string() + "-wal";
  ASSERT_TRUE(fs::exists(wal));
  std::string db_before = read_file(db), wal_before = read_file(wal);
  std::size_t asked = site_.server().request_count("/wire/feed.xml");

  disk_->make_read_only();
  auto run = test_support::run_program(site_.command({"--once"}, config), site_.folder().path());
  EXPECT_EQ(run.exit_status, 1) << run.err;
  EXPECT_NE(run.err.find(db.string()), std::string::npos) << run.err;
  EXPECT_EQ(site_.server().request_count("/wire/feed.xml"), asked) << "nothing is fetched that cannot be stored";
  EXPECT_TRUE(read_file(db) == db_before);
  EXPECT_TRUE(read_file(wal) == wal_before);

  disk_->make_writable();
  run = test_support::run_program(site_.command({"--once"}, config), site_.folder().path());
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(fault_site::integrity(db), "ok");
  EXPECT_EQ(fault_site::outcomes(db), expected);
}

TEST_F(ReadOnly, CorpusFolderInTheMiddleOfAnExportLeavesWhatWasExportedAndTheRestForLater) {
  fs::path db = site_.folder() / "ingest.db";
  fs::path corpus = disk_->path() / "corpus";
  fs::path config = site_.write_config(db, corpus);
  auto run = test_support::run_program(site_.command({"--once"}, config), site_.folder().path());
  ASSERT_EQ(run.exit_status, 0) << run.err;
  auto ids = fault_site::reviewable_ids(db);
  std::vector<std::string> approve{"approve"};
  approve.insert(approve.end(), ids.begin(), ids.end());
  ASSERT_EQ(test_support::run_program(site_.command(approve, config), site_.folder().path()).exit_status, 0);

  test_support::StartedProgram exporting{site_.command({"export", "--new-corpus"}, config), site_.folder().path(),
                                         {{fault::kPauseAtVariable, "18"}}};
  ASSERT_TRUE(exporting.wait_until_stopped());
  disk_->make_read_only();
  exporting.resume();
  run = exporting.wait();
  EXPECT_NE(run.err.find("fault: pause at point 18 export.committed"), std::string::npos) << run.err;
  EXPECT_EQ(run.exit_status, 1) << run.err;
  EXPECT_NE(run.err.find(corpus.string()), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("Read-only file system"), std::string::npos) << run.err;
  fault_site::expect_no_partial_document(corpus);
  // The three documents written before are recorded as exported, and no other.
  int exported = 0;
  for (const auto& [url, outcome] : fault_site::outcomes(db)) exported += outcome.state == "exported";
  EXPECT_EQ(exported, 3);

  disk_->make_writable();
  run = test_support::run_program(site_.command({"export", "--new-corpus"}, config), site_.folder().path());
  ASSERT_EQ(run.exit_status, 0) << run.err;
  fault_site::expect_whole_corpus(corpus, ids.size());
}

}  // namespace
