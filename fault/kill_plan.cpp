#include "fault/kill_plan.h"

#include <charconv>
#include <cstring>

namespace fault {

std::optional<std::uint64_t> parse_kill_at(const char* value) {
  if (value == nullptr) return std::nullopt;
  const char* end = value + std::strlen(value);
  std::uint64_t n = 0;
  // from_chars takes no sign and no spaces, which is what we want: only plain digits count.
  auto [stop, error] = std::from_chars(value, end, n);
  if (error != std::errc{} || stop != end || n == 0) return std::nullopt;
  return n;
}

}  // namespace fault
