#pragma once
// The /metrics endpoint: an HTTP/1.1 server (httpd/server.h) on a loopback address that
// answers Prometheus' scrapes from a Registry, on the daemon's io_context.
//
//   GET  /metrics   200, the registry's collectors run, then its exposition (exposition.h)
//   HEAD /metrics   the same head, no body
//   other paths     404; other methods on /metrics: 405 with "Allow: GET, HEAD"
//   a request larger than max_request_bytes: 431 (head) or 413 (body), then the connection
//   closes; a request that does not parse: 400, then the connection closes
//
// Threading: not thread-safe. The io_context must be run by one thread, and start(), stop(),
// the destructor and the registry's users must be on that thread (or run while the
// io_context is not running). The daemon has one such thread.
//
// Lifetime: the registry must outlive the server. The server must be destroyed (or at
// least stopped) before the io_context. Pending handlers keep the server's internals alive,
// so destroying the server while the io_context still has its handlers queued is safe.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>

#include "httpd/server.h"
#include "metrics/error.h"
#include "metrics/registry.h"

namespace metrics {

struct ServerSettings {
  // A numeric address in 127.0.0.0/8 or ::1. Metrics say what the daemon is doing and are
  // not meant for other machines; put a proxy in front to publish them.
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0 picks a free port; see HttpServer::endpoint
  // How long a connection may wait for, or take to send, a whole request, and to take its
  // answer. An idle keep-alive connection is closed after this.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(30);
  std::size_t max_request_bytes = 8 * 1024;  // request line, headers and body together
  // Connections beyond this are closed as soon as they are accepted. A scraper needs one.
  std::size_t max_connections = 64;
};

class HttpServer {
 public:
  // Binds, listens and starts accepting on `io`. Errors: bad_address (not a numeric IP
  // address), not_loopback, listen_failed (e.g. the port is taken), each naming the address.
  static std::expected<HttpServer, Error> start(boost::asio::io_context& io, Registry& registry,
                                                ServerSettings settings);


  // The address and port bound (the port chosen when settings.port was 0).
  boost::asio::ip::tcp::endpoint endpoint() const { return server_.endpoint(); }

  // Open connections, including those stop() closed whose handlers have not yet run.
  std::size_t open_connections() const { return server_.open_connections(); }

  // Closes the listening socket and every connection, and cancels their timers, so that the
  // server leaves no work in the io_context: once the cancelled handlers have run, run()
  // returns unless something else keeps it busy. A request being answered is cut off.
  // Idempotent; the server does not start again. Destroying the server stops it too.
  void stop() { server_.stop(); }

 private:
  explicit HttpServer(httpd::Server server) : server_(std::move(server)) {}
  httpd::Server server_;
};

}  // namespace metrics
