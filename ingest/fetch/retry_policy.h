#pragma once
// When to try a failed request again: exponential backoff with jitter, and the server's own
// Retry-After when it gives one. Pure functions; the engine applies them.
#include <chrono>
#include <optional>
#include <random>
#include <string_view>

namespace ingest::fetch {

// The delay before attempt `attempt` (1 = the first retry): base * 2^(attempt-1), capped,
// then scaled by a random factor in [0.5, 1.5) so many clients do not retry in step.
std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, std::mt19937& random);

// A Retry-After header: delta-seconds ("120") or an HTTP-date, relative to `now`. nullopt when
// unreadable; a date in the past is zero.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now);

}  // namespace ingest::fetch
