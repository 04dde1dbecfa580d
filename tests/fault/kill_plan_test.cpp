// fault/kill_plan.cpp: reading INGEST_FAULT_KILL_AT.
#include "fault/kill_plan.h"

#include <gtest/gtest.h>

namespace {

TEST(ParseKillAt, ReadsAPositiveDecimalCount) {
  EXPECT_EQ(fault::parse_kill_at("1"), 1u);
  EXPECT_EQ(fault::parse_kill_at("27"), 27u);
  EXPECT_EQ(fault::parse_kill_at("0012"), 12u);
}

TEST(ParseKillAt, IgnoresAnUnsetOrEmptyVariable) {
  EXPECT_EQ(fault::parse_kill_at(nullptr), std::nullopt);
  EXPECT_EQ(fault::parse_kill_at(""), std::nullopt);
}

TEST(ParseKillAt, RefusesZeroSignsSpacesAndTrailingText) {
  for (const char* bad : {"0", "-3", "+3", " 3", "3 ", "3x", "x", "1e3", "99999999999999999999999"})
    EXPECT_EQ(fault::parse_kill_at(bad), std::nullopt) << bad;
}

}  // namespace
