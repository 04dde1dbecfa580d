// A main() for the fuzz targets when they are not linked with libFuzzer (GCC, the ordinary
// build): runs LLVMFuzzerTestOneInput once on every file named on the command line and on
// every file below every folder named there. CTest runs it over each target's seed corpus and
// its fuzz/regressions/ folder, so an input that once crashed stays a test everywhere.
// A crash, a sanitizer report or a trap in the target fails the test; so does a path that
// does not exist (a renamed fixture would otherwise silently shrink the corpus).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
// Optional, as in libFuzzer: the targets that need global set-up define it.
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) __attribute__((weak));

namespace {

namespace fs = std::filesystem;

void run(const std::string& bytes) {
  // A copy on the heap of exactly the input's size, so that reading past its end is caught
  // by ASan in sanitized builds, as under libFuzzer.
  std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(input.data(), input.size());
}

bool read(const fs::path& file, std::string& bytes) {
  std::ifstream in{file, std::ios::binary};
  if (!in) return false;
  bytes.assign(std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{});
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    fs::path path{argv[i]};
    if (fs::is_directory(path)) {
      for (const auto& entry : fs::recursive_directory_iterator{path})
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else if (fs::is_regular_file(path)) {
      files.push_back(path);
    } else {
      std::cerr << "replay: no such file or folder: " << path.string() << "\n";
      return 2;
    }
  }
  std::sort(files.begin(), files.end());  // a stable order, for reproducible logs
  run({});  // libFuzzer always tries the empty input first; so does the replay
  for (const auto& file : files) {
    std::string bytes;
    if (!read(file, bytes)) {
      std::cerr << "replay: cannot read " << file.string() << "\n";
      return 2;
    }
    // Named before it runs: when a replay crashes, the last name printed is the culprit.
    std::cout << file.string() << std::endl;
    run(bytes);
  }
  std::cout << "replayed " << files.size() << " inputs (and the empty input)\n";
  return 0;
}
