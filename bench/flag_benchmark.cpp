// Throughput of flag::evaluate with the shipped rules: MB of article text judged per second on
// one core. The input is the labelled set (tests/data/flagging), every article repeated until
// the run holds about --megabytes of text, so the mix of positives and hard negatives (which
// do the most work: both parties present) is the set's own. Prints the median of --runs.
// For scale, the same run times ICU's sentence break iterator alone over the same text (every
// line, converted to UTF-16 as ICU needs it): the floor a matcher that splits every sentence
// with ICU cannot go below. Each --against FILE (another version of the topic file, e.g. from
// `git show OLD:config/topics/cuba-russia.toml`) is timed in the same run, runs interleaved,
// so the two versions share the machine's noise.
//
//   build/bench/flag_benchmark [--megabytes 50] [--runs 5] [--against FILE]...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>

#include "flag/flagger.h"
#include "flag/rules.h"
#include "flag/tokenize.h"
#include "normalize/seed_format.h"
#include "tests/support/test_files.h"

namespace {

struct Text {
  std::string title, body;
};

std::vector<Text> labelled_texts() {
  std::vector<Text> out;
  namespace fs = std::filesystem;
  for (const auto& entry : fs::recursive_directory_iterator(std::string{INGEST_SOURCE_DIR} + "/tests/data/flagging")) {
    if (entry.path().extension() != ".txt") continue;
    auto article = normalize::parse_seed(test_support::read_file(entry.path()));
    if (article) out.push_back({article->title, normalize::plain_text(article->blocks)});
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  double megabytes = 50;
  int runs = 5;
  std::vector<std::pair<std::string, flag::Rules>> rule_sets{{"shipped", flag::default_rules()}};
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--megabytes") megabytes = std::atof(argv[i + 1]);
    else if (flag == "--runs") runs = std::atoi(argv[i + 1]);
    else if (flag == "--against") {
      auto loaded = flag::load_rules(argv[i + 1]);
      if (!loaded) return std::fprintf(stderr, "%s\n", loaded.error().message.c_str()), 2;
      rule_sets.emplace_back(argv[i + 1], std::move(*loaded));
    }
  }
  auto texts = labelled_texts();
  if (texts.empty()) {
    std::fprintf(stderr, "no labelled texts under tests/data/flagging\n");
    return 1;
  }
  std::size_t set_bytes = 0;
  for (const auto& t : texts) set_bytes += t.title.size() + t.body.size();
  auto rounds = static_cast<std::size_t>(megabytes * 1e6 / double(set_bytes)) + 1;
  std::vector<std::vector<double>> seconds(rule_sets.size());
  std::vector<std::size_t> flagged(rule_sets.size());
  for (int run = 0; run < runs; ++run)
    for (std::size_t set = 0; set < rule_sets.size(); ++set) {
      flagged[set] = 0;
      auto start = std::chrono::steady_clock::now();
      for (std::size_t round = 0; round < rounds; ++round)
        for (const auto& t : texts) flagged[set] += flag::evaluate(rule_sets[set].second, t.title, t.body).flagged;
      seconds[set].push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
  // The floor: ICU sentence boundaries of every line, nothing else.
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> sentences{icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status)};
  std::vector<double> floor_seconds;
  std::size_t boundaries = 0;
  for (int run = 0; run < runs; ++run) {
    auto start = std::chrono::steady_clock::now();
    for (std::size_t round = 0; round < rounds; ++round)
      for (const auto& t : texts)
        for (std::string_view line : flag::lines_of(t.body)) {
          icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(line);
          sentences->setText(unicode);
          for (int32_t at = sentences->first(); at != icu::BreakIterator::DONE; at = sentences->next()) ++boundaries;
        }
    floor_seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(floor_seconds.begin(), floor_seconds.end());
  double floor_median = floor_seconds[floor_seconds.size() / 2];
  double bytes = double(set_bytes) * double(rounds);
  std::printf("articles %zu x %zu rounds, %.1f MB of text\n", texts.size(), rounds, bytes / 1e6);
  double median = 0;
  for (std::size_t set = 0; set < rule_sets.size(); ++set) {
    std::sort(seconds[set].begin(), seconds[set].end());
    double m = seconds[set][seconds[set].size() / 2];
    if (set == 0) median = m;
    std::printf("%s rules %s: flagged per round %zu; median of %d runs: %.3f s, %.1f MB/s, %.0f articles/s (one thread)\n",
                rule_sets[set].first.c_str(), rule_sets[set].second.version.c_str(), flagged[set] / rounds, runs, m,
                bytes / 1e6 / m, double(texts.size() * rounds) / m);
  }
  std::printf("ICU sentence splitting alone: median %.3f s, %.1f MB/s; evaluate takes %.2fx its time (%zu boundaries)\n",
              floor_median, bytes / 1e6 / floor_median, median / floor_median, boundaries / std::size_t(runs));
  return 0;
}
