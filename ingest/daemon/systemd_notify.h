#pragma once
// Talking to systemd (Type=notify): readiness, status, watchdog pings, reloads and stops,
// through libsystemd's sd_notify. Outside systemd ($NOTIFY_SOCKET unset) all of it is a no-op.
#include <chrono>
#include <optional>
#include <string_view>

namespace ingest::daemon {

// Sends one or more newline-separated assignments such as "READY=1\nSTATUS=idle". Failures
// are ignored: notification is best effort and must never stop the daemon.
void notify_systemd(std::string_view state);

// How often to send WATCHDOG=1 when the unit has WatchdogSec= set (half of $WATCHDOG_USEC,
// as sd_watchdog_enabled(3) advises), or nothing.
std::optional<std::chrono::microseconds> watchdog_period();

// "RELOADING=1" with the MONOTONIC_USEC= that systemd 253 and later expect beside it.
void notify_reloading();

}  // namespace ingest::daemon
