#include "metrics/daemon_metrics.h"

#include <tuple>

namespace metrics {

std::expected<DaemonMetrics, Error> add_daemon_metrics(Registry& registry) {
  auto handles = all_registered(
             registry.counter_family("ingest_fetches_total",
                                     "Fetches of feeds, sitemaps, pages and articles by outcome.", {"outlet", "outcome"}),
             registry.gauge_family("ingest_items", "Items in the store by state.", {"state"}),
             registry.counter("ingest_flagged_total", "Items flagged for review since the daemon started."),
             registry.gauge("ingest_queue_length", "Flagged items awaiting review."),
             registry.gauge_family("ingest_source_lag_seconds",
                                   "Seconds since the source's last successful check (+Inf: never).", {"outlet"}),
             registry.gauge("ingest_last_pass_duration_seconds", "Duration of the last pass in seconds."),
             registry.gauge("ingest_last_pass_timestamp_seconds", "End of the last pass, seconds since the epoch."));
  if (!handles) return std::unexpected(handles.error());
  return std::make_from_tuple<DaemonMetrics>(std::move(*handles));
}

void show_item_counts(const DaemonMetrics& daemon, const std::map<std::string, std::int64_t>& counts) {
  // Cleared first, so that a state no longer given disappears instead of keeping its last
  // count.
  daemon.items.clear();
  for (const auto& [state, count] : counts) daemon.items.with({state}).set(static_cast<double>(count));
}

}  // namespace metrics
