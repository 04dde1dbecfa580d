#include "ingest/fetch/freshness.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "normalize/text.h"

namespace ingest::fetch {
namespace {

std::optional<std::int64_t> whole_number(std::string_view text) {
  text = normalize::trim(text);
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::chrono::seconds> cache_max_age(std::string_view header) {
  // Directives are comma-separated, case-insensitive names with optional "=value".
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view directive = normalize::trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto equals = directive.find('=');
    if (equals == std::string_view::npos) continue;
    if (normalize::ascii_lower(normalize::trim(directive.substr(0, equals))) != "max-age") continue;
    std::string_view value = normalize::trim(directive.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (auto seconds = whole_number(value)) return std::chrono::seconds{*seconds};
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace ingest::fetch
