// store/export.cpp: approved items into the corpus folder, in publication order, never over
// an existing file, once each, and adopting the file of an export that died before its commit.
// The crash itself, with the real program killed at every point: tests/ingest/cli/export_crash_test.cpp.
#include "store/export.h"

#include <gtest/gtest.h>

#include "fault/point.h"
#include "normalize/seed_format.h"
#include "normalize/url.h"
#include "store/corpus.h"
#include "store/corpus_folder.h"
#include "store/manifest.h"
#include "tests/store/corpus_test_support.h"

namespace {

namespace fs = std::filesystem;
using corpus_test::files_in;
using test_support::read_file;
using test_support::write_file;

class Export : public corpus_test::CorpusTest {
 protected:
  store::ExportReport export_corpus() {
    auto report = store::export_corpus(db(), corpus());
    EXPECT_TRUE(report.has_value()) << report.error().message;
    return report.value_or(store::ExportReport{});
  }

  void set_fetched_at(std::int64_t id, const std::string& when) {
    auto stmt = db().prepare("UPDATE items SET fetched_at = ?2 WHERE id = ?1");
    ASSERT_TRUE(stmt.has_value());
    ASSERT_TRUE(stmt->bind(1, id).bind(2, when).run());
  }

  // What a crash between the rename and the commit leaves: the file under number 5 with the
  // item's document id, and a store that does not know it. Returns its name.
  std::string leave_orphan(const std::string& url, const std::string& contents) {
    const std::string name = normalize::seed_file_name(5, url);
    write_file(corpus() / name, contents);
    return name;
  }
};

// Removes the observer however the test ends.
struct ObserverScope {
  explicit ObserverScope(std::function<void(std::string_view)> observer) { fault::set_observer(std::move(observer)); }
  ~ObserverScope() { fault::set_observer({}); }
  ObserverScope(const ObserverScope&) = delete;
  ObserverScope& operator=(const ObserverScope&) = delete;
};

TEST_F(Export, WritesTheNextNumberAfterTheSeeds) {
  import_seeds();
  const std::string url = "https://www.themoscowtimes.com/2026/05/01/new-deal-a99999";
  std::int64_t id = approved_item(url, "New deal");
  auto report = export_corpus();
  std::string expected_name = "005_" + normalize::document_id(url) + ".txt";
  EXPECT_EQ(expected_name, normalize::seed_file_name(5, url));
  ASSERT_EQ(report.written, std::vector<std::string>{expected_name});
  EXPECT_TRUE(report.adopted.empty());
  EXPECT_TRUE(report.refused.empty());
  ASSERT_TRUE(fs::is_regular_file(corpus() / expected_name));
  EXPECT_EQ(read_file(corpus() / expected_name), *item(id).seed_text);
  auto rec = item(id);
  EXPECT_EQ(rec.state, store::ItemState::exported);
  EXPECT_EQ(rec.corpus_file, expected_name);
}

// A file registered after an item was decided (here straight into the store, as no import
// would leave it: import takes such items out), or an item revised into a corpus file's text:
// export checks again, says which file, and numbers the others without a gap.
TEST_F(Export, RefusesAnApprovedItemThatRepeatsARegisteredCorpusFileAndSaysWhich) {
  import_seeds();
  std::int64_t repeat = approved_item("https://a.example/repeat", "Repeat", "2026-05-01T00:00:00Z");
  std::int64_t fresh = approved_item("https://a.example/fresh", "Fresh", "2026-05-02T00:00:00Z");
  auto hash = db().prepare("SELECT body_hash FROM items WHERE id = ?1");
  ASSERT_TRUE(hash);
  hash->bind(1, repeat);
  ASSERT_TRUE(hash->step().value_or(false));
  ASSERT_TRUE(store::register_corpus_file(
      db(), store::CorpusFile{"900_0000000000000000.txt", 900, "Repeat", "", hash->column_text(0)}, std::nullopt));
  auto report = export_corpus();
  ASSERT_EQ(report.refused.size(), 1u);
  EXPECT_EQ(report.refused[0], "item " + std::to_string(repeat) +
                                   " (https://a.example/repeat) repeats the corpus file 900_0000000000000000.txt "
                                   "(exact); not exported, it stays approved");
  EXPECT_EQ(item(repeat).state, store::ItemState::approved);
  ASSERT_EQ(report.written.size(), 1u);
  EXPECT_TRUE(report.written[0].starts_with("901_")) << "the numbers go on after the highest registered";
  EXPECT_EQ(item(fresh).state, store::ItemState::exported);
}

TEST_F(Export, WritesInPublicationOrderByInstantThenIdWithUndatedItemsLastByFetchTime) {
  import_seeds();
  // Created in an order that matches neither the dates nor their text: 10:00+03:00 is 07:00Z,
  // before 08:00Z, though "10" sorts after "08".
  std::int64_t undated_late = approved_item("https://a.example/undated-late", "Undated late");
  std::int64_t eight_utc = approved_item("https://a.example/eight", "Eight", "2026-05-02T08:00:00Z");
  std::int64_t ten_moscow = approved_item("https://a.example/ten", "Ten", "2026-05-02T10:00:00+03:00");
  std::int64_t undated_early = approved_item("https://a.example/undated-early", "Undated early");
  std::int64_t april = approved_item("https://a.example/april", "April", "2026-04-01");
  std::int64_t same_instant = approved_item("https://a.example/same", "Same", "2026-05-02T04:00:00-04:00");
  set_fetched_at(undated_late, "2026-05-03T12:00:00Z");
  set_fetched_at(undated_early, "2026-05-03T09:00:00Z");

  auto report = export_corpus();
  std::vector<std::string> expected;
  int number = 5;
  for (std::int64_t id : {april, ten_moscow, eight_utc, same_instant, undated_early, undated_late})
    expected.push_back(normalize::seed_file_name(number++, item(id).canonical_url));
  EXPECT_EQ(report.written, expected);
}

TEST_F(Export, NeverReplacesAFileThatAppearsUnderTheNextName) {
  import_seeds();
  std::int64_t first = approved_item("https://a.example/1", "One", "2026-05-01T00:00:00Z");
  approved_item("https://a.example/2", "Two", "2026-05-02T00:00:00Z");
  const std::string taken = normalize::seed_file_name(5, "https://a.example/1");
  const std::string theirs = "# Someone else's\n\nWritten by another program.\n";
  // The file appears after the number was chosen and the temporary written: the last moment
  // before the rename, which only RENAME_NOREPLACE can then refuse.
  ObserverScope observer{[&](std::string_view point) {
    if (point == "export.temp_synced" && !fs::exists(corpus() / taken)) write_file(corpus() / taken, theirs);
  }};

  auto report = export_corpus();
  EXPECT_EQ(read_file(corpus() / taken), theirs);
  ASSERT_EQ(report.refused.size(), 1u);
  EXPECT_NE(report.refused[0].find(taken), std::string::npos) << report.refused[0];
  EXPECT_EQ(item(first).state, store::ItemState::approved);
  // The next item goes on after the taken number.
  EXPECT_EQ(report.written, std::vector<std::string>{normalize::seed_file_name(6, "https://a.example/2")});
  for (const auto& name : files_in(corpus())) EXPECT_FALSE(name.ends_with(".tmp")) << name;
}

TEST_F(Export, TheWrapperFailsWithIoWhenAnItemIsRefused) {
  import_seeds();
  approved_item("https://a.example/1", "One");
  const std::string taken = normalize::seed_file_name(5, "https://a.example/1");
  ObserverScope observer{[&](std::string_view point) {
    if (point == "export.temp_written") write_file(corpus() / taken, "# Theirs\n\nText.\n");
  }};
  auto written = store::export_approved(db(), corpus());
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, store::Error::Code::io);
  EXPECT_NE(written.error().message.find(taken), std::string::npos) << written.error().message;
}

