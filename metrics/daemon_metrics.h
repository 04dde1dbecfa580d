#pragma once
// The daemon's own metrics: their names, labels and help texts in one place, so that
// dashboards and alerts have one file to read.
//
//   ingest_fetches_total{outlet,outcome}   counter  every fetch of a feed, sitemap, section
//                                                    page or article, by how it ended
//   ingest_items{state}                    gauge    items in the store by state (collector)
//   ingest_flagged_total                   counter  items flagged since the daemon started
//   ingest_queue_length                    gauge    flagged items awaiting review (collector)
//   ingest_source_lag_seconds{outlet}      gauge    seconds since the outlet's last successful
//                                                    check, +Inf if it never had one (collector)
//   ingest_last_pass_duration_seconds      gauge
//   ingest_last_pass_timestamp_seconds     gauge    end of the last pass, seconds since the epoch
#include <array>
#include <cstdint>
#include <expected>
#include <map>
#include <string>
#include <string_view>

#include "metrics/error.h"
#include "metrics/metric.h"
#include "metrics/registry.h"

namespace metrics {

struct DaemonMetrics {
  CounterFamily<2> fetches;  // labels: outlet, outcome ("ok", "not_modified" or a fetch error kind)
  GaugeFamily<1> items;      // label: state
  Counter flagged;
  Gauge queue_length;
  GaugeFamily<1> source_lag;  // label: outlet
  Gauge last_pass_duration;
  Gauge last_pass_timestamp;
};

// Registers the families above in `registry`. Errors: duplicate_name if one is there already.
std::expected<DaemonMetrics, Error> add_daemon_metrics(Registry& registry);

// Sets ingest_items to exactly these counts per state: a state not given disappears. The
// caller gives every state, at 0 when empty (the daemon gives the store's whole list), so
// that a state that empties shows as 0 rather than vanishing from graphs.
void show_item_counts(const DaemonMetrics& daemon, const std::map<std::string, std::int64_t>& counts);

}  // namespace metrics
