#pragma once
// The review console: routes each request of httpd::Server to its page, after the checks
// every request passes. Pages (GET, HEAD) never change anything; every change is a POST
// whose form carries the session's CSRF token.
//
//   GET  /login, POST /login (username, password, next)    POST /logout
//   GET  /            the queue, and every state (?state=)  POST /decide   several at once
//   GET  /items/ID    one item                              POST /items/ID/decide, /items/ID/undo
//   GET  /status      sources, counts, last pass            POST /export   (admins)
//   GET  /static/console.css, /static/console.js
//
// Login: a failed login slows the next ones for that name and for that address (store/
// sessions.h); the password is checked on a worker thread, so a login never holds up other
// requests. Sessions are a random 256-bit cookie (HttpOnly, SameSite=Strict, Secure when
// configured) kept in the store, which also keeps them across restarts.
//
// Threading: everything but the password check runs on the io_context's thread, which must
// be the one thread using `db`.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>

#include "httpd/server.h"
#include "ingest/web/context.h"
#include "ingest/web/views.h"
#include "store/database.h"
#include "store/users.h"

namespace ingest::web {

class Console : public std::enable_shared_from_this<Console> {
 public:
  static std::shared_ptr<Console> create(boost::asio::io_context& io, store::Database& db, ConsoleSettings settings);
  ~Console();  // waits for a password check under way

  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  // The first template that does not parse, if any (a bug; start() refuses to run then).
  std::optional<std::string> broken_template() const { return views_.broken(); }

  // An httpd::Handler.
  void handle(const httpd::Request& request, const boost::asio::ip::tcp::endpoint& peer, httpd::Reply reply);

 private:
  Console(boost::asio::io_context& io, store::Database& db, ConsoleSettings settings);

  // Every request but a login, answered at once.
  httpd::Response answer(const httpd::Request& request);
  httpd::Response login_page(const httpd::Request& request, boost::beast::http::status status,
                             const std::string& error, const std::string& username, const std::string& next);
  void log_in(const httpd::Request& request, const boost::asio::ip::tcp::endpoint& peer, httpd::Reply reply);
  // Back on the io thread: `user_id` is the account's when the password matched.
  void finish_log_in(const httpd::Request& request, const std::string& username, const std::string& address,
                     std::optional<std::int64_t> user_id, const std::string& next, const httpd::Reply& reply);

  boost::asio::io_context& io_;
  store::Database& db_;
  ConsoleSettings settings_;
  Views views_;
  boost::asio::thread_pool hasher_{1};  // one check at a time: bounded memory and CPU
};

// The console on an HTTP server of its own.
class ConsoleServer {
 public:
  // Listens on address:port: loopback unless another address is given, which only the
  // config or --listen can do. Errors name the address. A client that has not sent a
  // request's head within `header_timeout` of connecting (or of its previous answer) is cut off.
  static std::expected<std::unique_ptr<ConsoleServer>, std::string> start(
      boost::asio::io_context& io, store::Database& db, ConsoleSettings settings, const std::string& address,
      std::uint16_t port, std::chrono::milliseconds header_timeout = std::chrono::seconds(10));
  boost::asio::ip::tcp::endpoint endpoint() const { return server_.endpoint(); }
  void stop() { server_.stop(); }

 private:
  ConsoleServer(std::shared_ptr<Console> console, httpd::Server server)
      : console_(std::move(console)), server_(std::move(server)) {}
  std::shared_ptr<Console> console_;
  httpd::Server server_;
};

// Body limit of a request to the console: forms are small; a larger body gets 413.
inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;

}  // namespace ingest::web
