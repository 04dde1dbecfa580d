#pragma once
// Helpers shared by the corpus suites (import, export, manifest, the folder): a store with a
// corpus folder holding copies of the five seeds, and approved items ready to export.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/corpus.h"
#include "store/review.h"
#include "tests/store/store_test_support.h"

namespace corpus_test {

namespace fs = std::filesystem;

inline const std::vector<std::string> kSeedNames = {
    "000_f638798d4e6aeb8a.txt", "001_a03e604598e42abc.txt", "002_4a3a340b16a89f33.txt",
    "003_bab5c734186a52be.txt", "004_9b3700362939b385.txt"};

// Every name in the folder, hidden ones included.
inline std::set<std::string> files_in(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

class CorpusTest : public store_test::StoreTest {
 protected:
  fs::path corpus() const { return dir() / "corpus"; }

  // Copies the five seeds into the test's own corpus folder.
  void copy_seeds() {
    fs::create_directories(corpus());
    for (const auto& name : kSeedNames)
      fs::copy_file(test_support::source_path("tests/data/seeds/" + name), corpus() / name);
  }

  // The seeds copied and imported, as `ingest import-corpus` leaves them.
  void import_seeds() {
    copy_seeds();
    auto report = store::import_corpus(db(), corpus());
    ASSERT_TRUE(report.has_value()) << report.error().message;
  }

  // A stored, flagged and approved item whose seed text is "# <title>\n\nBody of <title>\n".
  std::int64_t approved_item(const std::string& url, const std::string& title,
                             std::optional<std::string> published = std::nullopt) {
    std::int64_t id = discover(url);
    EXPECT_TRUE(store::record_item_stored(db(), id,
                                          store_test::processed(title, true, std::move(published), "Body of " + title)));
    EXPECT_TRUE(store::decide(db(), id, store::ReviewAction::approve, std::nullopt));
    return id;
  }

  store::ItemRecord item(std::int64_t id) {
    auto found = store::find_item(db(), id);
    EXPECT_TRUE(found.has_value() && found->has_value());
    return found.has_value() && found->has_value() ? **found : store::ItemRecord{};
  }
};

}  // namespace corpus_test
