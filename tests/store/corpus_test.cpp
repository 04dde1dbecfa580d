// store/corpus.cpp: importing the corpus folder, the body hash. Export: export_test.cpp.
#include "store/corpus.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "normalize/article.h"
#include "normalize/seed_format.h"
#include "tests/store/corpus_test_support.h"

namespace {

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::write_file;

using Corpus = corpus_test::CorpusTest;
using corpus_test::kSeedNames;

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
  EXPECT_EQ((*dup)->kind, store::DuplicateKind::exact);
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
