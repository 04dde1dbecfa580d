// `ingest --once` killed with SIGKILL at random moments, again and again on one database, then
// left to finish: every article must end stored exactly once and as an uninterrupted pass
// stores it, and the database must pass PRAGMA integrity_check after every kill.
//
// Half of the kills land on a random crash point of the pass (fault/point.h: between fetch
// and write, inside an item's transaction, after a commit); the other half when the fixture
// server receives the request for a random feed or pending article, wherever the program
// then is (in SQLite's own writes, among them). The seed is printed; INGEST_TEST_SEED
// replays a run.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <random>
#include <string>

#include "fault/kill_plan.h"
#include "tests/ingest/pipeline/fault_site.h"

namespace {

namespace fs = std::filesystem;
using fault_site::outcomes;

unsigned test_seed() {
  if (const char* given = std::getenv("INGEST_TEST_SEED")) return static_cast<unsigned>(std::stoul(given));
  return std::random_device{}();
}

TEST(KillDuringPass, RepeatedKillsAtRandomMomentsLoseAndDuplicateNothing) {
  fault_site::Site site;
  const auto expected = site.reference();
  ASSERT_EQ(expected.size(), site.article_paths().size());

  const unsigned seed = test_seed();
  std::cout << "INGEST_TEST_SEED=" << seed << "\n";
  std::mt19937 random{seed};
  const fs::path folder = site.folder().path();
  // A pass over 24 articles reaches about 100 crash points (4 per article: fetched, inside
  // extraction, inside the item's transaction, recorded; 2 per feed).
  const int most_points = 4 * static_cast<int>(expected.size()) + 4;
  int kills = 0;
  for (int episode = 0; episode < 10; ++episode) {
    SCOPED_TRACE("episode " + std::to_string(episode));
    fs::path db = folder / ("episode-" + std::to_string(episode) + ".db");
    fs::path config = site.write_config(db, folder / "corpus");
    for (int attempt = 0; attempt < 3; ++attempt) {
      SCOPED_TRACE("kill " + std::to_string(attempt));
      // What the program will still ask for: the feeds always, and the articles not yet done.
      std::vector<std::string> targets{"/wire/feed.xml", "/post/feed.xml"};
      if (fs::exists(db)) {
        auto now = outcomes(db);
        for (const auto& path : site.article_paths())
          if (auto it = now.find(site.server().origin() + path); it == now.end() || it->second.state == "discovered")
            targets.push_back(path);
      } else {
        targets.insert(targets.end(), site.article_paths().begin(), site.article_paths().end());
      }
      bool at_point = random() % 2 == 0;
      std::map<std::string, std::string> env;
      if (at_point) env[fault::kKillAtVariable] = std::to_string(1 + random() % static_cast<unsigned>(most_points));
      std::string trigger = targets[random() % targets.size()];
      std::size_t asked_before = site.server().request_count(trigger);

      test_support::StartedProgram program{site.command({"--once"}, config), folder, env};
      if (!at_point && site.server().wait_for_requests(trigger, asked_before + 1, std::chrono::seconds{60}))
        program.kill();
      auto run = program.wait();
      SCOPED_TRACE(at_point ? "at point " + env[fault::kKillAtVariable] : "at the request for " + trigger);
      ASSERT_TRUE(run.signal == SIGKILL || run.exit_status == 0) << run.err;
      kills += run.signal == SIGKILL;

      ASSERT_EQ(fault_site::integrity(db), "ok");
      // Whatever is done is done as the uninterrupted pass does it; the rest is still to do.
      for (const auto& [url, outcome] : outcomes(db)) {
        ASSERT_TRUE(expected.contains(url)) << url;
        if (outcome.state != "discovered") {
          EXPECT_EQ(outcome, expected.at(url)) << url;
        }
      }
    }
    auto run = test_support::run_program(site.command({"--once"}, config), folder);
    ASSERT_EQ(run.exit_status, 0) << run.err;
    EXPECT_EQ(outcomes(db), expected);
    EXPECT_EQ(fault_site::integrity(db), "ok");
  }
  std::cout << kills << " kills\n";
  // Some draws land past the pass's last point or on a request it never makes again: those
  // runs end normally. Most must have been killed.
  EXPECT_GE(kills, 18);
}

}  // namespace
