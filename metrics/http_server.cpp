#include "metrics/http_server.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <array>
#include <optional>
#include <unordered_set>
#include <utility>

#include "metrics/scrape_answer.h"

namespace metrics {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using ErrorCode = boost::system::error_code;

// After a failed accept (out of descriptors, say), the pause before the next: retrying at
// once would spin on the same error.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);

std::expected<asio::ip::address, Error> loopback_address(const std::string& text) {
  ErrorCode error;
  const auto address = asio::ip::make_address(text, error);
  if (error)
    return std::unexpected(Error{Error::Code::bad_address, "metrics address '" + text + "' is not a numeric IP address"});
  if (!address.is_loopback())
    return std::unexpected(
        Error{Error::Code::not_loopback, "metrics address '" + text + "' is not loopback (127.0.0.0/8 or ::1)"});
  return address;
}

// The status for a request that could not be read, or nullopt when there is no one left to
// answer (the client went away, timed out, or the server is stopping).
std::optional<http::status> status_for_read_error(const ErrorCode& error) {
  if (error == http::error::header_limit || error == http::error::buffer_overflow)
    return http::status::request_header_fields_too_large;
  if (error == http::error::body_limit) return http::status::payload_too_large;
  // Beast's other parse errors (bad method, target, version, field, framing) are the
  // client's mistakes; end_of_stream and partial_message mean it hung up.
  const bool parse_error = error.category() == ErrorCode(http::error::bad_target).category();
  if (parse_error && error != http::error::end_of_stream && error != http::error::partial_message)
    return http::status::bad_request;
  return std::nullopt;
}

}  // namespace

class HttpServer::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(asio::io_context& io, Registry& registry, ServerSettings settings)
      : acceptor_(io), accept_retry_(io), registry_(registry), settings_(std::move(settings)) {}

  std::expected<void, Error> listen(const tcp::endpoint& endpoint);
  void accept();
  void stop();

  Registry& registry() { return registry_; }
  const ServerSettings& settings() const { return settings_; }
  bool stopped() const { return stopped_; }
  const tcp::endpoint& endpoint() const { return endpoint_; }
  std::size_t open_connections() const { return sessions_.size(); }

  // Sessions enter in their constructor and leave in their destructor, so the set holds
  // exactly the open connections, without owning them.
  void enter(Session* session) { sessions_.insert(session); }
  void leave(Session* session) { sessions_.erase(session); }

 private:
  void on_accept(ErrorCode error, tcp::socket socket);

  tcp::acceptor acceptor_;
  asio::steady_timer accept_retry_;
  Registry& registry_;
  const ServerSettings settings_;
  tcp::endpoint endpoint_;
  std::unordered_set<Session*> sessions_;
  bool stopped_ = false;
};

