#pragma once
// What Linux says about this process in /proc: CPU time, resident memory, start time. The
// parsers are pure functions of the files' text; read_process_sample reads the files.
// Thread-safe.
#include <cstdint>
#include <expected>
#include <string_view>

#include "metrics/error.h"

namespace metrics {

// The fields of /proc/<pid>/stat that the process metrics use, in the kernel's units.
struct ProcessStat {
  std::uint64_t user_ticks = 0;      // utime, in clock ticks (sysconf(_SC_CLK_TCK))
  std::uint64_t system_ticks = 0;    // stime, in clock ticks
  std::uint64_t start_ticks = 0;     // starttime: clock ticks after boot
  std::uint64_t resident_pages = 0;  // rss, in pages
};

// Parses /proc/<pid>/stat. The command name in parentheses may hold spaces and parentheses
// of its own. Error: process_unreadable when a field is missing or not a number.
std::expected<ProcessStat, Error> parse_process_stat(std::string_view text);

// The boot time in seconds since the epoch: the "btime" line of /proc/stat. Error:
// process_unreadable when there is none.
std::expected<std::uint64_t, Error> parse_boot_time(std::string_view text);

// The process metrics' values, in Prometheus' units.
struct ProcessSample {
  double resident_bytes = 0;
  double cpu_seconds = 0;         // user + system
  double start_time_seconds = 0;  // since the epoch
};

// Reads /proc/self/stat and /proc/stat. Error: process_unreadable, naming the file.
std::expected<ProcessSample, Error> read_process_sample();

}  // namespace metrics
