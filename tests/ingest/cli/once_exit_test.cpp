// The exit status of `ingest --once` (docs/operations.md): 3 when not one source answered, so
// that the timer unit shows the run as failed; 0 as soon as one answers.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/fixture_server.h"
#include "tests/support/run_program.h"
#include "tests/support/test_files.h"

namespace {

namespace fs = std::filesystem;
using test_support::TempDir;

// A port nobody listens on: a server started and stopped again.
std::string refused_origin() {
  TempDir empty;
  test_support::FixtureServer server{empty.path()};
  return server.origin();
}

fs::path write_config(const TempDir& dir, const std::vector<std::string>& feeds) {
  std::string text = "[store]\ndatabase = \"" + (dir / "ingest.db").string() +
                     "\"\n[fetch]\nretries = 0\nmin_delay = \"0s\"\n\n[[outlet]]\nname = \"A\"\nfeeds = [";
  for (std::size_t i = 0; i < feeds.size(); ++i) text += (i ? ", \"" : "\"") + feeds[i] + "\"";
  text += "]\n";
  test_support::write_file(dir / "feeds.toml", text);
  return dir / "feeds.toml";
}

test_support::ProgramRun once(const TempDir& dir, const fs::path& config) {
  return test_support::run_ingest({"--once", "--config", config.string()}, dir.path());
}

TEST(OnceExitStatus, IsThreeWhenNotOneSourceAnswers) {
  TempDir dir;
  std::string dead = refused_origin();
  auto run = once(dir, write_config(dir, {dead + "/a.xml", dead + "/b.xml"}));
  EXPECT_EQ(run.exit_status, 3) << run.err;
  EXPECT_NE(run.err.find("no source answered sources_failed=2"), std::string::npos) << run.err;
}

TEST(OnceExitStatus, IsZeroWhenOneSourceAnswersEvenWithAnError) {
  TempDir dir;
  TempDir site;
  test_support::write_file(site / "feed.xml", "<rss version=\"2.0\"><channel><title>A</title></channel></rss>");
  test_support::FixtureServer server{site.path()};
  std::string dead = refused_origin();
  auto run = once(dir, write_config(dir, {dead + "/a.xml", server.origin() + "/feed.xml"}));
  EXPECT_EQ(run.exit_status, 0) << run.err;
  // A 404 is an answer too: the host and the network work, the address is wrong.
  TempDir other;
  auto missing = once(other, write_config(other, {dead + "/a.xml", server.origin() + "/missing.xml"}));
  EXPECT_EQ(missing.exit_status, 0) << missing.err;
}

}  // namespace
