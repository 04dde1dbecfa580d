// store/corpus.cpp: importing the corpus folder, exporting approved items, the body hash.
#include "store/corpus.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "normalize/article.h"
#include "normalize/seed_format.h"
#include "normalize/url.h"
#include "store/review.h"
#include "tests/store/store_test_support.h"

namespace {

namespace fs = std::filesystem;
using store_test::processed;
using store_test::StoreTest;
using test_support::read_file;
using test_support::source_path;
using test_support::write_file;

const std::vector<std::string> kSeedNames = {
    "000_f638798d4e6aeb8a.txt", "001_a03e604598e42abc.txt", "002_4a3a340b16a89f33.txt",
    "003_bab5c734186a52be.txt", "004_9b3700362939b385.txt"};

std::set<std::string> files_in(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

class Corpus : public StoreTest {
 protected:
  fs::path corpus() const { return dir() / "corpus"; }

  // Copies the five seeds into the test's own corpus folder.
  void copy_seeds() {
    fs::create_directories(corpus());
    for (const auto& name : kSeedNames)
      fs::copy_file(source_path("tests/data/seeds/" + name), corpus() / name);
  }

  std::int64_t approved_item(const std::string& url, const std::string& title) {
    std::int64_t id = discover(url);
    EXPECT_TRUE(store::record_item_stored(db(), id, processed(title, true, std::nullopt, "Body of " + title)));
    EXPECT_TRUE(store::decide(db(), id, store::Verdict::approve, std::nullopt));
    return id;
  }

  store::ItemRecord item(std::int64_t id) {
    auto found = store::find_item(db(), id);
    EXPECT_TRUE(found.has_value() && found->has_value());
    return found.has_value() && found->has_value() ? **found : store::ItemRecord{};
  }
};

TEST_F(Corpus, ImportRegistersAllFiveSeeds) {
  copy_seeds();
  auto report = store::import_corpus(db(), corpus());
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->registered, kSeedNames);
  EXPECT_TRUE(report->known.empty());
  EXPECT_TRUE(report->errors.empty()) << ::testing::PrintToString(report->errors);
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM corpus_files"), 5);
  EXPECT_EQ(count_rows("SELECT MAX(number) FROM corpus_files"), 4);
}

TEST_F(Corpus, ImportRecordsEachSeedsUrlAndTitle) {
  copy_seeds();
  ASSERT_TRUE(store::import_corpus(db(), corpus()));
  auto stmt = db().prepare("SELECT title, canonical_url FROM corpus_files WHERE file_name = ?1");
  ASSERT_TRUE(stmt.has_value());
  stmt->bind(1, "003_bab5c734186a52be.txt");
  ASSERT_TRUE(stmt->step().value_or(false));
  EXPECT_NE(stmt->column_text(0).find("Russia Eyes Management"), std::string::npos) << stmt->column_text(0);
  EXPECT_EQ(stmt->column_text(1),
            "https://www.themoscowtimes.com/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469");
}

TEST_F(Corpus, ImportIsIdempotent) {
  copy_seeds();
  ASSERT_TRUE(store::import_corpus(db(), corpus()));
  auto second = store::import_corpus(db(), corpus());
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_TRUE(second->registered.empty());
  EXPECT_EQ(second->known, kSeedNames);
  EXPECT_TRUE(second->errors.empty());
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM corpus_files"), 5);
}

TEST_F(Corpus, ImportReportsAFileWithInvalidUtf8AndRegistersTheOthers) {
  copy_seeds();
  std::string bad = "# A title\n\nSome text with a broken byte \xC3\x28 in it.\n\nOriginal url:\n\n<https://x.example/a>\n";
  write_file(corpus() / "005_0123456789abcdef.txt", bad);
  auto report = store::import_corpus(db(), corpus());
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->registered, kSeedNames);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_NE(report->errors[0].find("005_0123456789abcdef.txt"), std::string::npos) << report->errors[0];
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM corpus_files WHERE number = 5"), 0);
}

TEST_F(Corpus, ImportReportsAnEmptyFile) {
  copy_seeds();
  write_file(corpus() / "005_0123456789abcdef.txt", "");
  auto report = store::import_corpus(db(), corpus());
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->registered.size(), 5u);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_NE(report->errors[0].find("005_0123456789abcdef.txt"), std::string::npos) << report->errors[0];
}

TEST_F(Corpus, ImportIgnoresFilesNotNamedLikeCorpusFiles) {
  copy_seeds();
  write_file(corpus() / "README.md", "# Not a seed\n\nJust notes.\n");
  write_file(corpus() / "5_short.txt", "# Not a seed\n\nJust notes.\n");
  auto report = store::import_corpus(db(), corpus());
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->registered, kSeedNames);
  EXPECT_TRUE(report->errors.empty());
}

TEST_F(Corpus, ImportOfAMissingFolderFailsWithIo) {
  auto report = store::import_corpus(db(), dir() / "no-such-folder");
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, store::Error::Code::io);
}

