#pragma once
// The daemon's Prometheus endpoint ([metrics] listen in the config): the counters the passes
// bump, and the store's figures (items by state, queue length, how long since each outlet's
// last good check) read when a scrape comes in. Runs on the daemon's io_context.
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/pipeline/pipeline.h"
#include "metrics/daemon_metrics.h"
#include "metrics/http_server.h"
#include "metrics/registry.h"
#include "store/database.h"

namespace ingest::daemon {

class MetricsEndpoint {
 public:
  // Listens on address:port; an error names them (not loopback, port taken, ...).
  static std::expected<std::unique_ptr<MetricsEndpoint>, std::string> start(boost::asio::io_context& io,
                                                                            store::Database& db,
                                                                            const std::string& address,
                                                                            std::uint16_t port);

  void fetched(std::string_view outlet, std::string_view outcome);
  void pass_done(const pipeline::PassReport& report, std::chrono::duration<double> took);
  boost::asio::ip::tcp::endpoint endpoint() const { return server_->endpoint(); }
  void stop() { server_->stop(); }

 private:
  explicit MetricsEndpoint(store::Database& db) : db_(db) {}
  void collect();

  store::Database& db_;
  metrics::Registry registry_;  // before the handles into it and the server that reads it
  std::optional<metrics::DaemonMetrics> daemon_;  // set by start()
  std::optional<metrics::HttpServer> server_;
};

}  // namespace ingest::daemon
