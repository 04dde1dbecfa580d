#pragma once
// The process metrics every Prometheus client exports, read from /proc/self:
// process_resident_memory_bytes, process_cpu_seconds_total, process_start_time_seconds.
#include <expected>

#include "metrics/error.h"
#include "metrics/registry.h"

namespace metrics {

// Registers the three families in `registry` and a collector that refreshes them from
// /proc on every scrape. The first reading happens here, so a system without /proc fails at
// start-up rather than at the first scrape; a later failed reading keeps the last values.
// Errors: duplicate_name if they are registered already, process_unreadable.
std::expected<void, Error> add_process_metrics(Registry& registry);

}  // namespace metrics
