#pragma once
// What the fuzz targets share: the input bytes as text, splitting an input into two fields,
// and libxml2's one-time set-up.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return size == 0 ? std::string_view{} : std::string_view{reinterpret_cast<const char*>(data), size};
}

// "first\nrest" -> {"first", "rest"}. Targets with two inputs (a base URL and a reference, a
// title and a text) take them from one fuzz input this way; without a newline the whole
// input is the first field and the second is empty.
inline std::pair<std::string_view, std::string_view> split_first_line(std::string_view text) {
  auto newline = text.find('\n');
  if (newline == std::string_view::npos) return {text, {}};
  return {text.substr(0, newline), text.substr(newline + 1)};
}

// What ingest/cli/main.cpp does before any parsing: initialise libxml2 once and keep its error
// printing off stderr (parsers report problems as values). Idempotent.
void init_libxml2();

}  // namespace fuzz