TEST_F(Corpus, AnImportedSeedIsFoundAsAnExactDuplicateByBodyHash) {
  copy_seeds();
  ASSERT_TRUE(store::import_corpus(db(), corpus()));
  auto article = normalize::parse_seed(read_file(corpus() / "003_bab5c734186a52be.txt"));
  ASSERT_TRUE(article.has_value());
  std::string hash = store::body_hash(normalize::plain_text(article->blocks));
  auto dup = store::find_exact_duplicate(db(), hash, 0);
  ASSERT_TRUE(dup.has_value()) << dup.error().message;
  ASSERT_TRUE(dup->has_value());
  EXPECT_EQ((*dup)->corpus_file, "003_bab5c734186a52be.txt");
  EXPECT_EQ((*dup)->kind, "exact");
}

TEST_F(Corpus, ExportWritesTheNextNumberAfterTheSeeds) {
  copy_seeds();
  ASSERT_TRUE(store::import_corpus(db(), corpus()));
  const std::string url = "https://www.themoscowtimes.com/2026/05/01/new-deal-a99999";
  std::int64_t id = approved_item(url, "New deal");
  auto written = store::export_approved(db(), corpus());
  ASSERT_TRUE(written.has_value()) << written.error().message;
  std::string expected_name = "005_" + normalize::document_id(url) + ".txt";
  EXPECT_EQ(expected_name, normalize::seed_file_name(5, url));
  ASSERT_EQ(*written, std::vector<std::string>{expected_name});
  ASSERT_TRUE(fs::is_regular_file(corpus() / expected_name));
  EXPECT_EQ(read_file(corpus() / expected_name), *item(id).seed_text);
  auto rec = item(id);
  EXPECT_EQ(rec.state, "exported");
  EXPECT_EQ(rec.corpus_file, expected_name);
}

TEST_F(Corpus, ExportLeavesNoTemporaryFiles) {
  copy_seeds();
  ASSERT_TRUE(store::import_corpus(db(), corpus()));
  approved_item("https://a.example/1", "One");
  approved_item("https://a.example/2", "Two");
  auto written = store::export_approved(db(), corpus());
  ASSERT_TRUE(written.has_value());
  auto names = files_in(corpus());
  EXPECT_EQ(names.size(), 7u) << ::testing::PrintToString(names);
  for (const auto& name : names) EXPECT_GE(normalize::seed_file_number(name), 0) << name;
}

TEST_F(Corpus, ExportNumbersSeveralItemsInIdOrder) {
  copy_seeds();
  ASSERT_TRUE(store::import_corpus(db(), corpus()));
  approved_item("https://a.example/1", "One");
  approved_item("https://a.example/2", "Two");
  auto written = store::export_approved(db(), corpus());
  ASSERT_TRUE(written.has_value());
  EXPECT_EQ(*written, (std::vector<std::string>{normalize::seed_file_name(5, "https://a.example/1"),
                                                normalize::seed_file_name(6, "https://a.example/2")}));
}

TEST_F(Corpus, ExportContinuesPastAFilePresentButNotRegistered) {
  copy_seeds();
  ASSERT_TRUE(store::import_corpus(db(), corpus()));
  // A file someone copied in by hand, never imported.
  fs::copy_file(corpus() / "004_9b3700362939b385.txt", corpus() / "007_00000000000000aa.txt");
  approved_item("https://a.example/1", "One");
  auto written = store::export_approved(db(), corpus());
  ASSERT_TRUE(written.has_value()) << written.error().message;
  EXPECT_EQ(*written, std::vector<std::string>{normalize::seed_file_name(8, "https://a.example/1")});
}

TEST_F(Corpus, ExportContinuesPastARegisteredNumberWhoseFileIsGone) {
  copy_seeds();
  ASSERT_TRUE(store::import_corpus(db(), corpus()));
  fs::remove(corpus() / "004_9b3700362939b385.txt");
  approved_item("https://a.example/1", "One");
  auto written = store::export_approved(db(), corpus());
  ASSERT_TRUE(written.has_value());
  EXPECT_EQ(*written, std::vector<std::string>{normalize::seed_file_name(5, "https://a.example/1")});
}

TEST_F(Corpus, ExportRegistersTheNewFileForDeduplication) {
  copy_seeds();
  ASSERT_TRUE(store::import_corpus(db(), corpus()));
  std::int64_t id = approved_item("https://a.example/1", "One");
  auto written = store::export_approved(db(), corpus());
  ASSERT_TRUE(written.has_value() && written->size() == 1);
  auto dup = store::find_exact_duplicate(db(), processed("x", false, std::nullopt, "Body of One").body_hash, 0);
  ASSERT_TRUE(dup.has_value() && dup->has_value());
  EXPECT_EQ((*dup)->corpus_file, written->front());
  EXPECT_EQ(count_rows("SELECT item_id FROM corpus_files WHERE number = 5"), id);
  // Importing the folder again sees the exported file as already known.
  auto report = store::import_corpus(db(), corpus());
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->registered.empty()) << ::testing::PrintToString(report->registered);
}

