// A channel's own refresh hint (<ttl>, the syndication module), read by the RSS and RDF parsers.
#include <algorithm>
#include <charconv>
#include <string>

#include "ingest/sources/feed_formats.h"
#include "ingest/sources/xml_document.h"
#include "normalize/text.h"

namespace ingest::sources {
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

}  // namespace ingest::sources
