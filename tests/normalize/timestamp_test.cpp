// Tests for normalize/timestamp.cpp: the ISO 8601, RFC 822 and human date parsers, and the
// three formatters.
#include "normalize/timestamp.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace normalize {
namespace {

using namespace std::chrono_literals;
using std::chrono::minutes;

// The UTC instant of a wall-clock time written in `offset`.
std::chrono::sys_seconds at(std::chrono::year_month_day date, int hour, int minute, int second,
                            minutes offset) {
  return std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second} - offset;
}

// One parser case: the text, and the expected instant (as UTC ISO), offset and has_time.
struct Case {
  std::string_view text;
  std::string_view utc;  // format_iso8601_utc of the expected value
  int offset_minutes;
  bool has_time;
};

void expect_parses(const std::optional<Timestamp>& parsed, const Case& c) {
  ASSERT_TRUE(parsed.has_value()) << "did not parse: " << c.text;
  EXPECT_EQ(format_iso8601_utc(*parsed), c.utc) << c.text;
  EXPECT_EQ(parsed->offset, minutes{c.offset_minutes}) << c.text;
  EXPECT_EQ(parsed->has_time, c.has_time) << c.text;
}

// --- ISO 8601 ---------------------------------------------------------------------------

TEST(ParseIso8601, ReadsTheCommonVariants) {
  const std::vector<Case> cases = {
      {"2026-04-10", "2026-04-10T00:00:00Z", 0, false},
      {"2026-04-10T14:05:00Z", "2026-04-10T14:05:00Z", 0, true},
      {"2026-04-10t14:05:00z", "2026-04-10T14:05:00Z", 0, true},
      {"2026-04-10T14:05:00+03:00", "2026-04-10T11:05:00Z", 180, true},
      {"2026-04-10T14:05:00+0300", "2026-04-10T11:05:00Z", 180, true},
      {"2026-04-10T14:05+03:00", "2026-04-10T11:05:00Z", 180, true},
      {"2026-04-10T14:05:00-04:00", "2026-04-10T18:05:00Z", -240, true},
      {"2026-04-10T14:05:00+05:30", "2026-04-10T08:35:00Z", 330, true},
      {"2026-04-10T14:05:00.123Z", "2026-04-10T14:05:00Z", 0, true},
      {"2026-04-10T14:05:59.999999+03:00", "2026-04-10T11:05:59Z", 180, true},
      {"2026-04-10 14:05:00", "2026-04-10T14:05:00Z", 0, true},
      {"  2026-04-10T14:05:00Z  ", "2026-04-10T14:05:00Z", 0, true},
      {"2026-04-10T00:30:00+03:00", "2026-04-09T21:30:00Z", 180, true},
      {"2026-4-10", "2026-04-10T00:00:00Z", 0, false},
  };
  for (const auto& c : cases) expect_parses(parse_iso8601(c.text), c);
}

TEST(ParseIso8601, UsesTheDefaultOffsetOnlyWhenNoZoneIsWritten) {
  expect_parses(parse_iso8601("2026-04-10 14:05:00", -4h),
                {"", "2026-04-10T18:05:00Z", -240, true});
  expect_parses(parse_iso8601("2026-04-10", 3h), {"", "2026-04-09T21:00:00Z", 180, false});
  expect_parses(parse_iso8601("2026-04-10T14:05:00Z", -4h),
                {"", "2026-04-10T14:05:00Z", 0, true});
}

