#pragma once
// Files for tests: the project's source tree, a private temporary folder per test, and
// whole-file reads and writes. Header-only; every function throws on failure, which
// GoogleTest reports as a test failure.
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

namespace test_support {

// The project's source folder (set by CMake), e.g. source_path("tests/data/seeds").
inline std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path{INGEST_SOURCE_DIR} / relative;
}

inline std::string read_file(const std::filesystem::path& file) {
  std::ifstream in{file, std::ios::binary};
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void write_file(const std::filesystem::path& file, const std::string& contents) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out{file, std::ios::binary};
  out << contents;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

// Fixture text as the fixture server would serve it from `origin`: every "{{origin}}"
// replaced.
inline std::string with_origin(std::string text, const std::string& origin) {
  const std::string token = "{{origin}}";
  for (auto pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + origin.size()))
    text.replace(pos, token.size(), origin);
  return text;
}

// A fresh folder under the system's temporary folder, removed with everything in it when
// the object goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("ingest-test-" + std::to_string(random()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// `s` as one word for /bin/sh, in single quotes.
inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string{"'\\''"} : std::string(1, c);
  return out + "'";
}

}  // namespace test_support
