// Tests for the feed date forms that normalize/timestamp.cpp reads through parse_any_date,
// which is what ingest's read_feed_date calls. Each case gives the text and the instant in UTC
// that Python's feedparser gives for it; where we deliberately disagree, a comment says what
// feedparser does and why we do not.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "normalize/timestamp.h"

namespace normalize {
namespace {

using std::chrono::minutes;

constexpr std::string_view kUnparseable = "unparseable";

struct FeedDate {
  std::string_view text;
  std::string_view utc;  // format_iso8601_utc of the result, or kUnparseable
};

void expect_reads(std::optional<Timestamp> (*parse)(std::string_view),
                  const std::vector<FeedDate>& cases) {
  for (const auto& c : cases) {
    auto parsed = parse(c.text);
    if (c.utc == kUnparseable) {
      EXPECT_FALSE(parsed) << '"' << c.text << "\" read as " << format_iso8601_utc(*parsed);
    } else if (!parsed) {
      ADD_FAILURE() << '"' << c.text << "\" did not parse; expected " << c.utc;
    } else {
      EXPECT_EQ(format_iso8601_utc(*parsed), c.utc) << '"' << c.text << '"';
    }
  }
}

std::optional<Timestamp> any_date(std::string_view text) { return parse_any_date(text); }
std::optional<Timestamp> rfc822(std::string_view text) { return parse_rfc822(text); }

// --- RFC 822 / 1123 ----------------------------------------------------------------------

TEST(FeedDate, ReadsRfc822AsFeedsWriteIt) {
  expect_reads(any_date, {
      {"Fri, 10 Apr 2026 14:05:00 +0300", "2026-04-10T11:05:00Z"},
      {"Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
      // No weekday, no seconds, no time at all.
      {"10 Apr 2026 14:05:00 +0300", "2026-04-10T11:05:00Z"},
      {"Thu, 01 Jan 2004 00:00 GMT", "2004-01-01T00:00:00Z"},
      {"12 May 2024 14:30 +0300", "2024-05-12T11:30:00Z"},
      {"Thu, 01 Jan 2004", "2004-01-01T00:00:00Z"},
      // 12 May 2024 was a Sunday: a wrong weekday is ignored, as feedparser ignores it.
      {"Tue, 12 May 2024 14:30:00 +0300", "2024-05-12T11:30:00Z"},
      // One-digit days, padded or not.
      {"Thu,  5 Apr 2012 10:00:00 GMT", "2012-04-05T10:00:00Z"},
      {"Fri, 1 May 2026 09:00:00 +0200", "2026-05-01T07:00:00Z"},
      // Month names in any case, in full, and "Sept".
      {"10 APR 2026 14:05:00 GMT", "2026-04-10T14:05:00Z"},
      {"fri, 10 apr 2026 14:05:00 gmt", "2026-04-10T14:05:00Z"},
      {"Mon, 26 January 2004 16:31:00 GMT", "2004-01-26T16:31:00Z"},
      {"Sun, 21 Sept 2025 10:00:00 GMT", "2025-09-21T10:00:00Z"},
      {"Friday, 10 April 2026 14:05:00 +0000", "2026-04-10T14:05:00Z"},
      {"Thurs, 09 Apr 2026 14:05:00 GMT", "2026-04-09T14:05:00Z"},
      // Commas missing, squeezed or doubled, and stray white space.
      {"Fri 10 Apr 2026 14:05:00 GMT", "2026-04-10T14:05:00Z"},
      {"Fri,24 Nov 2023 18:28:36 -0000", "2023-11-24T18:28:36Z"},
      {"Mon, 13 Feb, 2012 06:28:00 UTC", "2012-02-13T06:28:00Z"},
      {"  Fri,   10  Apr\t2026   14:05:00   +0300 \n", "2026-04-10T11:05:00Z"},
      {"Fri, 10\xC2\xA0" "Apr 2026 14:05:00 GMT", "2026-04-10T14:05:00Z"},
      // Month before day, as JavaScript's Date.toString() writes it.
      {"Thu Aug 30 2012 17:26:16 +0200", "2012-08-30T15:26:16Z"},
      {"Sun May 12 2024 14:30:00 GMT+0300 (Moscow Standard Time)", "2024-05-12T11:30:00Z"},
  });
}

TEST(FeedDate, ReadsATwoDigitYearByFeedparsersRule) {
  // 00-89 are 2000-2089 and 90-99 are 1990-1999 (RFC 2822 would put 50-89 in the 1900s).
  expect_reads(any_date, {
      {"Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z"},
      {"Sat, 01 Jan 00 00:00:00 GMT", "2000-01-01T00:00:00Z"},
      {"Fri, 10 Apr 26 14:05:00 +0300", "2026-04-10T11:05:00Z"},
      {"Mon, 10 Apr 49 14:05:00 GMT", "2049-04-10T14:05:00Z"},
      {"Mon, 10 Apr 89 14:05:00 GMT", "2089-04-10T14:05:00Z"},
      {"Tue, 10 Apr 90 14:05:00 GMT", "1990-04-10T14:05:00Z"},
      {"Sat, 10 Apr 99 14:05:00 GMT", "1999-04-10T14:05:00Z"},
      {"Sat, 10 Apr 999 14:05:00 GMT", kUnparseable},
  });
}

TEST(FeedDate, ReadsNamedZones) {
  expect_reads(any_date, {
      {"Fri, 10 Apr 2026 14:05:00 UT", "2026-04-10T14:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 GMT", "2026-04-10T14:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 UTC", "2026-04-10T14:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 Z", "2026-04-10T14:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 EST", "2026-04-10T19:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 EDT", "2026-04-10T18:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 CST", "2026-04-10T20:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 CDT", "2026-04-10T19:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 MST", "2026-04-10T21:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 MDT", "2026-04-10T20:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 PST", "2026-04-10T22:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 PDT", "2026-04-10T21:05:00Z"},
      {"Mon, 26 January 2004 16:31:00 AT", "2004-01-26T20:31:00Z"},
      {"Mon, 26 January 2004 16:31:00 ET", "2004-01-26T21:31:00Z"},
      {"Mon, 26 January 2004 16:31:00 CT", "2004-01-26T22:31:00Z"},
      {"Mon, 26 January 2004 16:31:00 MT", "2004-01-26T23:31:00Z"},
      {"Mon, 26 January 2004 16:31:00 PT", "2004-01-27T00:31:00Z"},
      {"Thu, 30 Apr 2015 08:57:00 MET", "2015-04-30T07:57:00Z"},
      {"Thu, 30 Apr 2015 08:57:00 MEST", "2015-04-30T06:57:00Z"},
      {"Wed, 19 Aug 2009 18:28:00 Etc/GMT", "2009-08-19T18:28:00Z"},
      // feedparser honours only these military letters, with RFC 822's signs.
      {"Fri, 10 Apr 2026 14:05:00 A", "2026-04-10T15:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 N", "2026-04-10T13:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 M", "2026-04-11T02:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 Y", "2026-04-10T02:05:00Z"},
  });
}

TEST(FeedDate, ReadsTheZonesOfRussianAndCubanFeeds) {
  expect_reads(any_date, {
      // feedparser does not know MSK and reads it as UTC; Moscow is three hours ahead.
      {"Fri, 10 Apr 2026 14:05:00 MSK", "2026-04-10T11:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 msk", "2026-04-10T11:05:00Z"},
      // feedparser refuses "GMT+3" (one-digit hour); the meaning is plain.
      {"Fri, 10 Apr 2026 14:05:00 GMT+3", "2026-04-10T11:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 GMT-5", "2026-04-10T19:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 GMT+03:00", "2026-04-10T11:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 GMT-0500", "2026-04-10T19:05:00Z"},
      {"Wed, 19 Feb 2012 22:40:00 GMT-01:01", "2012-02-19T23:41:00Z"},
      // feedparser reads "UTC+03:00" as UTC, dropping the offset.
      {"Fri, 10 Apr 2026 14:05:00 UTC+03:00", "2026-04-10T11:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 +03:00", "2026-04-10T11:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 -05:00", "2026-04-10T19:05:00Z"},
      {"Wed, 19 Feb 2012 22:40:00 -01:01", "2012-02-19T23:41:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 -0400", "2026-04-10T18:05:00Z"},
      // A comment after the zone is ignored; a comment that is the only zone names it
      // (feedparser ignores both and reads the second as UTC).
      {"Tue, 12 May 2024 14:30:00 +0300 (MSK)", "2024-05-12T11:30:00Z"},
      {"Tue, 12 May 2024 14:30:00 (MSK)", "2024-05-12T11:30:00Z"},
      {"Tue, 12 May 2024 14:30:00 (Moscow)", "2024-05-12T14:30:00Z"},
      // feedparser reads these European names as UTC.
      {"Fri, 10 Apr 2026 14:05:00 CET", "2026-04-10T13:05:00Z"},
      {"Fri, 10 Apr 2026 14:05:00 CEST", "2026-04-10T12:05:00Z"},
  });
}

TEST(FeedDate, ReadsATimeWithoutZoneAsUtc) {
  expect_reads(any_date, {
      {"Fri, 10 Apr 2026 14:05:00", "2026-04-10T14:05:00Z"},
      {"10 Apr 2026 14:05", "2026-04-10T14:05:00Z"},
      {"2024-05-12 14:30:00", "2024-05-12T14:30:00Z"},
      {"2026-04-10T14:05:00", "2026-04-10T14:05:00Z"},
  });
}

TEST(FeedDate, ReadsAsctime) {
  expect_reads(any_date, {
      {"Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z"},
      {"Sun Jul 15 01:16:00 +0000 2012", "2012-07-15T01:16:00Z"},
      {"Sun Jul 15 01:16:00 +0300 2012", "2012-07-14T22:16:00Z"},
      {"Jan 4 16:29:06 2004", "2004-01-04T16:29:06Z"},
      {"Sun Jan  4 16:29:06 04", kUnparseable},
  });
}

TEST(Rfc822Date, ReadsTheThreeHttpDateForms) {
  // Retry-After and Expires use RFC 9110's dates; RFC 850's is one feedparser does not read.
  expect_reads(rfc822, {
      {"Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z"},
      {"Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37Z"},
      {"Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z"},
  });
}

TEST(FeedDate, RefusesRfc822TextThatIsNotADate) {
  expect_reads(any_date, {
      {"Sun, 16 Dec 2012 1:2:3:4 GMT", kUnparseable},
      {"Sun, 16 zzz 2012 11:47:32 GMT", kUnparseable},
      {"Sun, Dec x 2012 11:47:32 GMT", kUnparseable},
      {"Sun, 16 Dec zz 11:47:32 GMT", kUnparseable},
      {"Sun, 16 Dec 2012 11:47:32 +zz:00", kUnparseable},
      {"Sun, 16 Dec 2012 11:47:32 +00:zz", kUnparseable},
      {"Sun, 31 Dec 9999 23:59:59 -9999", kUnparseable},
      // Out of range: day 32 and 99, 30 February, hour 25, minute 60.
      {"Fri, 32 Apr 2026 14:05:00 +0300", kUnparseable},
      {"Sun, 99 Jun 2009 12:00:00 GMT", kUnparseable},
      {"Mon, 30 Feb 2026 14:05:00 GMT", kUnparseable},
      {"Fri, 10 Apr 2026 25:05:00 +0300", kUnparseable},
      {"Fri, 10 Apr 2026 14:60:00 +0300", kUnparseable},
      // Zones we cannot read are refused; feedparser reads any unknown name as UTC.
      {"Fri, 10 Apr 2026 14:05:00 XYZ", kUnparseable},
      {"Fri, 10 Apr 2026 14:05:00 IST", kUnparseable},
      {"Fri, 10 Apr 2026 14:05:00 B", kUnparseable},
      {"Fri, 10 Apr 2026 14:05:00 GMT+25", kUnparseable},
      // tz database names invert the sign ("Etc/GMT+3" is three hours behind): refused.
      {"Fri, 10 Apr 2026 14:05:00 Etc/GMT+3", kUnparseable},
      // feedparser drops everything after the zone; we refuse what is not a comment.
      {"Fri, 10 Apr 2026 14:05:00 +0300 garbage", kUnparseable},
      // A zone with no time of day is refused, as feedparser refuses it.
      {"Fri, 10 Apr 2026 GMT", kUnparseable},
      {"", kUnparseable},
      {"   ", kUnparseable},
      {"Friday", kUnparseable},
      {"not a date", kUnparseable},
  });
}

// --- RFC 3339 / ISO 8601 / W3C-DTF (dc:date, Atom) ---------------------------------------

TEST(FeedDate, ReadsW3cDtfAtEveryPrecision) {
  expect_reads(any_date, {
      {"2003", "2003-01-01T00:00:00Z"},
      {"2003-12", "2003-12-01T00:00:00Z"},
      {"2003-12-31", "2003-12-31T00:00:00Z"},
      {"2003-12-31T10:14Z", "2003-12-31T10:14:00Z"},
      {"2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z"},
      {"2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z"},
      {"2003-12-31T18:14:55+08:00", "2003-12-31T10:14:55Z"},
      {"2007-04-23T23:25:47.538+10:00", "2007-04-23T13:25:47Z"},
      {"2003-12-31T10:14:55.1234Z", "2003-12-31T10:14:55Z"},
      {"2026-04-10T14:05:00.123456789012Z", "2026-04-10T14:05:00Z"},
      {"2002-10-02T10:00:00-05:00", "2002-10-02T15:00:00Z"},
      {"2026-04-10t14:05:00z", "2026-04-10T14:05:00Z"},
      {"2026-04-10T14:05:00+0300", "2026-04-10T11:05:00Z"},
      {"2026-04-10T14:05:00+03", "2026-04-10T11:05:00Z"},
      // feedparser's W3C-DTF reader drops the minutes of "+0530" (09:05Z); we keep them.
      {"2026-04-10T14:05:00+0530", "2026-04-10T08:35:00Z"},
      {"2026-04-10T14:05:00+05:30", "2026-04-10T08:35:00Z"},
      {"2026-4-10", "2026-04-10T00:00:00Z"},
      {"2004-07-13T9:15-05:00", "2004-07-13T14:15:00Z"},
  });
}

TEST(FeedDate, RollsOverMonthsAndLeapDaysWhenConvertingToUtc) {
  expect_reads(any_date, {
      {"2004-02-28T18:14:55-08:00", "2004-02-29T02:14:55Z"},
      {"2003-02-28T18:14:55-08:00", "2003-03-01T02:14:55Z"},
      {"2000-02-28T18:14:55-08:00", "2000-02-29T02:14:55Z"},
      {"2025-12-31T23:30:00-05:00", "2026-01-01T04:30:00Z"},
  });
}

TEST(FeedDate, ReadsSqlStyleDatesWithASpace) {
  expect_reads(any_date, {
      {"2004-07-08 23:56:58 -00:20", "2004-07-09T00:16:58Z"},
      {"2004-07-08 23:56:58", "2004-07-08T23:56:58Z"},
      {"2004-07-08 23:56:58.0", "2004-07-08T23:56:58Z"},
      {"2024-05-12 14:30", "2024-05-12T14:30:00Z"},
      {"2024-05-12 14:30:00 +0300", "2024-05-12T11:30:00Z"},
      {"2024-05-12 14:30:00+03:00", "2024-05-12T11:30:00Z"},
      {"2024-05-12 14:30:00 MSK", "2024-05-12T11:30:00Z"},
      {"2024-05-12  14:30:00Z", "2024-05-12T14:30:00Z"},
  });
}

TEST(FeedDate, RefusesIsoTextThatIsNotADate) {
  expect_reads(any_date, {
      {"2003-12-31T25:14:55Z", kUnparseable},
      {"2003-12-31T10:61:55Z", kUnparseable},
      {"2003-12-31T10:14:61Z", kUnparseable},
      {"2026-13-01", kUnparseable},
      {"2026-04-32", kUnparseable},
      {"2026-02-29", kUnparseable},
      {"9999-12-31T23:59:59-99:99", kUnparseable},
      {"22013", kUnparseable},
      {"013", kUnparseable},
      {"0000", kUnparseable},
      {"2013-01-27-01", kUnparseable},
      {"2013-01-28T11:30:00-06:00Textra", kUnparseable},
      {"2013-xx-27", kUnparseable},
      {"2013-01-28T09:xx:00Z", kUnparseable},
      {"2013-01-28T09:00:00+00:xx", kUnparseable},
      {"2026-04-10T14:05:00.Z", kUnparseable},
      {"2026-04T14:05:00Z", kUnparseable},
      {"2026-04-10Z", kUnparseable},
      // feedparser reads a bare hour ("T14") as 14:00; a value cut short is refused here.
      {"2026-04-10T14", kUnparseable},
  });
}

// --- What the parsed value carries besides the instant ------------------------------------

TEST(FeedDate, KeepsTheWrittenOffsetAndWhetherATimeWasGiven) {
  auto moscow = parse_any_date("Tue, 12 May 2024 14:30:00 +0300 (MSK)");
  ASSERT_TRUE(moscow);
  EXPECT_EQ(moscow->offset, minutes{180});
  EXPECT_TRUE(moscow->has_time);
  auto havana = parse_any_date("Tue, 12 May 2024 14:30:00 GMT-4");
  ASSERT_TRUE(havana);
  EXPECT_EQ(havana->offset, minutes{-240});
  auto month_only = parse_any_date("2003-12");
  ASSERT_TRUE(month_only);
  EXPECT_FALSE(month_only->has_time);
  auto date_only = parse_any_date("Thu, 01 Jan 2004");
  ASSERT_TRUE(date_only);
  EXPECT_FALSE(date_only->has_time);
}

}  // namespace
}  // namespace normalize
