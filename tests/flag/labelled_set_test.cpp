// The shipped rules against the labelled set in tests/data/flagging (written for this test:
// Cuba-Russia agreements and hard negatives in en, es, ru, fr and pt; each folder's labels.tsv
// says what every article is and why). Reports precision and recall, and fails below the floor.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "flag/flagger.h"
#include "flag/rules.h"
#include "normalize/seed_format.h"
#include "tests/support/test_files.h"

namespace {

namespace fs = std::filesystem;

struct Labelled {
  fs::path file;
  bool positive = false;
  std::string kind;
};

std::vector<Labelled> labelled_set() {
  std::vector<Labelled> out;
  fs::path root = test_support::source_path("tests/data/flagging");
  for (const auto& folder : fs::directory_iterator(root)) {
    std::ifstream in{folder.path() / "labels.tsv"};
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream fields{line};
      std::string file, label, kind;
      std::getline(fields, file, '\t');
      std::getline(fields, label, '\t');
      std::getline(fields, kind, '\t');
      if (!file.empty()) out.push_back({folder.path() / file, label == "1", kind});
    }
  }
  return out;
}

TEST(LabelledSet, IsFlaggedWithPrecisionAndRecallAboveTheFloor) {
  auto set = labelled_set();
  ASSERT_GE(set.size(), 80u);
  int tp = 0, fp = 0, fn = 0, tn = 0;
  std::map<std::string, std::pair<int, int>> by_kind;  // kind -> (right, total)
  for (const auto& item : set) {
    auto article = normalize::parse_seed(test_support::read_file(item.file));
    ASSERT_TRUE(article) << item.file;
    auto verdict = flag::evaluate(flag::default_rules(), article->title, normalize::plain_text(article->blocks));
    bool right = verdict.flagged == item.positive;
    auto& [correct, total] = by_kind[item.kind];
    correct += right;
    ++total;
    if (verdict.flagged) (item.positive ? tp : fp)++;
    else (item.positive ? fn : tn)++;
    if (!right)
      std::cout << (item.positive ? "missed  " : "wrongly flagged  ") << item.file.parent_path().filename().string()
                << "/" << item.file.filename().string() << " (" << item.kind << ", score " << verdict.score << ")\n";
  }
  double precision = tp + fp ? double(tp) / (tp + fp) : 0;
  double recall = tp + fn ? double(tp) / (tp + fn) : 0;
  std::cout << "labelled set: " << set.size() << " articles, precision " << precision << ", recall " << recall
            << " (tp " << tp << ", fp " << fp << ", fn " << fn << ", tn " << tn << ")\n";
  for (const auto& [kind, counts] : by_kind)
    std::cout << "  " << kind << ": " << counts.first << "/" << counts.second << " right\n";
  EXPECT_GE(precision, 0.90);
  EXPECT_GE(recall, 0.90);
}

}  // namespace
