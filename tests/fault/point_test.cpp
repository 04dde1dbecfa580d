// fault/point.cpp: the process really dies at the N-th point, and only there. The variable is
// read once per process, so each case runs in a forked child that sets it before its first
// point; this test process itself never reaches a point before forking.
#include "fault/point.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "fault/kill_plan.h"

namespace {

constexpr int kSurvived = 42;

// Forks a child that sets (or clears) the variable, then reaches `points` points; returns its
// wait status.
int run_child(std::optional<std::string> kill_at, int points) {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (kill_at) ::setenv(fault::kKillAtVariable, kill_at->c_str(), 1);
    else ::unsetenv(fault::kKillAtVariable);
    for (int i = 0; i < points; ++i) fault::point(i % 2 == 0 ? "test.even" : "test.odd");
    ::_exit(kSurvived);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

bool killed(int status) { return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL; }
bool survived(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == kSurvived; }

TEST(FaultPoint, KillsTheProcessAtTheNthPointWhateverItsName) {
  EXPECT_TRUE(killed(run_child("3", 3)));
  EXPECT_TRUE(killed(run_child("1", 5)));
  EXPECT_TRUE(killed(run_child("4", 10)));
}

TEST(FaultPoint, LetsTheProcessLiveWhenFewerPointsAreReached) {
  EXPECT_TRUE(survived(run_child("4", 3)));
}

TEST(FaultPoint, DoesNothingWhenTheVariableIsUnsetOrInvalid) {
  EXPECT_TRUE(survived(run_child(std::nullopt, 1000)));
  EXPECT_TRUE(survived(run_child("", 1000)));
  EXPECT_TRUE(survived(run_child("zero", 1000)));
}

TEST(FaultPoint, TellsTheObserverEachPointsName) {
  // An observer in a child too: once this process reached a point it would have read the
  // variable, and the other cases rely on it being unread.
  pid_t pid = ::fork();
  if (pid == 0) {
    ::unsetenv(fault::kKillAtVariable);
    std::vector<std::string> seen;
    fault::set_observer([&seen](std::string_view name) { seen.emplace_back(name); });
    fault::point("a.first");
    fault::point("a.second");
    fault::set_observer({});
    fault::point("a.unseen");
    ::_exit(seen == std::vector<std::string>{"a.first", "a.second"} ? kSurvived : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(survived(status));
}

TEST(FaultPoint, StopsTheProcessAtTheNthPointAndGoesOnWhenContinued) {
  int pipe_ends[2];
  ASSERT_EQ(::pipe(pipe_ends), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(pipe_ends[0]);
    ::unsetenv(fault::kKillAtVariable);
    ::setenv(fault::kPauseAtVariable, "2", 1);
    for (char point = '1'; point <= '3'; ++point) {
      fault::point("test.pause");
      // The parent reads which points were passed before the stop.
      if (::write(pipe_ends[1], &point, 1) != 1) ::_exit(1);
    }
    ::_exit(kSurvived);
  }
  ::close(pipe_ends[1]);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, WUNTRACED), pid);
  ASSERT_TRUE(WIFSTOPPED(status));
  EXPECT_EQ(WSTOPSIG(status), SIGSTOP);
  char passed[4] = {};
  // Stopped at the second point: only the first was passed.
  EXPECT_EQ(::read(pipe_ends[0], passed, 1), 1);
  EXPECT_EQ(passed[0], '1');
  ::kill(pid, SIGCONT);
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(survived(status));
  EXPECT_EQ(::read(pipe_ends[0], passed + 1, 2), 2);
  EXPECT_STREQ(passed, "123");
  ::close(pipe_ends[0]);
}

}  // namespace
