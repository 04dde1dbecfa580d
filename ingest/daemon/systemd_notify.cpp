#include "ingest/daemon/systemd_notify.h"

#include <systemd/sd-daemon.h>
#include <time.h>

#include <string>

namespace ingest::daemon {

void notify_systemd(std::string_view state) {
  std::string line{state};  // sd_notify wants a NUL-terminated string
  (void)sd_notify(0, line.c_str());
}

std::optional<std::chrono::microseconds> watchdog_period() {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds{static_cast<std::int64_t>(usec / 2)};
}

void notify_reloading() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  auto usec = static_cast<long long>(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000;
  notify_systemd("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec));
}

}  // namespace ingest::daemon