TEST_F(Corpus, ASecondExportWritesNothing) {
  copy_seeds();
  ASSERT_TRUE(store::import_corpus(db(), corpus()));
  approved_item("https://a.example/1", "One");
  ASSERT_TRUE(store::export_approved(db(), corpus()));
  auto before = files_in(corpus());
  auto second = store::export_approved(db(), corpus());
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_TRUE(second->empty());
  EXPECT_EQ(files_in(corpus()), before);
}

TEST_F(Corpus, ExportSkipsItemsThatAreNotApproved) {
  copy_seeds();
  ASSERT_TRUE(store::import_corpus(db(), corpus()));
  std::int64_t rejected = discover("https://a.example/rejected");
  ASSERT_TRUE(store::record_item_stored(db(), rejected, processed("R", true)));
  ASSERT_TRUE(store::decide(db(), rejected, store::Verdict::reject, std::nullopt));
  std::int64_t flagged = discover("https://a.example/flagged");
  ASSERT_TRUE(store::record_item_stored(db(), flagged, processed("F", true)));
  auto written = store::export_approved(db(), corpus());
  ASSERT_TRUE(written.has_value());
  EXPECT_TRUE(written->empty());
  EXPECT_EQ(files_in(corpus()).size(), 5u);
}

TEST_F(Corpus, ExportCreatesAMissingCorpusFolderAndStartsAtZero) {
  approved_item("https://a.example/1", "One");
  auto written = store::export_approved(db(), dir() / "new-corpus");
  ASSERT_TRUE(written.has_value()) << written.error().message;
  EXPECT_EQ(*written, std::vector<std::string>{normalize::seed_file_name(0, "https://a.example/1")});
}

TEST_F(Corpus, ExportToAnUnwritableFolderFailsWithIoAndKeepsTheItemApproved) {
  write_file(dir() / "a-file", "not a folder");
  std::int64_t id = approved_item("https://a.example/1", "One");
  auto written = store::export_approved(db(), dir() / "a-file");
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, store::Error::Code::io);
  EXPECT_EQ(item(id).state, "approved");
}

TEST(BodyHash, IsSixteenLowercaseHexDigits) {
  std::string hash = store::body_hash("Cuba and Russia");
  ASSERT_EQ(hash.size(), 16u);
  EXPECT_TRUE(std::all_of(hash.begin(), hash.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  })) << hash;
}

TEST(BodyHash, IgnoresCasePunctuationAndWhitespace) {
  std::string hash = store::body_hash("Cuba and Russia signed an agreement.\n\nIt covers energy.");
  EXPECT_EQ(store::body_hash("cuba AND russia signed an agreement\nit covers energy"), hash);
  EXPECT_EQ(store::body_hash("  Cuba,  and Russia -- signed *an* agreement!!\tIt covers (energy)  "), hash);
  EXPECT_EQ(store::body_hash("**Cuba** and _Russia_ signed an agreement. It covers energy."), hash);
}

TEST(BodyHash, ChangesWhenAWordChanges) {
  std::string hash = store::body_hash("Cuba and Russia signed an agreement.");
  EXPECT_NE(store::body_hash("Cuba and China signed an agreement."), hash);
  EXPECT_NE(store::body_hash("Cuba and Russia signed an agreement today."), hash);
  EXPECT_NE(store::body_hash("Russia and Cuba signed an agreement."), hash);
}

TEST(BodyHash, SplittingOrJoiningWordsChangesIt) {
  EXPECT_NE(store::body_hash("power plant"), store::body_hash("powerplant"));
}

TEST(BodyHash, KeepsNonAsciiLettersAsPartOfWords) {
  EXPECT_NE(store::body_hash("Díaz-Canel visitó Rusia"), store::body_hash("Daz-Canel visit Rusia"));
  EXPECT_EQ(store::body_hash("Díaz-Canel visitó Rusia."), store::body_hash("díaz canel VISITó rusia"));
}

TEST(BodyHash, IgnoresNonAsciiPunctuationAndSpaces) {
  EXPECT_EQ(store::body_hash("\xE2\x80\x9C" "Cuba" "\xE2\x80\x9D" " \xE2\x80\x94 Russia"),
            store::body_hash("\"Cuba\" - Russia"));
  EXPECT_EQ(store::body_hash("\xC2\xAB" "Hola" "\xC2\xBB"), store::body_hash("\"Hola\""));
  EXPECT_EQ(store::body_hash("Russia" "\xE2\x80\x99" "s plan"), store::body_hash("Russia's plan"));
  EXPECT_EQ(store::body_hash("10" "\xC2\xA0" "MW"), store::body_hash("10 MW"));
}

TEST(BodyHash, IgnoresTheCaseOfNonAsciiLetters) {
  EXPECT_EQ(store::body_hash("\xC3\x81" "FRICA Y CUBA"), store::body_hash("\xC3\xA1" "frica y cuba"));
}

}  // namespace