TEST(ParseIso8601, ReturnsTheExactInstant) {
  auto t = parse_iso8601("2026-04-10T14:05:07+03:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->utc, at(2026y / 4 / 10, 14, 5, 7, 180min));
}

TEST(ParseIso8601, RejectsTextThatIsNotAnIsoDate) {
  for (std::string_view text :
       {"", "not a date", "2026-13-45", "2026-02-30", "2026-04-31", "2026-4-", "26-04-10",
        "2026-04-10T25:00:00Z", "2026-04-10T14:60:00Z", "2026-04-10T14", "2026-04-10X14:05",
        "2026-04-10T14:05:00 tomorrow", "April 10, 2026", "Fri, 10 Apr 2026 14:05:00 +0300"})
    EXPECT_FALSE(parse_iso8601(text).has_value()) << text;
}

TEST(ParseIso8601, RejectsOffsetsOutOfRange) {
  EXPECT_FALSE(parse_iso8601("2026-04-10T14:05:00+99:00").has_value());
  EXPECT_FALSE(parse_iso8601("2026-04-10T14:05:00+03:75").has_value());
}

// --- RFC 822 ----------------------------------------------------------------------------

TEST(ParseRfc822, ReadsFeedDatesWithNumericOffsets) {
  const std::vector<Case> cases = {
      {"Fri, 10 Apr 2026 14:05:00 +0300", "2026-04-10T11:05:00Z", 180, true},
      {"Fri, 10 Apr 2026 14:05:00 -0400", "2026-04-10T18:05:00Z", -240, true},
      {"Friday, 10 April 2026 14:05:00 +0000", "2026-04-10T14:05:00Z", 0, true},
      {"Fri, 1 May 2026 09:00:00 +0200", "2026-05-01T07:00:00Z", 120, true},
  };
  for (const auto& c : cases) expect_parses(parse_rfc822(c.text), c);
}

TEST(ParseRfc822, ReadsDatesWithoutWeekday) {
  expect_parses(parse_rfc822("10 Apr 2026 14:05:00 +0300"),
                {"", "2026-04-10T11:05:00Z", 180, true});
}

TEST(ParseRfc822, ReadsTimesWithoutSeconds) {
  expect_parses(parse_rfc822("Fri, 10 Apr 2026 14:05 +0300"),
                {"", "2026-04-10T11:05:00Z", 180, true});
}

TEST(ParseRfc822, ExpandsTwoDigitYearsAsFeedparserDoes) {
  expect_parses(parse_rfc822("Fri, 10 Apr 26 14:05:00 +0300"),
                {"", "2026-04-10T11:05:00Z", 180, true});
  expect_parses(parse_rfc822("Sat, 10 Apr 99 14:05:00 GMT"),
                {"", "1999-04-10T14:05:00Z", 0, true});
  // feedparser, unlike RFC 2822, reads 50-89 as this century: only 90-99 are the 1900s.
  expect_parses(parse_rfc822("Mon, 10 Apr 75 14:05:00 GMT"),
                {"", "2075-04-10T14:05:00Z", 0, true});
}

TEST(ParseRfc822, ReadsNamedZonesSuchAsMsk) {
  const std::vector<Case> cases = {
      {"Fri, 10 Apr 2026 14:05:00 GMT", "2026-04-10T14:05:00Z", 0, true},
      {"Fri, 10 Apr 2026 14:05:00 UT", "2026-04-10T14:05:00Z", 0, true},
      {"Fri, 10 Apr 2026 14:05:00 EST", "2026-04-10T19:05:00Z", -300, true},
      {"Fri, 10 Apr 2026 14:05:00 EDT", "2026-04-10T18:05:00Z", -240, true},
      {"Fri, 10 Apr 2026 14:05:00 MSK", "2026-04-10T11:05:00Z", 180, true},
      {"Fri, 10 Apr 2026 14:05:00 msk", "2026-04-10T11:05:00Z", 180, true},
  };
  for (const auto& c : cases) expect_parses(parse_rfc822(c.text), c);
}

TEST(ParseRfc822, ReadsZonesWrittenAsGmtPlusHours) {
  expect_parses(parse_rfc822("Fri, 10 Apr 2026 14:05:00 GMT+3"),
                {"", "2026-04-10T11:05:00Z", 180, true});
  expect_parses(parse_rfc822("Fri, 10 Apr 2026 14:05:00 GMT-05:00"),
                {"", "2026-04-10T19:05:00Z", -300, true});
}

TEST(ParseRfc822, ReadsADateWithoutTimeAsDateOnly) {
  expect_parses(parse_rfc822("10 Apr 2026"), {"", "2026-04-10T00:00:00Z", 0, false});
}

TEST(ParseRfc822, RejectsTextThatIsNotAnRfc822Date) {
  for (std::string_view text :
       {"", "not a date", "2026-04-10T14:05:00Z", "Fri, 32 Apr 2026 14:05:00 +0300",
        "Fri, 10 Foo 2026 14:05:00 +0300", "Fri, 10 Apr 2026 14:05:00 XYZ",
        "Fri, 10 Apr 2026 25:05:00 +0300", "Fri, 30 Feb 2026 14:05:00 +0300"})
    EXPECT_FALSE(parse_rfc822(text).has_value()) << text;
}

// --- Text dates -------------------------------------------------------------------------

TEST(ParseTextDate, ReadsEnglishMonthDayYear) {
  expect_parses(parse_text_date("April 10, 2026"), {"", "2026-04-10T00:00:00Z", 0, false});
  expect_parses(parse_text_date("Apr 10, 2026"), {"", "2026-04-10T00:00:00Z", 0, false});
  expect_parses(parse_text_date("April 10th, 2026"), {"", "2026-04-10T00:00:00Z", 0, false});
}

TEST(ParseTextDate, ReadsDayMonthYear) {
  expect_parses(parse_text_date("10 April 2026"), {"", "2026-04-10T00:00:00Z", 0, false});
}

TEST(ParseTextDate, SkipsAWeekdayAndIgnoresATrailingByline) {
  expect_parses(parse_text_date("Sunday, September 21, 2025"),
                {"", "2025-09-21T00:00:00Z", 0, false});
  expect_parses(parse_text_date("Sunday, September 21, 2025 by Richard Morales"),
                {"", "2025-09-21T00:00:00Z", 0, false});
}

TEST(ParseTextDate, ReadsCiberCubaSpanishDatesWithTime) {
  expect_parses(parse_text_date("lunes, 12 mayo, 2025 - 10:35"),
                {"", "2025-05-12T10:35:00Z", 0, true});
  // Havana is four hours behind UTC in May; the caller's default offset applies.
  expect_parses(parse_text_date("lunes, 12 mayo, 2025 - 10:35", -4h),
                {"", "2025-05-12T14:35:00Z", -240, true});
  expect_parses(parse_text_date("domingo, 29 junio, 2025 - 22:45"),
                {"", "2025-06-29T22:45:00Z", 0, true});
}

TEST(ParseTextDate, ReadsTheZoneAfterTheTimeAsANumericDateDoes) {
  expect_parses(parse_text_date("April 10, 2026 at 14:05 MSK"), {"", "2026-04-10T11:05:00Z", 180, true});
  // "GMT-5" is five hours behind, not GMT (it was read as "GMT" before the two parsers shared
  // their zone reading).
  expect_parses(parse_text_date("lunes, 12 mayo, 2025 - 10:35 (GMT-5)"), {"", "2025-05-12T15:35:00Z", -300, true});
  // An unreadable zone leaves the caller's default.
  expect_parses(parse_text_date("lunes, 12 mayo, 2025 - 10:35 (Habana)", -4h), {"", "2025-05-12T14:35:00Z", -240, true});
}

TEST(ParseTextDate, ReadsSpanishLongFormWithAccents) {
  expect_parses(parse_text_date("12 de mayo de 2025"), {"", "2025-05-12T00:00:00Z", 0, false});
  expect_parses(parse_text_date("miércoles, 3 de septiembre de 2025"),
                {"", "2025-09-03T00:00:00Z", 0, false});
  expect_parses(parse_text_date("sábado, 1 de noviembre de 2025"),
                {"", "2025-11-01T00:00:00Z", 0, false});
}

TEST(ParseTextDate, ReadsGermanFrenchAndPortugueseMonthNames) {
  expect_parses(parse_text_date("28. April 2023"), {"", "2023-04-28T00:00:00Z", 0, false});
  expect_parses(parse_text_date("Freitag, 3. März 2023, 14:05 Uhr"),
                {"", "2023-03-03T14:05:00Z", 0, true});
  expect_parses(parse_text_date("Am 12. Dezember 2024"), {"", "2024-12-12T00:00:00Z", 0, false});
  expect_parses(parse_text_date("Publié le 30 avril 2024 à 16:00"),
                {"", "2024-04-30T16:00:00Z", 0, true});
  expect_parses(parse_text_date("mardi 12 février 2024"), {"", "2024-02-12T00:00:00Z", 0, false});
  expect_parses(parse_text_date("5 de março de 2025"), {"", "2025-03-05T00:00:00Z", 0, false});
}

TEST(ParseTextDate, ReadsATwelveHourTimeAfterTheDate) {
  expect_parses(parse_text_date("April 10, 2026 at 2:05 pm"),
                {"", "2026-04-10T14:05:00Z", 0, true});
  expect_parses(parse_text_date("April 10, 2026 at 12:05 am"),
                {"", "2026-04-10T00:05:00Z", 0, true});
}

TEST(ParseTextDate, RejectsTextThatIsNotADate) {
  for (std::string_view text : {"", "not a date", "2026-13-45", "April 2026", "Friday",
                                "April 31, 2026", "31 de febrero de 2025", "By Richard Morales"})
    EXPECT_FALSE(parse_text_date(text).has_value()) << text;
}

// --- parse_any_date ---------------------------------------------------------------------

TEST(ParseAnyDate, TriesIsoThenRfc822ThenText) {
  const std::vector<Case> cases = {
      {"2026-04-10T14:05:00+03:00", "2026-04-10T11:05:00Z", 180, true},
      {"Fri, 10 Apr 2026 14:05:00 MSK", "2026-04-10T11:05:00Z", 180, true},
      {"April 10, 2026", "2026-04-10T00:00:00Z", 0, false},
      {"lunes, 12 mayo, 2025 - 10:35", "2025-05-12T10:35:00Z", 0, true},
  };
  for (const auto& c : cases) expect_parses(parse_any_date(c.text), c);
}

TEST(ParseAnyDate, RejectsNonDates) {
  EXPECT_FALSE(parse_any_date("not a date"));
  EXPECT_FALSE(parse_any_date("2026-13-45"));
  EXPECT_FALSE(parse_any_date(""));
}

// --- Formatting -------------------------------------------------------------------------

TEST(FormatIso8601, KeepsThePublishersOffset) {
  for (std::string_view text : {"2026-04-10T14:05:00+03:00", "2026-04-10T14:05:07-04:00",
                                "2026-04-10T14:05:00+05:30", "2026-04-10T14:05:00+00:00",
                                "2025-12-31T23:59:59-05:00"}) {
    auto t = parse_iso8601(text);
    ASSERT_TRUE(t) << text;
    EXPECT_EQ(format_iso8601(*t), text);
  }
}

TEST(FormatIso8601, RendersADateOnlyValueAtMidnightInItsOffset) {
  auto t = parse_iso8601("2026-04-10", 3h);
  ASSERT_TRUE(t);
  EXPECT_EQ(format_iso8601(*t), "2026-04-10T00:00:00+03:00");
}

TEST(FormatIso8601Utc, WritesUtcWithAZSuffix) {
  auto t = parse_iso8601("2026-04-10T01:05:00+03:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_iso8601_utc(*t), "2026-04-09T22:05:00Z");
  Timestamp epoch{};
  EXPECT_EQ(format_iso8601_utc(epoch), "1970-01-01T00:00:00Z");
}

TEST(FormatLongDate, WritesTheSeedDateLine) {
  auto t = parse_iso8601("2026-04-10T13:47:00+03:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_long_date(*t), "April 10, 2026");
  auto single_digit = parse_iso8601("2025-09-01");
  ASSERT_TRUE(single_digit);
  EXPECT_EQ(format_long_date(*single_digit), "September 1, 2025");
}

TEST(FormatLongDate, UsesThePublishersOffsetNearMidnight) {
  // 00:30 in Moscow is still the previous day in UTC.
  auto moscow = parse_iso8601("2026-04-10T00:30:00+03:00");
  ASSERT_TRUE(moscow);
  EXPECT_EQ(format_iso8601_utc(*moscow), "2026-04-09T21:30:00Z");
  EXPECT_EQ(format_long_date(*moscow), "April 10, 2026");
  // 23:30 in Havana is already the next day in UTC.
  auto havana = parse_iso8601("2026-04-09T23:30:00-04:00");
  ASSERT_TRUE(havana);
  EXPECT_EQ(format_iso8601_utc(*havana), "2026-04-10T03:30:00Z");
  EXPECT_EQ(format_long_date(*havana), "April 9, 2026");
}

// Found by fuzz/seed_fuzz (fuzz/regressions/seed_fuzz/year-before-1000.txt): "Apr1,0026"
// is a date, but its seed date line "April 1, 26" was not, so it came back as the title.
TEST(FormatLongDate, WritesFourDigitYearsThatParseTextDateReadsBack) {
  auto t = parse_text_date("Apr1,0026");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_long_date(*t), "April 1, 0026");
  auto again = parse_text_date(format_long_date(*t));
  ASSERT_TRUE(again);
  EXPECT_EQ(format_long_date(*again), "April 1, 0026");
}

TEST(FormatLongDate, RoundTripsThroughParseTextDate) {
  auto t = parse_text_date("December 31, 2025");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_long_date(*t), "December 31, 2025");
}

}  // namespace
TEST(ParseTextDate, ReadsRussianMonthNames) {
  auto date = normalize::parse_text_date("10 апреля 2026 г.", std::chrono::minutes{180});
  ASSERT_TRUE(date);
  EXPECT_EQ(normalize::format_iso8601(*date).substr(0, 10), "2026-04-10");
  auto with_time = normalize::parse_text_date("21 ноября 2025 года, 14:05", std::chrono::minutes{180});
  ASSERT_TRUE(with_time);
  EXPECT_EQ(normalize::format_iso8601_utc(*with_time), "2025-11-21T11:05:00Z");
}

TEST(ParseAnyDate, ReadsNumericDatesDayFirstWithTheirTimeAndZone) {
  using std::chrono::minutes;
  auto iso = [](const std::optional<normalize::Timestamp>& t) {
    return t ? normalize::format_iso8601(*t) : std::string{"null"};
  };
  EXPECT_EQ(iso(normalize::parse_any_date("28.04.2023", minutes{120})), "2023-04-28T00:00:00+02:00");
  EXPECT_EQ(iso(normalize::parse_any_date("28.04.2023, 14:30 Uhr", minutes{120})), "2023-04-28T14:30:00+02:00");
  // CiberCuba's short form, with its zone in parentheses.
  EXPECT_EQ(iso(normalize::parse_any_date("12/05/2025 - 10:35am (GMT-5)", minutes{0})), "2025-05-12T10:35:00-05:00");
  EXPECT_EQ(iso(normalize::parse_any_date("04/28/2023", minutes{0})), "2023-04-28T00:00:00+00:00");
  EXPECT_EQ(iso(normalize::parse_any_date("31.02.2023", minutes{0})), "null");
  EXPECT_EQ(iso(normalize::parse_any_date("1.2.3", minutes{0})), "null");
}

}  // namespace normalize
