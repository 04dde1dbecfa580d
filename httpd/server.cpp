#include "httpd/server.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <array>
#include <optional>
#include <unordered_set>
#include <utility>

#include "httpd/unreadable.h"

namespace httpd {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using ErrorCode = boost::system::error_code;

// After a failed accept (out of descriptors, say), the pause before the next: retrying at
// once would spin on the same error.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);

std::expected<asio::ip::address, Error> listen_address(const Settings& settings) {
  ErrorCode error;
  const auto address = asio::ip::make_address(settings.address, error);
  if (error)
    return std::unexpected(Error{Error::Code::bad_address, settings.what + " address '" + settings.address +
                                                               "' is not a numeric IP address"});
  if (settings.loopback_only && !address.is_loopback())
    return std::unexpected(Error{Error::Code::not_loopback, settings.what + " address '" + settings.address +
                                                                "' is not loopback (127.0.0.0/8 or ::1)"});
  return address;
}

}  // namespace

class Server::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(asio::io_context& io, Settings settings, Handler handler)
      : acceptor_(io), accept_retry_(io), settings_(std::move(settings)), handler_(std::move(handler)) {}

  std::expected<void, Error> listen(const tcp::endpoint& endpoint);
  void accept();
  void stop();

  const Settings& settings() const { return settings_; }
  const Handler& handler() const { return handler_; }
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
  const Settings settings_;
  const Handler handler_;
  tcp::endpoint endpoint_;
  std::unordered_set<Session*> sessions_;
  bool stopped_ = false;
};

// One connection: read a request's head, then its body, hand it over, write the answer, and
// again while the client keeps the connection alive. Its pending operations own it.
class Server::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Impl> server)
      : stream_(std::move(socket)), server_(std::move(server)) {
    ErrorCode ignored;
    peer_ = stream_.socket().remote_endpoint(ignored);
    server_->enter(this);
  }
  ~Session() { server_->leave(this); }

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() { read_head(); }

  // Cancels the pending read or write and its timer; their handlers then end the session.
  void close() { stream_.close(); }

 private:
  const Settings& settings() const { return server_->settings(); }

  void read_head() {
    // A parser reads one message only, so each request gets a fresh one.
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(settings().max_header_bytes));
    parser_->body_limit(settings().max_body_bytes);
    stream_.expires_after(settings().header_timeout);
    http::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](ErrorCode error, std::size_t) {
      if (self->server_->stopped()) return;
      if (error) return self->unreadable(error);
      self->read_body();
    });
  }

  void read_body() {
    stream_.expires_after(settings().transfer_timeout);
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](ErrorCode error, std::size_t) {
      if (self->server_->stopped()) return;
      if (error) return self->unreadable(error);
      self->hand_over();
    });
  }

  void unreadable(const ErrorCode& error) {
    if (const auto status = status_for_read_error(error)) return write(answer_unreadable(*status, 11));
    close();
  }

  void hand_over() {
    // No deadline while the handler works: the handler is ours, not the client's.
    stream_.expires_never();
    request_ = parser_->release();
    server_->handler()(request_, peer_, [self = shared_from_this()](Response response) {
      if (!self->server_->stopped()) self->write(std::move(response));
    });
  }

  void write(Response response) {
    response_ = std::move(response);
    // A client that stops reading must not hold the connection forever.
    stream_.expires_after(settings().transfer_timeout);
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
      stream_.expires_after(settings().transfer_timeout);
      discard_until_closed();
      return;
    }
    read_head();
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
  tcp::endpoint peer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Request request_;
  Response response_;
  std::array<char, 512> discarded_{};
  std::shared_ptr<Impl> server_;
};

std::expected<void, Error> Server::Impl::listen(const tcp::endpoint& endpoint) {
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
    return std::unexpected(Error{Error::Code::listen_failed, "cannot listen for " + settings_.what + " on " +
                                                                 endpoint.address().to_string() + " port " +
                                                                 std::to_string(endpoint.port()) + ": " + error.message()});
  }
  return {};
}

void Server::Impl::accept() {
  acceptor_.async_accept([self = shared_from_this()](ErrorCode error, tcp::socket socket) {
    self->on_accept(error, std::move(socket));
  });
}

void Server::Impl::on_accept(ErrorCode error, tcp::socket socket) {
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

void Server::Impl::stop() {
  if (stopped_) return;
  stopped_ = true;
  ErrorCode ignored;
  acceptor_.close(ignored);
  accept_retry_.cancel();
  // close() only cancels, so no session leaves the set while it is walked.
  for (Session* session : sessions_) session->close();
}

std::expected<Server, Error> Server::start(asio::io_context& io, Settings settings, Handler handler) {
  const auto address = listen_address(settings);
  if (!address) return std::unexpected(address.error());
  const tcp::endpoint endpoint{*address, settings.port};
  auto impl = std::make_shared<Impl>(io, std::move(settings), std::move(handler));
  if (auto listening = impl->listen(endpoint); !listening) return std::unexpected(listening.error());
  impl->accept();
  return Server(std::move(impl));
}

Server& Server::operator=(Server&& other) noexcept {
  if (this != &other) {
    stop();
    impl_ = std::move(other.impl_);
  }
  return *this;
}

Server::~Server() { stop(); }

tcp::endpoint Server::endpoint() const { return impl_ ? impl_->endpoint() : tcp::endpoint{}; }

std::size_t Server::open_connections() const { return impl_ ? impl_->open_connections() : 0; }

void Server::stop() {
  if (impl_) impl_->stop();
}

}  // namespace httpd
