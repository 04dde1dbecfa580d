// Where `ingest export` writes, through the real program: the folder given or the config's
// (resolved against the config's folder, not the current one), never a new one unless asked.
#include <gtest/gtest.h>

#include <string>

#include "store/corpus.h"
#include "store/discovery.h"
#include "store/items.h"
#include "store/review.h"
#include "store/store.h"
#include "tests/support/run_program.h"
#include "tests/support/test_files.h"

namespace {

namespace fs = std::filesystem;
using test_support::TempDir;

class ExportDestination : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "elsewhere");
    auto db = store::open_store(dir_ / "ingest.db");
    ASSERT_TRUE(db) << db.error().message;
    auto found = store::add_discovered(*db, store::DiscoveredItem{"A", "https://a.example/1", "f", "Deal",
                                                                  std::nullopt, std::nullopt, std::nullopt, "A"});
    ASSERT_TRUE(found);
    store::ProcessedItem item;
    item.title = "Deal";
    item.seed_text = "# Deal\n\nCuba and Russia signed an agreement.\n";
    item.body_hash = store::body_hash("Cuba and Russia signed an agreement.");
    item.verdict.flagged = true;
    item.verdict.rules_version = "test";
    ASSERT_TRUE(store::record_item_stored(*db, found->item_id, item));
    ASSERT_TRUE(store::decide(*db, found->item_id, store::ReviewAction::approve, std::nullopt));
  }

  // `ingest export ARGS --db <the database>`, run in `cwd`.
  test_support::ProgramRun run(std::vector<std::string> args, const fs::path& cwd) {
    args.insert(args.begin(), "export");
    args.insert(args.end(), {"--db", (dir_ / "ingest.db").string()});
    return test_support::run_ingest(std::move(args), cwd);
  }

  TempDir dir_;
};

TEST_F(ExportDestination, WithoutACorpusFolderItSaysHowToGiveOne) {
  auto r = run({}, dir_ / "elsewhere");
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.err, "ingest: no corpus folder: give --corpus DIR, or set store.corpus in the config\n"
                   "see 'ingest export --help'\n");
  EXPECT_FALSE(fs::exists(dir_ / "elsewhere/corpus")) << "no ./corpus made where the command ran";
}

TEST_F(ExportDestination, AMissingOrEmptyFolderIsRefusedUnlessANewCorpusIsAskedFor) {
  auto missing = run({"--corpus", (dir_ / "corpus").string()}, dir_.path());
  EXPECT_EQ(missing.exit_status, 1);
  EXPECT_EQ(missing.err, "ingest: " + (dir_ / "corpus").string() +
                             ": no such folder; --new-corpus creates it and starts a corpus\n");
  EXPECT_FALSE(fs::exists(dir_ / "corpus"));
  fs::create_directories(dir_ / "corpus");
  auto empty = run({"--corpus", (dir_ / "corpus").string()}, dir_.path());
  EXPECT_EQ(empty.exit_status, 1);
  EXPECT_NE(empty.err.find("holds no corpus"), std::string::npos) << empty.err;
  auto started = run({"--corpus", (dir_ / "corpus").string(), "--new-corpus"}, dir_.path());
  EXPECT_EQ(started.exit_status, 0) << started.err;
  EXPECT_EQ(started.err, "ingest: exporting to " + (dir_ / "corpus").string() + "\n");
  EXPECT_TRUE(started.out.starts_with((dir_ / "corpus/000_").string())) << started.out;
  // Now it holds one: no --new-corpus needed any more.
  EXPECT_EQ(run({"--corpus", (dir_ / "corpus").string()}, dir_.path()).exit_status, 0);
}

TEST_F(ExportDestination, TheConfigsCorpusIsFoundFromTheConfigsFolder) {
  fs::create_directories(dir_ / "config");
  test_support::write_file(dir_ / "config/feeds.toml",
                           "[store]\ncorpus = \"../corpus\"\n\n[[outlet]]\nname = \"A\"\nfeeds = [\"https://a.example/rss\"]\n");
  auto r = run({"--config", (dir_ / "config/feeds.toml").string(), "--new-corpus"}, dir_ / "elsewhere");
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.err, "ingest: exporting to " + (dir_ / "corpus").string() + "\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "corpus"), fs::directory_iterator{}), 2);  // document, manifest
  EXPECT_FALSE(fs::exists(dir_ / "elsewhere/corpus"));
}

}  // namespace
