// Precision and recall of topic rules on labelled folders (each with a labels.tsv: file,
// label, kind, note), overall and by folder, language (the file name's prefix) and kind, with
// every article judged wrongly. This is how a new blind batch is measured at first sight,
// before any rule is changed for it (docs/benchmarks.md, "Flagging").
// Usage: flag_quality [--rules FILE] FOLDER...
//   (no folder: every folder under tests/data/flagging, the labelled set; the held-out
//   folders under tests/data/flagging-holdout are named one by one, and only their totals read)
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <algorithm>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "flag/flagger.h"
#include "flag/rules.h"
#include "normalize/seed_format.h"

namespace {

namespace fs = std::filesystem;

struct Counts {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  void add(bool positive, bool flagged) {
    if (flagged) (positive ? tp : fp)++;
    else (positive ? fn : tn)++;
  }
  void print(const std::string& what) const {
    const int n = tp + fp + fn + tn;
    const double precision = tp + fp ? double(tp) / (tp + fp) : 1;
    const double recall = tp + fn ? double(tp) / (tp + fn) : 1;
    std::printf("%-28s %4d  precision %5.3f  recall %5.3f  (tp %d, fp %d, fn %d, tn %d)\n", what.c_str(), n,
                precision, recall, tp, fp, fn, tn);
  }
};

std::string read_file(const fs::path& file) {
  std::ifstream in{file, std::ios::binary};
  return {std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> folders;
  std::optional<fs::path> rules_file;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rules" && i + 1 < argc) rules_file = argv[++i];
    else folders.emplace_back(arg);
  }
  if (folders.empty())
    for (const char* root : {"/tests/data/flagging"})
      if (fs::is_directory(std::string{INGEST_SOURCE_DIR} + root))
        for (const auto& entry : fs::directory_iterator(std::string{INGEST_SOURCE_DIR} + root))
          if (fs::exists(entry.path() / "labels.tsv")) folders.push_back(entry.path());
  std::sort(folders.begin(), folders.end());
  flag::Rules rules = flag::default_rules();
  if (rules_file) {
    auto loaded = flag::load_rules(*rules_file);
    if (!loaded) return std::cerr << loaded.error().message << "\n", 2;
    rules = std::move(*loaded);
  }
  std::printf("rules %s\n", rules.version.c_str());
  Counts all;
  std::map<std::string, Counts> by_folder, by_language, by_kind;
  std::vector<std::string> wrong;
  for (const auto& folder : folders) {
    std::ifstream labels{folder / "labels.tsv"};
    if (!labels) return std::cerr << folder << ": no labels.tsv\n", 2;
    std::string line;
    std::getline(labels, line);
    while (std::getline(labels, line)) {
      std::istringstream fields{line};
      std::string file, label, kind, note;
      std::getline(fields, file, '\t');
      std::getline(fields, label, '\t');
      std::getline(fields, kind, '\t');
      std::getline(fields, note);
      if (file.empty()) continue;
      auto article = normalize::parse_seed(read_file(folder / file));
      if (!article) return std::cerr << (folder / file) << ": not readable as a seed file\n", 2;
      auto verdict = flag::evaluate(rules, article->title, normalize::plain_text(article->blocks));
      const bool positive = label == "1";
      const std::string name = folder.filename().string();
      all.add(positive, verdict.flagged);
      by_folder[name].add(positive, verdict.flagged);
      by_language[file.substr(0, file.find('-'))].add(positive, verdict.flagged);
      by_kind[kind].add(positive, verdict.flagged);
      if (verdict.flagged != positive) {
        char score[32];
        std::snprintf(score, sizeof score, "%.1f", verdict.score);
        wrong.push_back(std::string{positive ? "missed           " : "wrongly flagged  "} + name + "/" + file + " (" +
                        kind + ", score " + score + "): " + note);
      }
    }
  }
  all.print("all");
  std::printf("\nby folder\n");
  for (const auto& [name, counts] : by_folder) counts.print("  " + name);
  std::printf("\nby language\n");
  for (const auto& [name, counts] : by_language) counts.print("  " + name);
  std::printf("\nby kind (right: tp + tn)\n");
  for (const auto& [name, counts] : by_kind)
    std::printf("  %-26s %d/%d right\n", name.c_str(), counts.tp + counts.tn, counts.tp + counts.fp + counts.fn + counts.tn);
  std::printf("\n");
  for (const auto& line : wrong) std::printf("%s\n", line.c_str());
  return 0;
}
