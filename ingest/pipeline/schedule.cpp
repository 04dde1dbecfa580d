#include "ingest/pipeline/schedule.h"

#include <algorithm>
#include <cmath>

namespace ingest::pipeline {
std::chrono::seconds adaptive_interval(const ScheduleBounds& bounds, const SourceActivity& activity) {
  // Less than a day of watching says little about a source's pace (a morning burst, a quiet
  // night): the configured interval stands until then.
  if (activity.observed < std::chrono::hours{24}) return std::clamp(bounds.interval, bounds.min_interval, bounds.max_interval);
  if (activity.new_entries <= 0) return bounds.max_interval;
  auto gap = std::chrono::seconds{activity.observed.count() / activity.new_entries};
  return std::clamp(gap, bounds.min_interval, bounds.max_interval);
}

std::chrono::seconds next_check_delay(const ScheduleBounds& bounds, const SourceActivity& activity,
                                      const ServerHints& hints, double jitter) {
  auto base = adaptive_interval(bounds, activity);
  jitter = std::clamp(jitter, -1.0, 1.0);
  auto moved = std::chrono::seconds{
      static_cast<std::int64_t>(std::llround(static_cast<double>(base.count()) * (1.0 + jitter / 10.0)))};
  auto delay = std::max(moved, std::chrono::seconds{1});
  for (const auto& hint : {hints.ttl, hints.max_age, hints.retry_after})
    if (hint) delay = std::max(delay, std::min(*hint, kMaxServerHint));
  return delay;
}

std::chrono::seconds source_retry_delay(std::chrono::seconds interval, std::int64_t errors_in_a_row,
                                        const std::optional<std::chrono::seconds>& retry_after) {
  auto wait = interval * (std::int64_t{1} << std::clamp<std::int64_t>(errors_in_a_row, 0, 5));
  if (retry_after) wait = std::max(wait, std::min(*retry_after, kMaxServerHint));
  return wait;
}

std::chrono::seconds item_retry_delay(std::int64_t attempts) {
  auto minutes = std::min<std::int64_t>(10LL << std::clamp<std::int64_t>(attempts, 0, 10), 24 * 60);
  return std::chrono::minutes{minutes};
}

}  // namespace ingest::pipeline
