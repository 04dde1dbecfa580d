#pragma once
// A point in time as a publisher stated it: the instant plus the UTC offset it was written
// in, so "2026-04-10T14:05:00+03:00" survives a round trip unchanged.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace normalize {

struct Timestamp {
  std::chrono::sys_seconds utc{};
  std::chrono::minutes offset{0};
  bool has_time = true;  // false when only a calendar date was known
  bool operator==(const Timestamp&) const = default;
};

// ISO 8601 with the stated offset ("2026-04-10T14:05:00+03:00"); a date-only value is
// rendered at midnight of that date in its offset.
std::string format_iso8601(const Timestamp& t);
// ISO 8601 in UTC with a "Z" suffix, for feed entries.
std::string format_iso8601_utc(const Timestamp& t);
// The seed format's date line: "April 10, 2026", in the publisher's own offset.
std::string format_long_date(const Timestamp& t);

// Parsers return nullopt when the text is not a date of their form; they never guess: an
// out-of-range field (month 13, day 32, hour 25) or a zone name they do not know is refused.
// Feed dates are read the way Python's feedparser reads them; tests/normalize/
// feed_dates_test.cpp lists the forms and the few places where we deliberately differ.
//
// ISO 8601 / RFC 3339 / W3C-DTF: "2026", "2026-04", "2026-04-10", "2026-04-10T14:05+03:00",
// "...14:05:00.123Z", "+0300", lowercase "t"/"z", and SQL's "2026-04-10 14:05:00" with a
// space (no zone: UTC unless default_offset says otherwise).
std::optional<Timestamp> parse_iso8601(std::string_view text,
                                       std::chrono::minutes default_offset = {});
// RFC 822/1123 as feeds write it: "Fri, 10 Apr 2026 14:05:00 +0300", with or without the
// weekday (ignored, even when wrong), its comma, the seconds or the time; two-digit years
// (00-89 are 20xx, as feedparser reads them); full or any-case month names; named zones
// (GMT, EST, MSK, military letters), "GMT+3", "UTC+03:00", "-05:00", a trailing "(MSK)"
// comment; no zone means UTC. Also month-first "Thu Aug 30 2012 17:26:16 +0200", asctime
// "Sun Jan  4 16:29:06 2004" and RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT", which HTTP allows.
std::optional<Timestamp> parse_rfc822(std::string_view text);
// Dates written for people, in English or Spanish: "April 10, 2026", "10 April 2026",
// "Sunday, September 21, 2025", "lunes, 12 mayo, 2025 - 10:35", "12 de mayo de 2025".
// A time of day is taken when it follows the date; no zone means default_offset.
std::optional<Timestamp> parse_text_date(std::string_view text,
                                         std::chrono::minutes default_offset = {});
// Tries ISO 8601, then RFC 822, then the text forms.
std::optional<Timestamp> parse_any_date(std::string_view text,
                                        std::chrono::minutes default_offset = {});

}  // namespace normalize
