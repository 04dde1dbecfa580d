// The corpus deduplicates whatever the order of import and passes, through the real program
// on the fixture site (whose five flagged articles repeat the five seeds): importing the seeds
// after a pass takes the stored items that repeat them out of the queue, as importing them
// first keeps those items out; an approved item that repeats a seed is never exported.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>
#include <string>

#include "tests/support/fixture_server.h"
#include "tests/support/run_program.h"
#include "tests/support/test_files.h"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using test_support::TempDir;

class CorpusOrder : public ::testing::Test {
 protected:
  CorpusOrder() : server_(test_support::source_path("tests/fixtures/site")) {
    std::string text = test_support::read_file(test_support::source_path("tests/fixtures/site/feeds.toml.in"));
    test_support::write_file(dir_ / "feeds.toml", test_support::with_origin(text, server_.origin()));
    fs::create_directories(dir_ / "corpus");
    for (const auto& seed : fs::directory_iterator(test_support::source_path("tests/data/seeds")))
      if (seed.path().extension() == ".txt") fs::copy_file(seed.path(), dir_ / "corpus" / seed.path().filename());
  }

  test_support::ProgramRun ingest(const std::string& db, std::vector<std::string> args) {
    args.insert(args.end(), {"--config", (dir_ / "feeds.toml").string(), "--db", (dir_ / db).string()});
    return test_support::run_ingest(std::move(args), dir_.path());
  }
  json::value ingest_json(const std::string& db, std::vector<std::string> args) {
    args.push_back("--json");
    auto run = ingest(db, args);
    EXPECT_EQ(run.exit_status, 0) << run.err;
    return json::parse(test_support::read_file(dir_ / "stdout"));
  }
  // Item URL -> the corpus file it duplicates, for every duplicate of a corpus file.
  std::map<std::string, std::string> corpus_duplicates(const std::string& db) {
    std::map<std::string, std::string> out;
    json::value listed = ingest_json(db, {"queue", "--state", "duplicate"});
    for (const auto& item : listed.as_array()) {
      json::value shown_value = ingest_json(db, {"show", std::to_string(item.at("id").as_int64())});
      const auto& shown = shown_value.as_object();
      const auto& of = shown.at("duplicate_of");
      if (of.is_object() && of.as_object().contains("corpus_file"))
        out[std::string{shown.at("url").as_string()}] = std::string{of.at("corpus_file").as_string()};
    }
    return out;
  }

  TempDir dir_;
  test_support::FixtureServer server_;
};

TEST_F(CorpusOrder, ImportingAfterAPassFindsTheDuplicatesImportingBeforeItDoes) {
  ASSERT_EQ(ingest("first.db", {"import-corpus", (dir_ / "corpus").string()}).exit_status, 0);
  ASSERT_EQ(ingest("first.db", {"--once"}).exit_status, 0);

  ASSERT_EQ(ingest("after.db", {"--once"}).exit_status, 0);
  ASSERT_EQ(ingest_json("after.db", {"queue"}).as_array().size(), 5u);
  json::value imported_value = ingest_json("after.db", {"import-corpus", (dir_ / "corpus").string()});
  const auto& imported = imported_value.as_object();
  EXPECT_EQ(imported.at("registered").as_array().size(), 5u);
  ASSERT_EQ(imported.at("duplicates").as_array().size(), 5u);
  for (const auto& d : imported.at("duplicates").as_array()) {
    EXPECT_EQ(d.at("was").as_string(), "flagged");
    EXPECT_TRUE(d.at("corpus_file").as_string().ends_with(".txt"));
  }
  EXPECT_TRUE(ingest_json("after.db", {"queue"}).as_array().empty()) << "they left the queue";
  auto before = corpus_duplicates("first.db");
  EXPECT_EQ(before.size(), 5u);
  EXPECT_EQ(corpus_duplicates("after.db"), before) << "the same items, duplicates of the same files";
  // The reason is shown with the item.
  auto text = ingest("after.db", {"show", std::to_string(imported.at("duplicates").as_array()[0].at("item").as_int64())});
  EXPECT_NE(test_support::read_file(dir_ / "stdout").find("duplicate of corpus file "), std::string::npos);
  (void)text;
}

TEST_F(CorpusOrder, AnApprovedItemThatRepeatsASeedIsTakenOutByTheImportAndNeverExported) {
  ASSERT_EQ(ingest("db", {"--once"}).exit_status, 0);
  json::value queue = ingest_json("db", {"queue"});
  std::vector<std::string> ids;
  for (const auto& item : queue.as_array()) ids.push_back(std::to_string(item.at("id").as_int64()));
  std::vector<std::string> approve{"approve"};
  approve.insert(approve.end(), ids.begin(), ids.end());
  ASSERT_EQ(ingest("db", approve).exit_status, 0);
  json::value imported_value = ingest_json("db", {"import-corpus", (dir_ / "corpus").string()});
  const auto& imported = imported_value.as_object();
  ASSERT_EQ(imported.at("duplicates").as_array().size(), 5u);
  EXPECT_EQ(imported.at("duplicates").as_array()[0].at("was").as_string(), "approved");
  json::value exported_value = ingest_json("db", {"export", "--corpus", (dir_ / "corpus").string()});
  const auto& exported = exported_value.as_object();
  EXPECT_TRUE(exported.at("written").as_array().empty()) << json::serialize(exported);
  std::set<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir_ / "corpus")) files.insert(entry.path().filename().string());
  EXPECT_EQ(std::ranges::count_if(files, [](const std::string& f) { return f.ends_with(".txt"); }), 5);
}

}  // namespace