// One connection: read a request, write its answer, and again while the client keeps the
// connection alive. Its pending operations own it.
class HttpServer::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Impl> server)
      : stream_(std::move(socket)), buffer_(server->settings().max_request_bytes), server_(std::move(server)) {
    server_->enter(this);
  }
  ~Session() { server_->leave(this); }

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() { read_request(); }

  // Cancels the pending read or write and its timer; their handlers then end the session.
  void close() { stream_.close(); }

 private:
  void read_request() {
    // A parser reads one message only, so each request gets a fresh one.
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_->settings().max_request_bytes));
    parser_->body_limit(server_->settings().max_request_bytes);
    stream_.expires_after(server_->settings().idle_timeout);
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](ErrorCode error, std::size_t) {
      self->on_read(error);
    });
  }

  void on_read(ErrorCode error) {
    if (server_->stopped()) return;
    if (error) {
      if (const auto status = status_for_read_error(error)) {
        write(answer_unreadable(*status, 11));
        return;
      }
      close();
      return;
    }
    write(answer_scrape(parser_->get(), server_->registry()));
  }

  void write(HttpResponse response) {
    response_ = std::move(response);
    // The same limit for writing: a client that stops reading must not hold the
    // connection forever.
    stream_.expires_after(server_->settings().idle_timeout);
    http::async_write(stream_, response_, [self = shared_from_this()](ErrorCode error, std::size_t) {
      self->on_write(error);
    });
  }

  void on_write(ErrorCode error) {
    if (error || server_->stopped()) return;
    if (response_.need_eof()) {
      // A FIN after the answer, so that the client reads all of it before the end.
      ErrorCode ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      stream_.expires_after(server_->settings().idle_timeout);
      discard_until_closed();
      return;
    }
    read_request();
  }

  // The client may still be sending (the rest of a request too large to read), and closing
  // a socket with unread bytes makes the kernel send a reset, which can destroy the answer
  // before the client has read it. So the rest is read and dropped until the client closes
  // or the deadline set before this passes.
  void discard_until_closed() {
    stream_.async_read_some(asio::buffer(discarded_), [self = shared_from_this()](ErrorCode error, std::size_t) {
      if (!error && !self->server_->stopped()) self->discard_until_closed();
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpResponse response_;
  std::array<char, 512> discarded_{};
  std::shared_ptr<Impl> server_;
};

std::expected<void, Error> HttpServer::Impl::listen(const tcp::endpoint& endpoint) {
  ErrorCode error;
  acceptor_.open(endpoint.protocol(), error);
  // A restarted daemon can bind its port again while the old connections sit in TIME_WAIT.
  if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (!error) endpoint_ = acceptor_.local_endpoint(error);
  if (error) {
    ErrorCode ignored;
    acceptor_.close(ignored);
    return std::unexpected(Error{Error::Code::listen_failed, "cannot listen for metrics on " +
                                                                 endpoint.address().to_string() + " port " +
                                                                 std::to_string(endpoint.port()) + ": " + error.message()});
  }
  return {};
}

void HttpServer::Impl::accept() {
  acceptor_.async_accept([self = shared_from_this()](ErrorCode error, tcp::socket socket) {
    self->on_accept(error, std::move(socket));
  });
}

void HttpServer::Impl::on_accept(ErrorCode error, tcp::socket socket) {
  if (stopped_) return;
  if (error) {
    accept_retry_.expires_after(kAcceptRetryDelay);
    accept_retry_.async_wait([self = shared_from_this()](ErrorCode waited) {
      if (!waited && !self->stopped_) self->accept();
    });
    return;
  }
  if (sessions_.size() < settings_.max_connections) {
    std::make_shared<Session>(std::move(socket), shared_from_this())->start();
  } else {
    // Refused by closing: answering would take the very resources the limit protects.
    ErrorCode ignored;
    socket.close(ignored);
  }
  accept();
}

void HttpServer::Impl::stop() {
  if (stopped_) return;
  stopped_ = true;
  ErrorCode ignored;
  acceptor_.close(ignored);
  accept_retry_.cancel();
  // close() only cancels, so no session leaves the set while it is walked.
  for (Session* session : sessions_) session->close();
}

std::expected<HttpServer, Error> HttpServer::start(asio::io_context& io, Registry& registry, ServerSettings settings) {
  const auto address = loopback_address(settings.address);
  if (!address) return std::unexpected(address.error());
  const tcp::endpoint endpoint{*address, settings.port};
  auto impl = std::make_shared<Impl>(io, registry, std::move(settings));
  if (auto listening = impl->listen(endpoint); !listening) return std::unexpected(listening.error());
  impl->accept();
  return HttpServer(std::move(impl));
}

HttpServer& HttpServer::operator=(HttpServer&& other) noexcept {
  if (this != &other) {
    stop();
    impl_ = std::move(other.impl_);
  }
  return *this;
}

HttpServer::~HttpServer() { stop(); }

tcp::endpoint HttpServer::endpoint() const { return impl_ ? impl_->endpoint() : tcp::endpoint{}; }

std::size_t HttpServer::open_connections() const { return impl_ ? impl_->open_connections() : 0; }

void HttpServer::stop() {
  if (impl_) impl_->stop();
}

}  // namespace metrics