TEST_F(Export, ASecondExportWritesNothingNotEvenTheManifest) {
  import_seeds();
  approved_item("https://a.example/1", "One");
  auto first = export_corpus();
  EXPECT_EQ(first.written.size(), 1u);
  EXPECT_TRUE(first.manifest_written);
  auto before = files_in(corpus());
  auto manifest_time = fs::last_write_time(corpus() / "manifest.jsonl");
  auto manifest_text = read_file(corpus() / "manifest.jsonl");

  auto second = export_corpus();
  EXPECT_TRUE(second.written.empty());
  EXPECT_TRUE(second.adopted.empty());
  EXPECT_TRUE(second.refused.empty());
  EXPECT_FALSE(second.manifest_written);
  EXPECT_EQ(files_in(corpus()), before);
  EXPECT_EQ(fs::last_write_time(corpus() / "manifest.jsonl"), manifest_time);
  EXPECT_EQ(read_file(corpus() / "manifest.jsonl"), manifest_text);
}

TEST_F(Export, AdoptsTheFileOfAnExportThatDiedBeforeItsCommit) {
  import_seeds();
  std::int64_t orphaned = approved_item("https://a.example/1", "One", "2026-05-01T00:00:00Z");
  std::int64_t later = approved_item("https://a.example/2", "Two", "2026-05-02T00:00:00Z");
  const std::string orphan = leave_orphan("https://a.example/1", *item(orphaned).seed_text);

  auto report = export_corpus();
  EXPECT_EQ(report.adopted, std::vector<std::string>{orphan});
  EXPECT_EQ(report.written, std::vector<std::string>{normalize::seed_file_name(6, "https://a.example/2")});
  EXPECT_EQ(item(orphaned).state, store::ItemState::exported);
  EXPECT_EQ(item(orphaned).corpus_file, orphan);
  EXPECT_EQ(item(later).state, store::ItemState::exported);
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM corpus_files WHERE item_id IS NOT NULL"), 2);
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM corpus_files WHERE number = 5"), 1);
  // Seeds, two documents, the manifest: the adopted item was not written a second time.
  EXPECT_EQ(files_in(corpus()).size(), 8u) << ::testing::PrintToString(files_in(corpus()));
}

