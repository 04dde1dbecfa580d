// Tests for ingest/pipeline/schedule.cpp: how long a source waits before its next check.
#include "ingest/pipeline/schedule.h"

#include <gtest/gtest.h>

namespace ingest::pipeline {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr seconds kWeek{7 * 24 * 3600};
const ScheduleBounds kBounds{minutes{15}, minutes{5}, hours{2}};

TEST(AdaptiveInterval, KeepsTheConfiguredIntervalUntilADayOfHistoryExists) {
  EXPECT_EQ(adaptive_interval(kBounds, {0, seconds{0}}), minutes{15});
  EXPECT_EQ(adaptive_interval(kBounds, {500, hours{23}}), minutes{15});
}

TEST(AdaptiveInterval, ChecksABusySourceAsOftenAsItPublishesDownToTheMinimum) {
  // 168 entries a week: one an hour.
  EXPECT_EQ(adaptive_interval(kBounds, {168, kWeek}), hours{1});
  // 2,016 a week would be one every five minutes; 10,000 would be faster than the floor.
  EXPECT_EQ(adaptive_interval(kBounds, {2016, kWeek}), minutes{5});
  EXPECT_EQ(adaptive_interval(kBounds, {10000, kWeek}), minutes{5});
}

TEST(AdaptiveInterval, LetsAQuietSourceWaitUpToTheMaximum) {
  EXPECT_EQ(adaptive_interval(kBounds, {3, kWeek}), hours{2});
  EXPECT_EQ(adaptive_interval(kBounds, {0, kWeek}), hours{2});
}

TEST(AdaptiveInterval, MeasuresThePaceOverTheTimeWatchedWhenShorterThanAWeek) {
  // 48 entries in two days: one an hour.
  EXPECT_EQ(adaptive_interval(kBounds, {48, hours{48}}), hours{1});
}

TEST(NextCheckDelay, MovesTheIntervalByAtMostATenth) {
  EXPECT_EQ(next_check_delay(kBounds, {168, kWeek}, {}, 0.0), hours{1});
  EXPECT_EQ(next_check_delay(kBounds, {168, kWeek}, {}, 1.0), seconds{3960});
  EXPECT_EQ(next_check_delay(kBounds, {168, kWeek}, {}, -1.0), seconds{3240});
  EXPECT_EQ(next_check_delay(kBounds, {168, kWeek}, {}, 7.0), seconds{3960});  // clamped
}

TEST(NextCheckDelay, NeverAsksSoonerThanTheServerAllows) {
  ServerHints ttl{hours{3}, std::nullopt, std::nullopt};
  EXPECT_EQ(next_check_delay(kBounds, {2016, kWeek}, ttl, 0.0), hours{3});
  ServerHints max_age{std::nullopt, minutes{30}, std::nullopt};
  EXPECT_EQ(next_check_delay(kBounds, {2016, kWeek}, max_age, -1.0), minutes{30});
  ServerHints retry{std::nullopt, std::nullopt, hours{6}};
  EXPECT_EQ(next_check_delay(kBounds, {2016, kWeek}, retry, 0.0), hours{6});
  // Hints shorter than the interval change nothing.
  ServerHints short_ttl{minutes{1}, seconds{10}, seconds{5}};
  EXPECT_EQ(next_check_delay(kBounds, {168, kWeek}, short_ttl, 0.0), hours{1});
}

TEST(NextCheckDelay, CapsAServerHintAtADay) {
  ServerHints silly{hours{24 * 30}, std::nullopt, std::nullopt};
  EXPECT_EQ(next_check_delay(kBounds, {168, kWeek}, silly, 0.0), hours{24});
}

}  // namespace
}  // namespace ingest::pipeline
