#include "ingest/daemon/metrics_endpoint.h"

#include <cmath>
#include <limits>
#include <map>

#include "ingest/log/log.h"
#include "metrics/process_metrics.h"
#include "normalize/timestamp.h"
#include "store/items.h"
#include "store/sources.h"

namespace ingest::daemon {

std::expected<std::unique_ptr<MetricsEndpoint>, std::string> MetricsEndpoint::start(boost::asio::io_context& io,
                                                                                   store::Database& db,
                                                                                   const std::string& address,
                                                                                   std::uint16_t port) {
  // Handles point into the registry, so it must not move: the endpoint is built on the heap
  // first and its metrics registered in place.
  std::unique_ptr<MetricsEndpoint> endpoint{new MetricsEndpoint{db}};
  auto daemon = metrics::add_daemon_metrics(endpoint->registry_);
  if (!daemon) return std::unexpected(daemon.error().message);
  endpoint->daemon_.emplace(std::move(*daemon));
  if (auto process = metrics::add_process_metrics(endpoint->registry_); !process)
    log::logger("ingest")->warn("process metrics off error=\"{}\"", process.error().message);
  endpoint->registry_.add_collector([raw = endpoint.get()] { raw->collect(); });
  auto server = metrics::HttpServer::start(io, endpoint->registry_, metrics::ServerSettings{address, port});
  if (!server) return std::unexpected("metrics.listen: " + server.error().message);
  endpoint->server_.emplace(std::move(*server));
  return endpoint;
}

void MetricsEndpoint::fetched(std::string_view outlet, std::string_view outcome) {
  daemon_->fetches.with({outlet, outcome}).increment();
}

void MetricsEndpoint::pass_done(const pipeline::PassReport& report, std::chrono::duration<double> took) {
  daemon_->flagged.increment(report.items_flagged);
  daemon_->last_pass_duration.set(took.count());
  daemon_->last_pass_timestamp.set(
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count());
}

// At scrape time, from the store: a failure is logged and leaves the last figures standing,
// a scrape must never fail because of the database.
void MetricsEndpoint::collect() {
  auto log = log::logger("ingest");
  if (auto counts = store::count_by_state(db_)) {
    // Every state the store knows, at 0 when empty, so a state that empties shows as 0.
    std::map<std::string, std::int64_t> by_name;
    for (const auto& [state, count] : *counts) by_name[std::string{store::state_name(state)}] = count;
    metrics::show_item_counts(*daemon_, by_name);
    daemon_->queue_length.set(static_cast<double>(counts->at(store::ItemState::flagged)));
  } else {
    log->warn("metrics: counts unreadable error=\"{}\"", counts.error().message);
  }
  auto sources = store::list_sources(db_);
  if (!sources) {
    log->warn("metrics: sources unreadable error=\"{}\"", sources.error().message);
    return;
  }
  // An outlet's lag is that of its freshest source: one good feed means it is being watched.
  std::map<std::string, double> lag;
  auto now = std::chrono::system_clock::now();
  for (const auto& source : *sources) {
    double seconds = std::numeric_limits<double>::infinity();
    if (source.last_ok)
      if (auto when = normalize::parse_iso8601(*source.last_ok))
        seconds = std::chrono::duration<double>(now - when->utc).count();
    auto [at, inserted] = lag.emplace(source.outlet, seconds);
    if (!inserted) at->second = std::min(at->second, seconds);
  }
  daemon_->source_lag.clear();  // an outlet taken out of the config disappears
  for (const auto& [outlet, seconds] : lag) daemon_->source_lag.with({outlet}).set(seconds);
}

}  // namespace ingest::daemon
