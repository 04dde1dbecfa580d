#include "ingest/freshness.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "ingest/xml_document.h"
#include "normalize/text.h"

namespace ingest {
namespace {

constexpr const char* kSyndication = "http://purl.org/rss/1.0/modules/syndication/";

// A <ttl> beyond a year is taken as a year: the scheduler caps every hint at a day anyway, and
// a feed's <ttl>357873763803085026</ttl> overflowed the conversion to seconds (undefined
// behaviour; found by fuzz/sitemap_fuzz).
constexpr std::int64_t kMaxTtlMinutes = 366LL * 24 * 60;

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

std::optional<std::chrono::seconds> channel_ttl(const xmlNode* channel) {
  if (!channel) return std::nullopt;
  if (const xmlNode* ttl = xml_child(channel, "ttl"))
    if (auto minutes = whole_number(xml_text(ttl)); minutes && *minutes > 0)
      return std::chrono::minutes{std::min(*minutes, kMaxTtlMinutes)};
  const xmlNode* period = xml_child(channel, "updatePeriod", kSyndication);
  if (!period) return std::nullopt;
  std::string name = normalize::ascii_lower(normalize::trim(xml_text(period)));
  std::chrono::seconds length{0};
  if (name == "hourly") length = std::chrono::hours{1};
  else if (name == "daily") length = std::chrono::hours{24};
  else if (name == "weekly") length = std::chrono::hours{24 * 7};
  else if (name == "monthly") length = std::chrono::hours{24 * 30};
  else if (name == "yearly") length = std::chrono::hours{24 * 365};
  else return std::nullopt;
  std::int64_t frequency = 1;  // the module's default
  if (const xmlNode* times = xml_child(channel, "updateFrequency", kSyndication))
    if (auto n = whole_number(xml_text(times)); n && *n > 0) frequency = *n;
  return std::chrono::seconds{length.count() / frequency};
}

}  // namespace ingest
