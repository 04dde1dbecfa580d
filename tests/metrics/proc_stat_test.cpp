// metrics/proc_stat.cpp: reading the process' CPU time, memory and start time from /proc.
#include "metrics/proc_stat.h"

#include <gtest/gtest.h>

#include <chrono>

namespace {

// A line of /proc/<pid>/stat from a Debian 12 machine, its command name changed to one with
// spaces and parentheses, as prctl(PR_SET_NAME) allows.
constexpr std::string_view kStat =
    "4242 (ingest (run) x) S 1 4242 4242 0 -1 4194560 2310 0 0 0 "
    "157 43 0 0 20 0 3 0 987654 123456789 5120 18446744073709551615 1 1 0 0 0 0 0 4096 17475 "
    "0 0 0 17 2 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

TEST(ProcStat, ReadsTicksAndPagesAfterACommandNameWithParentheses) {
  const auto stat = metrics::parse_process_stat(kStat);
  ASSERT_TRUE(stat) << stat.error().message;
  EXPECT_EQ(stat->user_ticks, 157u);
  EXPECT_EQ(stat->system_ticks, 43u);
  EXPECT_EQ(stat->start_ticks, 987654u);
  EXPECT_EQ(stat->resident_pages, 5120u);
}

TEST(ProcStat, RefusesATruncatedOrGarbledStatLine) {
  EXPECT_FALSE(metrics::parse_process_stat("4242 (ingest) S 1 4242"));
  EXPECT_FALSE(metrics::parse_process_stat("no parentheses at all"));
  const auto garbled = metrics::parse_process_stat(
      "4242 (ingest) S 1 4242 4242 0 -1 4194560 2310 0 0 0 x 43 0 0 20 0 3 0 987654 1 5120");
  ASSERT_FALSE(garbled);
  EXPECT_EQ(garbled.error().code, metrics::Error::Code::process_unreadable);
}

TEST(ProcStat, FindsTheBootTimeInProcStat) {
  const auto boot = metrics::parse_boot_time(
      "cpu  10 0 20 300 0 0 0 0 0 0\nintr 12345 0 0\nctxt 99\nbtime 1712000000\nprocesses 77\n");
  ASSERT_TRUE(boot);
  EXPECT_EQ(*boot, 1712000000u);
  EXPECT_FALSE(metrics::parse_boot_time("cpu  10 0 20 300\nctxt 99\n"));
}

TEST(ProcStat, ReadsThisProcessFromProc) {
  const auto sample = metrics::read_process_sample();
  ASSERT_TRUE(sample) << sample.error().message;
  EXPECT_GT(sample->resident_bytes, 1024 * 1024);
  EXPECT_GE(sample->cpu_seconds, 0);
  const double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  // Started before now, and not before the test program could have been built.
  EXPECT_LE(sample->start_time_seconds, now + 1);
  EXPECT_GT(sample->start_time_seconds, now - 24 * 3600);
}

}  // namespace
