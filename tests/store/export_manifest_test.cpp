// store/manifest.cpp: manifest.jsonl lists exactly the documents in the folder, each with what
// the store (or, for files no item stands behind, the file itself) knows.
#include "store/manifest.h"

#include <gtest/gtest.h>

#include "normalize/seed_format.h"
#include "store/corpus.h"
#include "store/export.h"
#include "tests/store/corpus_test_support.h"

namespace {

namespace fs = std::filesystem;
using corpus_test::kSeedNames;
using test_support::read_file;

class Manifest : public corpus_test::CorpusTest {
 protected:
  std::vector<store::ManifestEntry> exported_manifest() {
    auto report = store::export_corpus(db(), corpus());
    EXPECT_TRUE(report.has_value()) << report.error().message;
    auto entries = store::parse_manifest(read_file(corpus() / "manifest.jsonl"));
    EXPECT_TRUE(entries.has_value()) << entries.error().message;
    return entries.value_or(std::vector<store::ManifestEntry>{});
  }

  static std::vector<std::string> files_of(const std::vector<store::ManifestEntry>& entries) {
    std::vector<std::string> files;
    for (const auto& entry : entries) files.push_back(entry.file);
    return files;
  }
};

TEST_F(Manifest, ListsTheSeedsAndTheExportedFilesInNumberOrder) {
  import_seeds();
  approved_item("https://a.example/1", "One", "2026-05-01T09:30:00+03:00");
  approved_item("https://a.example/2", "Two", "2026-05-02T09:30:00+03:00");
  auto entries = exported_manifest();
  std::vector<std::string> expected = kSeedNames;
  expected.push_back(normalize::seed_file_name(5, "https://a.example/1"));
  expected.push_back(normalize::seed_file_name(6, "https://a.example/2"));
  EXPECT_EQ(files_of(entries), expected);
  for (std::size_t i = 0; i < entries.size(); ++i) EXPECT_EQ(entries[i].number, static_cast<int>(i));
}

TEST_F(Manifest, DescribesAnExportedItemFromTheStore) {
  import_seeds();
  std::int64_t id = approved_item("https://a.example/1", "One \"quoted\", ünïcode", "2026-05-01T09:30:00+03:00");
  auto entries = exported_manifest();
  ASSERT_EQ(entries.size(), 6u);
  const auto& entry = entries.back();
  auto record = item(id);
  EXPECT_EQ(entry.file, normalize::seed_file_name(5, "https://a.example/1"));
  EXPECT_EQ(entry.id, id);
  EXPECT_EQ(entry.url, "https://a.example/1");
  EXPECT_EQ(entry.outlet, "The Moscow Times");
  EXPECT_EQ(entry.title, "One \"quoted\", ünïcode");
  EXPECT_EQ(entry.published, "2026-05-01T09:30:00+03:00");
  EXPECT_EQ(entry.fetched, record.fetched_at);
  EXPECT_TRUE(entry.fetched.has_value());
  // The body hash the store keeps for the item, which exact-duplicate detection compares.
  EXPECT_EQ(entry.body_hash, text_column("SELECT body_hash FROM items WHERE id = ?1", id));
}

TEST_F(Manifest, DescribesASeedWithNoIdAndWhatItsRegistrationAndTextSay) {
  import_seeds();
  auto entries = exported_manifest();
  ASSERT_EQ(entries.size(), 5u);
  const auto& seed = entries[3];
  EXPECT_EQ(seed.file, "003_bab5c734186a52be.txt");
  EXPECT_EQ(seed.id, std::nullopt);
  EXPECT_EQ(seed.fetched, std::nullopt);
  EXPECT_EQ(seed.url,
            "https://www.themoscowtimes.com/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469");
  EXPECT_EQ(seed.title, "Russia Eyes Management of Cuba's Industrial Production");
  ASSERT_TRUE(seed.published.has_value());
  EXPECT_TRUE(seed.published->starts_with("2026-04-10")) << *seed.published;
  EXPECT_EQ(seed.body_hash, text_column("SELECT body_hash FROM corpus_files WHERE number = ?1", 3));
  EXPECT_EQ(entries[0].outlet, "CubaHeadlines");
}

TEST_F(Manifest, MatchesTheFolderNotTheRegistrations) {
  import_seeds();
  // A registered file gone, and a file no one registered: the manifest follows the folder.
  fs::remove(corpus() / "004_9b3700362939b385.txt");
  fs::copy_file(test_support::source_path("tests/data/seeds/003_bab5c734186a52be.txt"),
                corpus() / "007_00000000000000aa.txt");
  fs::create_directory(corpus() / "008_00000000000000bb.txt");  // not a file
  auto entries = exported_manifest();
  std::vector<std::string> expected(kSeedNames.begin(), kSeedNames.begin() + 4);
  expected.push_back("007_00000000000000aa.txt");
  EXPECT_EQ(files_of(entries), expected);
  const auto& unknown = entries.back();
  EXPECT_EQ(unknown.id, std::nullopt);
  EXPECT_EQ(unknown.title, "Russia Eyes Management of Cuba's Industrial Production");
  EXPECT_EQ(unknown.body_hash, entries[3].body_hash);
}

TEST_F(Manifest, ListsAFileThatDoesNotParseByNameAndNumber) {
  import_seeds();
  test_support::write_file(corpus() / "005_00000000000000cc.txt", "");
  auto entries = exported_manifest();
  ASSERT_EQ(entries.size(), 6u);
  EXPECT_EQ(entries.back().file, "005_00000000000000cc.txt");
  EXPECT_EQ(entries.back().number, 5);
  EXPECT_EQ(entries.back().url, std::nullopt);
  EXPECT_EQ(entries.back().body_hash, std::nullopt);
}

TEST_F(Manifest, IsWrittenOnlyWhenItChanges) {
  import_seeds();
  auto folder = store::Folder::open(corpus());
  ASSERT_TRUE(folder.has_value());
  EXPECT_EQ(store::update_manifest(db(), *folder), true);
  EXPECT_EQ(store::update_manifest(db(), *folder), false);
  fs::remove(corpus() / "002_4a3a340b16a89f33.txt");
  EXPECT_EQ(store::update_manifest(db(), *folder), true);
}

TEST(ManifestText, ReadsBackWhatItRenders) {
  std::vector<store::ManifestEntry> entries(2);
  entries[0].file = "000_f638798d4e6aeb8a.txt";
  entries[0].title = "Line\nbreak, \"quotes\", \\ and ünïcode";
  entries[1].file = "001_a03e604598e42abc.txt";
  entries[1].number = 1;
  entries[1].id = 42;
  entries[1].url = "https://a.example/1";
  entries[1].outlet = "TASS";
  entries[1].published = "2026-05-01T09:30:00+03:00";
  entries[1].fetched = "2026-05-01T07:00:00Z";
  entries[1].body_hash = "0123456789abcdef";
  std::string text = store::render_manifest(entries);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
  EXPECT_EQ(text.substr(0, text.find('\n')),
            R"({"file":"000_f638798d4e6aeb8a.txt","number":0,"id":null,"url":null,"outlet":null,)"
            R"("title":"Line\nbreak, \"quotes\", \\ and ünïcode","published":null,"fetched":null,"body_hash":null})");
  auto parsed = store::parse_manifest(text);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(*parsed, entries);
}

TEST(ManifestText, NamesTheLineThatIsNotAnEntry) {
  auto parsed = store::parse_manifest(
      "{\"file\":\"000_f638798d4e6aeb8a.txt\",\"number\":0,\"id\":null,\"url\":null,\"outlet\":null,"
      "\"title\":null,\"published\":null,\"fetched\":null,\"body_hash\":null}\n{\"file\":\n");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().message.find("manifest.jsonl:2"), std::string::npos) << parsed.error().message;
  EXPECT_FALSE(store::parse_manifest("{\"file\":\"x\",\"number\":0}\n").has_value()) << "every key is required";
}

}  // namespace