TEST_F(Export, AdoptsAnOrphanWhoseItemWasRevisedWithTheHashOfWhatTheFileHolds) {
  import_seeds();
  std::int64_t id = approved_item("https://a.example/1", "One");
  const std::string orphan = leave_orphan("https://a.example/1", "# One\n\nThe first version of the text.\n");
  auto report = export_corpus();
  EXPECT_EQ(report.adopted, std::vector<std::string>{orphan});
  EXPECT_EQ(item(id).corpus_file, orphan);
  EXPECT_EQ(text_column("SELECT body_hash FROM corpus_files WHERE item_id = ?1", id),
            store::body_hash("The first version of the text."));
}

TEST_F(Export, RefusesToAdoptOrRewriteAnItemWhoseOrphanIsNotADocument) {
  import_seeds();
  std::int64_t id = approved_item("https://a.example/1", "One");
  const std::string orphan = leave_orphan("https://a.example/1", "");
  auto report = export_corpus();
  EXPECT_TRUE(report.adopted.empty());
  EXPECT_TRUE(report.written.empty());
  ASSERT_EQ(report.refused.size(), 1u);
  EXPECT_NE(report.refused[0].find(orphan), std::string::npos) << report.refused[0];
  EXPECT_EQ(item(id).state, store::ItemState::approved);
}

TEST_F(Export, LeavesAFileOfNoApprovedItemAloneAndNumbersAfterIt) {
  import_seeds();
  // A file someone copied in by hand, never imported.
  fs::copy_file(corpus() / "004_9b3700362939b385.txt", corpus() / "007_00000000000000aa.txt");
  approved_item("https://a.example/1", "One");
  auto report = export_corpus();
  EXPECT_TRUE(report.adopted.empty());
  EXPECT_EQ(report.written, std::vector<std::string>{normalize::seed_file_name(8, "https://a.example/1")});
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM corpus_files WHERE file_name = '007_00000000000000aa.txt'"), 0);
}

TEST_F(Export, ContinuesPastARegisteredNumberWhoseFileIsGone) {
  import_seeds();
  fs::remove(corpus() / "004_9b3700362939b385.txt");
  approved_item("https://a.example/1", "One");
  EXPECT_EQ(export_corpus().written, std::vector<std::string>{normalize::seed_file_name(5, "https://a.example/1")});
}

