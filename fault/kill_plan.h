#pragma once
// Which crash point kills or pauses the process: the values of INGEST_FAULT_KILL_AT and
// INGEST_FAULT_PAUSE_AT, read by point.cpp.
#include <cstdint>
#include <optional>

namespace fault {

inline constexpr const char* kKillAtVariable = "INGEST_FAULT_KILL_AT";
// Stops the process with SIGSTOP at the N-th point instead: a test waits for the stop, changes
// the world under the process (fills its disk, makes a file system read-only, takes the
// network away), then sends SIGCONT.
inline constexpr const char* kPauseAtVariable = "INGEST_FAULT_PAUSE_AT";
// Kills the process at a point whose subject contains the variable's text (fault/point.h).
inline constexpr const char* kKillSubjectVariable = "INGEST_FAULT_KILL_SUBJECT";

// "N", a decimal integer from 1, means: act at the N-th crash point the process reaches.
// nullptr (unset), an empty value, 0, a sign, spaces or trailing characters give nullopt, so a
// mistyped value never kills a run it was not meant for.
std::optional<std::uint64_t> parse_kill_at(const char* value);

}  // namespace fault
