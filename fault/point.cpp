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

std::optional<std::uint64_t> read_kill_at() {
  const char* value = std::getenv(kKillAtVariable);
  auto kill_at = parse_kill_at(value);
  if (value != nullptr && *value != '\0' && !kill_at) {
    // Said once, so a test that meant to kill does not silently pass.
    std::string message = std::string{"fault: ignoring "} + kKillAtVariable + "=" + value + "\n";
    [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, message.data(), message.size());
  }
  return kill_at;
}

std::function<void(std::string_view)>& observer() {
  static std::function<void(std::string_view)> instance;
  return instance;
}

std::atomic<std::uint64_t> points_reached{0};

[[noreturn]] void kill_now(std::uint64_t count, std::string_view name) {
  // write(2) straight to the descriptor: stdio buffers would die with the process.
  std::string message = "fault: kill at point " + std::to_string(count) + " " + std::string{name} + "\n";
  [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, message.data(), message.size());
  ::kill(::getpid(), SIGKILL);
  std::abort();  // not reached: SIGKILL cannot be caught
}

}  // namespace

void point(std::string_view name) {
  if (auto& watch = observer(); watch) watch(name);
  static const std::optional<std::uint64_t> kill_at = read_kill_at();
  if (!kill_at) return;
  std::uint64_t count = points_reached.fetch_add(1, std::memory_order_relaxed) + 1;
  if (count == *kill_at) kill_now(count, name);
}

void set_observer(std::function<void(std::string_view name)> watch) { observer() = std::move(watch); }

}  // namespace fault