TEST_F(Export, RemovesTheTemporariesOfACrashedExportAndNoOtherHiddenFile) {
  import_seeds();
  write_file(corpus() / ".005_0123456789abcdef.txt.tmp", "# Half");
  write_file(corpus() / ".manifest.jsonl.tmp", "{\"file\":");
  write_file(corpus() / ".notes.tmp", "a person's own notes");
  approved_item("https://a.example/1", "One");
  auto report = export_corpus();
  EXPECT_EQ(std::set<std::string>(report.removed_temporaries.begin(), report.removed_temporaries.end()),
            (std::set<std::string>{".005_0123456789abcdef.txt.tmp", ".manifest.jsonl.tmp"}));
  auto names = files_in(corpus());
  EXPECT_TRUE(names.contains(".notes.tmp"));
  EXPECT_FALSE(names.contains(".005_0123456789abcdef.txt.tmp"));
  // The leftover's number was never taken.
  EXPECT_EQ(report.written, std::vector<std::string>{normalize::seed_file_name(5, "https://a.example/1")});
}

TEST_F(Export, LeavesOnlyDocumentsAndTheManifest) {
  import_seeds();
  approved_item("https://a.example/1", "One");
  approved_item("https://a.example/2", "Two");
  export_corpus();
  auto names = files_in(corpus());
  EXPECT_EQ(names.size(), 8u) << ::testing::PrintToString(names);
  for (const auto& name : names)
    EXPECT_TRUE(normalize::seed_file_number(name) >= 0 || name == "manifest.jsonl") << name;
}

TEST_F(Export, RegistersTheNewFileForDeduplication) {
  import_seeds();
  std::int64_t id = approved_item("https://a.example/1", "One");
  auto written = export_corpus().written;
  ASSERT_EQ(written.size(), 1u);
  auto dup = store::find_exact_duplicate(db(), store_test::processed("x", false, std::nullopt, "Body of One").body_hash, 0);
  ASSERT_TRUE(dup.has_value() && dup->has_value());
  EXPECT_EQ((*dup)->corpus_file, written.front());
  EXPECT_EQ(count_rows("SELECT item_id FROM corpus_files WHERE number = 5"), id);
  // Importing the folder again sees the exported file as already known.
  auto report = store::import_corpus(db(), corpus());
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->registered.empty()) << ::testing::PrintToString(report->registered);
}

TEST_F(Export, SkipsItemsThatAreNotApproved) {
  import_seeds();
  std::int64_t rejected = discover("https://a.example/rejected");
  ASSERT_TRUE(store::record_item_stored(db(), rejected, store_test::processed("R", true)));
  ASSERT_TRUE(store::decide(db(), rejected, store::ReviewAction::reject, std::nullopt));
  std::int64_t flagged = discover("https://a.example/flagged");
  ASSERT_TRUE(store::record_item_stored(db(), flagged, store_test::processed("F", true)));
  EXPECT_TRUE(export_corpus().written.empty());
  EXPECT_EQ(files_in(corpus()).size(), 6u) << "the seeds and the manifest";
}

TEST_F(Export, CreatesAMissingCorpusFolderAndStartsAtZero) {
  approved_item("https://a.example/1", "One");
  auto report = store::export_corpus(db(), dir() / "new-corpus");
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->written, std::vector<std::string>{normalize::seed_file_name(0, "https://a.example/1")});
}

TEST_F(Export, ToAFileInsteadOfAFolderFailsWithIoAndKeepsTheItemApproved) {
  write_file(dir() / "a-file", "not a folder");
  std::int64_t id = approved_item("https://a.example/1", "One");
  auto report = store::export_corpus(db(), dir() / "a-file");
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, store::Error::Code::io);
  EXPECT_EQ(item(id).state, store::ItemState::approved);
}

TEST_F(Export, FailsWhileAnotherExportHoldsTheFolder) {
  import_seeds();
  std::int64_t id = approved_item("https://a.example/1", "One");
  auto other = store::Folder::open(corpus());
  ASSERT_TRUE(other.has_value());
  ASSERT_TRUE(other->lock());
  auto report = store::export_corpus(db(), corpus());
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, store::Error::Code::io);
  EXPECT_NE(report.error().message.find("another export"), std::string::npos) << report.error().message;
  EXPECT_EQ(item(id).state, store::ItemState::approved);
}

}  // namespace
