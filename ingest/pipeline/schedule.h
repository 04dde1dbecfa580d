#pragma once
// When to check a source again, and when to try a failed article again: every next-check,
// backoff and Retry-After rule of a pass is here.
//
// When to check a source again. The interval adapts to how often the source publishes: a
// source that added many entries over the last week is checked about as often as it
// publishes, one that added none waits the longest allowed. Servers' own limits come first:
// a feed's <ttl>, a Cache-Control max-age or a Retry-After is never undercut. A little
// jitter keeps the sources of one outlet (and many daemons' restarts) from lining up.
#include <chrono>
#include <cstdint>
#include <optional>

namespace ingest::pipeline {

// The longest any server hint (a <ttl>, a max-age, a Retry-After) can hold a source back, so
// that a wrong header does not silence it for weeks.
inline constexpr std::chrono::seconds kMaxServerHint{24 * 3600};

struct ScheduleBounds {
  std::chrono::seconds interval{15 * 60};  // the configured interval: used until a day of history exists
  std::chrono::seconds min_interval{5 * 60};
  std::chrono::seconds max_interval{2 * 3600};
};

// What the store knows of a source's recent output.
struct SourceActivity {
  std::int64_t new_entries = 0;       // entries first seen from it in the last `observed`
  std::chrono::seconds observed{0};   // how long it has been watched, at most a week
};

// What the last answer said about asking again.
struct ServerHints {
  std::optional<std::chrono::seconds> ttl;          // RSS <ttl>, <sy:updatePeriod>
  std::optional<std::chrono::seconds> max_age;      // Cache-Control: max-age
  std::optional<std::chrono::seconds> retry_after;  // Retry-After on a 429 or 503
};

// The adaptive interval alone: the average gap between the source's new entries, within the
// bounds.
std::chrono::seconds adaptive_interval(const ScheduleBounds& bounds, const SourceActivity& activity);

// The delay until the next check: the adaptive interval moved by `jitter` (in [-1, 1]) times
// a tenth of it, then raised to every server hint. Hints are capped at a day, so that a
// wrong header does not silence a source for weeks.
std::chrono::seconds next_check_delay(const ScheduleBounds& bounds, const SourceActivity& activity,
                                      const ServerHints& hints, double jitter);

// The delay after a source failed `errors_in_a_row` times (1 for the first failure): its
// interval doubled per failure up to 32 times, never less than the server's Retry-After
// (itself capped at kMaxServerHint). A failing source is always tried again.
std::chrono::seconds source_retry_delay(std::chrono::seconds interval, std::int64_t errors_in_a_row,
                                        const std::optional<std::chrono::seconds>& retry_after);

// The delay before an article's next attempt, after `attempts` attempts: 10 minutes, then
// doubling, capped at a day.
std::chrono::seconds item_retry_delay(std::int64_t attempts);

}  // namespace ingest::pipeline
