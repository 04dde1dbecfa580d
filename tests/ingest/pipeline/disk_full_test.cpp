// The disk filling up under `ingest --once` and `ingest export`: a real tmpfs of a few
// megabytes (tests/support/small_filesystem.h), filled to the last page while the program is
// stopped at a crash point in the middle of its work (INGEST_FAULT_PAUSE_AT), so that its next
// writes meet ENOSPC from the kernel. The program must stop with one clear error, leave the
// database sound and no corpus document partial, and finish the work once there is room.
#include <gtest/gtest.h>

#include <csignal>
#include <optional>
#include <string>

#include "fault/kill_plan.h"
#include "tests/ingest/pipeline/fault_site.h"
#include "tests/support/small_filesystem.h"

namespace {

namespace fs = std::filesystem;
using test_support::SmallFilesystem;

class DiskFull : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto reason = SmallFilesystem::unavailable()) GTEST_SKIP() << *reason;
    disk_.emplace(site_.folder() / "disk", 8 << 20);
  }

  fault_site::Site site_;
  std::optional<SmallFilesystem> disk_;
};

TEST_F(DiskFull, WhileAPassStoresItStopsWithAClearErrorAndTheNextPassStoresEverythingOnce) {
  const auto expected = site_.reference();
  fs::path db = disk_->path() / "ingest.db";
  fs::path config = site_.write_config(db, site_.folder() / "corpus");

  // Point 12: both feeds are recorded and a few articles stored.
  test_support::StartedProgram pass{site_.command({"--once"}, config), site_.folder().path(),
                                    {{fault::kPauseAtVariable, "12"}}};
  ASSERT_TRUE(pass.wait_until_stopped());
  disk_->fill_leaving(0);
  pass.resume();
  auto run = pass.wait();
  EXPECT_EQ(run.exit_status, 1) << run.err;
  EXPECT_NE(run.err.find("database or disk is full"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("pass failed database=" + db.string()), std::string::npos) << run.err;

  // The operator makes room; what was stored before the disk filled is sound and as it should be.
  disk_->release_filler();
  ASSERT_EQ(fault_site::integrity(db), "ok");
  auto partial = fault_site::outcomes(db);
  int done = 0;
  for (const auto& [url, outcome] : partial) {
    if (outcome.state == "discovered") continue;
    ++done;
    EXPECT_EQ(outcome, expected.at(url)) << url;
  }
  EXPECT_GT(done, 0);
  EXPECT_LT(done, static_cast<int>(expected.size()));

  run = test_support::run_program(site_.command({"--once"}, config), site_.folder().path());
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(fault_site::outcomes(db), expected);
}

TEST_F(DiskFull, AtStartAPassIsRefusedNamingTheDatabase) {
  fs::path db = disk_->path() / "ingest.db";
  fs::path config = site_.write_config(db, site_.folder() / "corpus");
  disk_->fill_leaving(0);
  auto run = test_support::run_program(site_.command({"--once"}, config), site_.folder().path());
  EXPECT_EQ(run.exit_status, 1) << run.err;
  EXPECT_NE(run.err.find(db.string()), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("full"), std::string::npos) << run.err;
  EXPECT_EQ(site_.server().request_count("/wire/feed.xml"), 0u);

  disk_->release_filler();
  run = test_support::run_program(site_.command({"--once"}, config), site_.folder().path());
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(fault_site::integrity(db), "ok");
}

TEST_F(DiskFull, WhileExportingNoDocumentIsPartialAndTheNextExportFinishes) {
  fs::path db = site_.folder() / "ingest.db";
  fs::path corpus = disk_->path() / "corpus";
  fs::path config = site_.write_config(db, corpus);
  auto run = test_support::run_program(site_.command({"--once"}, config), site_.folder().path());
  ASSERT_EQ(run.exit_status, 0) << run.err;
  auto ids = fault_site::reviewable_ids(db);
  ASSERT_GE(ids.size(), 10u);
  std::vector<std::string> approve{"approve"};
  approve.insert(approve.end(), ids.begin(), ids.end());
  run = test_support::run_program(site_.command(approve, config), site_.folder().path());
  ASSERT_EQ(run.exit_status, 0) << run.err;

  // Each document passes six crash points; the 18th is the third one's commit.
  test_support::StartedProgram exporting{site_.command({"export", "--new-corpus"}, config), site_.folder().path(),
                                         {{fault::kPauseAtVariable, "18"}}};
  ASSERT_TRUE(exporting.wait_until_stopped());
  disk_->fill_leaving(0);
  exporting.resume();
  run = exporting.wait();
  EXPECT_NE(run.err.find("fault: pause at point 18 export.committed"), std::string::npos) << run.err;
  EXPECT_EQ(run.exit_status, 1) << run.err;
  EXPECT_NE(run.err.find(corpus.string()), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("No space left on device"), std::string::npos) << run.err;
  fault_site::expect_no_partial_document(corpus);
  EXPECT_EQ(fault_site::integrity(db), "ok");

  disk_->release_filler();
  run = test_support::run_program(site_.command({"export", "--new-corpus"}, config), site_.folder().path());
  ASSERT_EQ(run.exit_status, 0) << run.err;
  fault_site::expect_whole_corpus(corpus, ids.size());
}

}  // namespace
