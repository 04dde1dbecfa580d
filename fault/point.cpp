#include "fault/point.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "fault/kill_plan.h"

namespace fault {
namespace {

// write(2) straight to the descriptor: stdio buffers would die with the process.
void say(const std::string& message) {
  [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, message.data(), message.size());
}

std::optional<std::uint64_t> read_point_number(const char* variable) {
  const char* value = std::getenv(variable);
  auto number = parse_kill_at(value);
  // Said once, so a test that meant to kill does not silently pass.
  if (value != nullptr && *value != '\0' && !number)
    say(std::string{"fault: ignoring "} + variable + "=" + value + "\n");
  return number;
}

std::optional<std::string> read_text(const char* variable) {
  const char* value = std::getenv(variable);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string{value};
}

struct Plan {
  std::optional<std::uint64_t> kill_at = read_point_number(kKillAtVariable);
  std::optional<std::uint64_t> pause_at = read_point_number(kPauseAtVariable);
  std::optional<std::string> kill_subject = read_text(kKillSubjectVariable);
};

const Plan& plan() {
  static const Plan instance;
  return instance;
}

std::function<void(std::string_view)>& observer() {
  static std::function<void(std::string_view)> instance;
  return instance;
}

std::function<void(std::string_view, std::string_view)>& subject_observer() {
  static std::function<void(std::string_view, std::string_view)> instance;
  return instance;
}

std::atomic<std::uint64_t> points_reached{0};

[[noreturn]] void kill_now(std::uint64_t count, std::string_view name) {
  say("fault: kill at point " + std::to_string(count) + " " + std::string{name} + "\n");
  ::kill(::getpid(), SIGKILL);
  std::abort();  // not reached: SIGKILL cannot be caught
}

}  // namespace

void point(std::string_view name) {
  if (auto& watch = observer(); watch) watch(name);
  const Plan& plan = fault::plan();
  if (!plan.kill_at && !plan.pause_at) return;
  std::uint64_t count = points_reached.fetch_add(1, std::memory_order_relaxed) + 1;
  if (count == plan.pause_at) {
    say("fault: pause at point " + std::to_string(count) + " " + std::string{name} + "\n");
    // SIGSTOP stops every thread of the process; the test's SIGCONT resumes them here.
    ::kill(::getpid(), SIGSTOP);
  }
  if (count == plan.kill_at) kill_now(count, name);
}

void point(std::string_view name, std::string_view subject) {
  if (auto& watch = subject_observer(); watch) watch(name, subject);
  if (const auto& wanted = plan().kill_subject; wanted && subject.find(*wanted) != std::string_view::npos) {
    say("fault: kill at " + std::string{name} + " of " + std::string{subject} + "\n");
    ::kill(::getpid(), SIGKILL);
    std::abort();
  }
  point(name);
}

void set_observer(std::function<void(std::string_view name)> watch) { observer() = std::move(watch); }

void set_subject_observer(std::function<void(std::string_view name, std::string_view subject)> watch) {
  subject_observer() = std::move(watch);
}

}  // namespace fault
