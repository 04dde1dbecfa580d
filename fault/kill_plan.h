#pragma once
// Which crash point kills the process: the value of INGEST_FAULT_KILL_AT, read by point.cpp.
#include <cstdint>
#include <optional>

namespace fault {

inline constexpr const char* kKillAtVariable = "INGEST_FAULT_KILL_AT";

// "N", a decimal integer from 1, means: kill at the N-th crash point the process reaches.
// nullptr (unset), an empty value, 0, a sign, spaces or trailing characters give nullopt, so a
// mistyped value never kills a run it was not meant for.
std::optional<std::uint64_t> parse_kill_at(const char* value);

}  // namespace fault
