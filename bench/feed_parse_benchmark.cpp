// Feed parsing throughput (docs/benchmarks.md): ingest::sources::parse_feed over a set of feed files,
// read into memory first, N repetitions; prints one line per repetition and the median.
// bench/feed_benchmark.py generates the inputs and runs Python's feedparser over the same
// files for comparison.
//
//   build/bench/feed_parse_benchmark [--runs 5] [--url-prefix http://bench.example/] FILE...
// Each file is parsed with URL <url-prefix><file name>, as a fetched feed would be.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ingest/sources/feed.h"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

struct Input {
  std::string url;
  std::string bytes;
};

// Named and not inlined, so that a profiler can find the parsing alone.
[[gnu::noinline]] std::size_t parse_all(const std::vector<Input>& inputs, std::size_t& failures) {
  std::size_t entries = 0;
  for (const auto& input : inputs) {
    auto feed = ingest::sources::parse_feed(input.bytes, input.url);
    if (feed) entries += feed->entries.size();
    else ++failures;
  }
  return entries;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  std::string prefix = "http://bench.example/";
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--url-prefix" && i + 1 < argc) prefix = argv[++i];
    else if (arg.starts_with("--")) {
      std::fprintf(stderr, "usage: feed_parse_benchmark [--runs N] [--url-prefix URL] FILE...\n");
      return 2;
    } else files.push_back(arg);
  }
  if (files.empty()) {
    std::fprintf(stderr, "feed_parse_benchmark: no files\n");
    return 2;
  }
  std::vector<Input> inputs;
  std::size_t total_bytes = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "feed_parse_benchmark: cannot read %s\n", file.c_str());
      return 1;
    }
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    total_bytes += bytes.size();
    inputs.push_back({prefix + std::filesystem::path(file).filename().string(), std::move(bytes)});
  }
  std::vector<double> seconds;
  std::size_t entries = 0, failures = 0;
  for (int run = 0; run < runs; ++run) {
    failures = 0;
    auto start = Clock::now();
    entries = parse_all(inputs, failures);
    seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    std::printf("run %d: %.4f s\n", run + 1, seconds.back());
  }
  double m = median(seconds);
  // The last line is what bench/feed_benchmark.py reads.
  std::printf("median %.6f s over %d runs: %zu files, %.2f MB, %zu entries, %zu failed; %.1f MB/s, %.0f entries/s\n",
              m, runs, inputs.size(), static_cast<double>(total_bytes) / 1e6, entries, failures,
              static_cast<double>(total_bytes) / 1e6 / m, static_cast<double>(entries) / m);
  return failures ? 1 : 0;
}
