// The network vanishing in the middle of `ingest --once`: the program is stopped at a crash
// point after a few articles are stored, the fixture server goes away (its open connections
// closed, its port no longer listening), and the program goes on. Every article it could not
// fetch must stay due, counted as one failed attempt, with nothing half-stored; once the
// network is back and the retry time has come, the next pass must store each exactly once.
#include <gtest/gtest.h>

#include <string>

#include "fault/kill_plan.h"
#include "tests/ingest/pipeline/fault_site.h"

namespace {

namespace fs = std::filesystem;

TEST(NetworkLoss, MidPassLeavesTheUnfetchedArticlesDueAndTheNextPassStoresEachOnce) {
  fault_site::Site site;
  const auto expected = site.reference();
  fs::path db = site.folder() / "ingest.db";
  fs::path config = site.write_config(db, site.folder() / "corpus");

  test_support::StartedProgram pass{site.command({"--once"}, config), site.folder().path(),
                                    {{fault::kPauseAtVariable, "12"}}};
  ASSERT_TRUE(pass.wait_until_stopped());
  site.take_network_down();
  pass.resume();
  auto run = pass.wait();
  // Failing fetches are not a failing pass: the program reports them and ends normally.
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_NE(run.err.find("article failed"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("retry=later"), std::string::npos) << run.err;
  EXPECT_EQ(fault_site::integrity(db), "ok");

  auto after = fault_site::outcomes(db);
  int stored = 0, due = 0;
  for (const auto& [url, outcome] : after) {
    if (outcome.state == "discovered") {
      ++due;
      EXPECT_TRUE(outcome.seed_text.empty()) << url;
    } else {
      ++stored;
      EXPECT_EQ(outcome, expected.at(url)) << url;
    }
  }
  EXPECT_GT(stored, 0);
  EXPECT_GT(due, 0);
  EXPECT_EQ(stored + due, static_cast<int>(expected.size()));

  site.bring_network_back();
  // The retry time coming: the failed articles' next attempt moved to now.
  fault_site::execute(db, "UPDATE items SET next_attempt = NULL WHERE state = 'discovered'");
  run = test_support::run_program(site.command({"--once"}, config), site.folder().path());
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(fault_site::outcomes(db), expected);
  EXPECT_EQ(fault_site::integrity(db), "ok");
}

}  // namespace
