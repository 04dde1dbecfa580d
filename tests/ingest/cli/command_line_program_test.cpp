// The command line as a person meets it, through the real program: per-command help, the
// version, one-line usage errors, --opt=value, JSON where it was text, the same exit status
// with and without --json, and the demo's stable ids.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>
#include <string>

#include "tests/support/fixture_server.h"
#include "tests/support/run_program.h"
#include "tests/support/test_files.h"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using test_support::TempDir;

test_support::ProgramRun ingest(const TempDir& dir, std::vector<std::string> args) {
  return test_support::run_ingest(std::move(args), dir.path());
}

TEST(CommandLineProgram, EachCommandHasItsOwnHelpAndTheProgramItsVersion) {
  TempDir dir;
  auto help = ingest(dir, {"queue", "--help"});
  EXPECT_EQ(help.exit_status, 0);
  EXPECT_NE(help.out.find("Usage: ingest queue"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--state"), std::string::npos);
  EXPECT_NE(help.out.find("example: ingest queue"), std::string::npos);
  EXPECT_EQ(help.out.find("import-corpus"), std::string::npos) << "not the program's whole help";
  auto version = ingest(dir, {"--version"});
  EXPECT_EQ(version.exit_status, 0);
  EXPECT_TRUE(version.out.starts_with("ingest 0.1.0 (topic rules cuba-russia-agreements ")) << version.out;
}

TEST(CommandLineProgram, AUsageErrorIsOneLineAndWhereTheHelpIsWithStatusTwo) {
  TempDir dir;
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"show"}, {"queue", "--bogus"}, {"show", "3", "--outlet", "TASS"}, {"approve", "x"}}) {
    auto run = ingest(dir, args);
    EXPECT_EQ(run.exit_status, 2) << args[0];
    EXPECT_EQ(std::ranges::count(run.err, '\n'), 2) << run.err;
    EXPECT_NE(run.err.find("see 'ingest " + args[0] + " --help'"), std::string::npos) << run.err;
  }
  auto unknown = ingest(dir, {"frobnicate"});
  EXPECT_EQ(unknown.exit_status, 2);
  EXPECT_EQ(unknown.err, "ingest: unknown command frobnicate\nsee 'ingest --help'\n");
}

TEST(CommandLineProgram, TakesTheEqualsFormAndPrintsJsonWhereItPrintedText) {
  TempDir dir;
  test_support::write_file(dir / "feeds.toml", "[[outlet]]\nname = \"A\"\nfeeds = [\"https://a.example/rss\"]\n");
  auto config = ingest(dir, {"check-config", "--config=" + (dir / "feeds.toml").string(), "--json"});
  ASSERT_EQ(config.exit_status, 0) << config.err;
  json::value parsed = json::parse(config.out);
  EXPECT_EQ(parsed.at("outlets").as_array().size(), 1u);
  EXPECT_EQ(parsed.at("rules").at("name").as_string(), "cuba-russia-agreements");
  fs::create_directories(dir / "corpus");
  ASSERT_EQ(ingest(dir, {"import-corpus", (dir / "corpus").string(), "--db=" + (dir / "x.db").string()}).exit_status, 0);
  auto reflag = ingest(dir, {"reflag", "--db", (dir / "x.db").string(), "--json"});
  ASSERT_EQ(reflag.exit_status, 0) << reflag.err;
  EXPECT_EQ(json::parse(reflag.out).at("reflagged").as_int64(), 0);
}

TEST(CommandLineProgram, ImportCorpusExitsTheSameWithAndWithoutJson) {
  TempDir dir;
  fs::create_directories(dir / "corpus");
  test_support::write_file(dir / "corpus/000_0123456789abcdef.txt", "");  // unreadable as a document
  auto text = ingest(dir, {"import-corpus", (dir / "corpus").string(), "--db", (dir / "x.db").string()});
  auto as_json = ingest(dir, {"import-corpus", (dir / "corpus").string(), "--db", (dir / "x.db").string(), "--json"});
  EXPECT_EQ(text.exit_status, 1) << text.err;
  EXPECT_EQ(as_json.exit_status, text.exit_status);
  EXPECT_EQ(json::parse(as_json.out).at("errors").as_array().size(), 1u);
}

// The demo's way to fetch (one request at a time) gives every item the same id on every
// fresh run, so that docs/review.md's examples name the items a newcomer sees.
TEST(CommandLineProgram, OneRequestAtATimeGivesTheSameIdsOnEveryFreshRun) {
  TempDir dir;
  test_support::FixtureServer server{test_support::source_path("tests/fixtures/site")};
  std::string text = test_support::read_file(test_support::source_path("tests/fixtures/site/feeds.toml.in"));
  text = test_support::with_origin(text, server.origin());
  text.replace(text.find("min_delay = \"0s\""), 16, "min_delay = \"0s\"\nmax_per_host = 1");
  test_support::write_file(dir / "feeds.toml", text);
  auto ids = [&](const std::string& db) {
    EXPECT_EQ(ingest(dir, {"--once", "--config", (dir / "feeds.toml").string(), "--db", (dir / db).string()}).exit_status, 0);
    auto run = ingest(dir, {"queue", "--state", "all", "--json", "--db", (dir / db).string()});
    std::map<std::int64_t, std::string> out;
    json::value listed = json::parse(run.out);
    for (const auto& item : listed.as_array())
      out[item.at("id").as_int64()] = std::string{item.at("url").as_string()};
    return out;
  };
  auto first = ids("first.db");
  EXPECT_EQ(first.size(), 15u);
  for (int run = 0; run < 3; ++run) EXPECT_EQ(ids("again-" + std::to_string(run) + ".db"), first);
}

}  // namespace
