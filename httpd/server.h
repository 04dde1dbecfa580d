#pragma once
// An HTTP/1.1 server on an io_context, with asynchronous operations only, that passes each
// request it reads to a handler and writes the handler's answer. What it does itself:
//
//   a head larger than max_header_bytes          431, then the connection closes
//   a body larger than max_body_bytes            413, then the connection closes
//   a request that does not parse                400, then the connection closes
//   a head not received within header_timeout    the connection is cut (a slow client
//                                                holds a connection, never the server)
//   more than max_connections open               the new connection is closed at once
//
// One request at a time per connection: the next is read once the answer is written, while
// the client keeps the connection alive.
//
// Threading: not thread-safe. The io_context must be run by one thread; start(), stop(), the
// destructor and the handler run on it. A handler may answer later (after work elsewhere)
// by keeping `reply` and calling it on the io_context's thread.
//
// Lifetime: destroy (or stop) the server before the io_context. Pending handlers keep the
// server's internals alive.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <string>

#include "httpd/error.h"

namespace httpd {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

// Sends the answer to one request; call it exactly once. The answer's framing must be
// complete (Content-Length, keep-alive as wanted).
using Reply = std::function<void(Response)>;
using Handler = std::function<void(const Request& request, const boost::asio::ip::tcp::endpoint& peer, Reply reply)>;

struct Settings {
  std::string what = "http";  // names the server in errors: "metrics", "console"
  std::string address = "127.0.0.1";  // numeric IPv4 or IPv6
  std::uint16_t port = 0;             // 0 picks a free port; see Server::endpoint
  bool loopback_only = true;          // refuse any address outside 127.0.0.0/8 and ::1
  // How long the request's head may take to arrive, counted from the end of the previous
  // answer (or the connection's start): an idle keep-alive connection closes after it too.
  std::chrono::milliseconds header_timeout = std::chrono::seconds(30);
  // How long the body may take to arrive, and the answer to be taken.
  std::chrono::milliseconds transfer_timeout = std::chrono::seconds(30);
  std::size_t max_header_bytes = 8 * 1024;
  std::size_t max_body_bytes = 8 * 1024;
  std::size_t max_connections = 64;
};

class Server {
 public:
  // Binds, listens and starts accepting on `io`. Errors: bad_address, not_loopback,
  // listen_failed (e.g. the port is taken), each naming the server and the address.
  static std::expected<Server, Error> start(boost::asio::io_context& io, Settings settings, Handler handler);

  Server(Server&& other) noexcept = default;
  Server& operator=(Server&& other) noexcept;  // stops the server assigned over
  ~Server();                                   // stops the server

  // The address and port bound (the port chosen when settings.port was 0).
  boost::asio::ip::tcp::endpoint endpoint() const;
  // Open connections, including those stop() closed whose handlers have not yet run.
  std::size_t open_connections() const;

  // Closes the listening socket and every connection and cancels their timers, so the
  // server leaves no work in the io_context once the cancelled handlers have run. A request
  // being answered is cut off. Idempotent; the server does not start again.
  void stop();

 private:
  class Impl;
  class Session;
  explicit Server(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;  // null once moved from
};

}  // namespace httpd
