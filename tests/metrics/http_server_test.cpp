// metrics/http_server.cpp and scrape_answer.cpp over real TCP on 127.0.0.1: the server runs on
// an io_context on a background thread, as in the daemon; the test is a plain synchronous
// Beast client. Nothing waits on a clock except the idle-timeout test, which waits for the
// server to act.
#include "metrics/http_server.h"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "metrics/exposition.h"

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using ErrorCode = boost::system::error_code;
using Response = http::response<http::string_body>;
using namespace std::chrono_literals;

// Long enough never to be reached by a working server; it only keeps a broken one from
// hanging the suite.
constexpr auto kGenerous = 10s;

class HttpServerTest : public ::testing::Test {
 protected:
  // Starts the server and runs its io_context on a thread until it has no work left.
  void start(metrics::ServerSettings settings = {}) {
    auto started = metrics::HttpServer::start(io_, registry_, std::move(settings));
    ASSERT_TRUE(started) << started.error().message;
    server_.emplace(std::move(*started));
    stopped_ = ran_out_of_work_.get_future();
    thread_ = std::thread([this] {
      io_.run();
      ran_out_of_work_.set_value();
    });
  }

  // Runs `work` on the server's thread, where the registry and server live, and waits.
  template <class Work>
  auto on_server_thread(Work work) {
    std::packaged_task<decltype(work())()> task(std::move(work));
    auto result = task.get_future();
    asio::post(io_, [&task] { task(); });
    return result.get();
  }

  void TearDown() override {
    // Posted, not awaited: if a test stopped the server already, its io_context may have
    // run out of work and no thread will run this.
    asio::post(io_, [this] {
      if (server_) server_->stop();
    });
    if (thread_.joinable()) {
      if (stopped_.wait_for(kGenerous) != std::future_status::ready) io_.stop();
      thread_.join();
    }
  }

  tcp::socket connect() {
    tcp::socket socket(client_io_);
    socket.connect(server_->endpoint());
    return socket;
  }

  static Response exchange(tcp::socket& socket, http::verb method, const std::string& target) {
    http::request<http::empty_body> request{method, target, 11};
    request.set(http::field::host, "127.0.0.1");
    http::write(socket, request);
    return read_response(socket, method == http::verb::head);
  }

  static Response read_response(tcp::socket& socket, bool head = false) {
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.skip(head);  // a response to HEAD has a Content-Length but no body
    http::read(socket, buffer, parser);
    return parser.release();
  }

  Response scrape(http::verb method = http::verb::get, const std::string& target = "/metrics") {
    auto socket = connect();
    return exchange(socket, method, target);
  }

  struct LastAnswer {
    Response response;
    bool then_closed = false;  // whether the server ended the connection after it
  };
  // Sends `bytes` as they are on a new connection, for requests a client library would not
  // make, and reads the answer and whether the connection ends after it.
  LastAnswer send_raw(const std::string& bytes) {
    auto socket = connect();
    asio::write(socket, asio::buffer(bytes));
    auto response = read_response(socket);
    return {std::move(response), ended_by_server(socket)};
  }

  // Reads until the connection ends; true if the server ended it (a FIN or a reset).
  static bool ended_by_server(tcp::socket& socket) {
    std::string rest;
    ErrorCode error;
    asio::read(socket, asio::dynamic_buffer(rest), error);
    return error == asio::error::eof || error == asio::error::connection_reset;
  }

  metrics::Registry registry_;
  asio::io_context io_;
  std::optional<metrics::HttpServer> server_;
  std::thread thread_;
  std::promise<void> ran_out_of_work_;
  std::future<void> stopped_;
  asio::io_context client_io_;  // never run: the client's calls are synchronous
};

TEST_F(HttpServerTest, AnswersAScrapeWithTheExpositionAndItsContentType) {
  auto flagged = registry_.counter("ingest_flagged_total", "Flagged.");
  ASSERT_TRUE(flagged);
  flagged->increment(2);
  start();

  const auto response = scrape();
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(response.body(),
            "# HELP ingest_flagged_total Flagged.\n"
            "# TYPE ingest_flagged_total counter\n"
            "ingest_flagged_total 2\n");
  EXPECT_EQ(response[http::field::content_length], std::to_string(response.body().size()));
}

TEST_F(HttpServerTest, IgnoresTheQueryString) {
  start();
  EXPECT_EQ(scrape(http::verb::get, "/metrics?name[]=up").result(), http::status::ok);
}

TEST_F(HttpServerTest, AnswersHeadWithTheHeadOfAScrapeAndNoBody) {
  ASSERT_TRUE(registry_.gauge("ingest_queue_length", "Queue."));
  start();
  auto socket = connect();
  const auto head = exchange(socket, http::verb::head, "/metrics");
  const auto get = exchange(socket, http::verb::get, "/metrics");

  EXPECT_EQ(head.result(), http::status::ok);
  EXPECT_EQ(head[http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(head[http::field::content_length], std::to_string(get.body().size()));
  EXPECT_TRUE(head.body().empty());
  // Had the HEAD carried a body, the GET on the same connection would have read it instead.
  EXPECT_EQ(get.body(), "# HELP ingest_queue_length Queue.\n# TYPE ingest_queue_length gauge\ningest_queue_length 0\n");
}

TEST_F(HttpServerTest, Answers404ForOtherPaths) {
  start();
  for (const char* target : {"/", "/metrics/", "/favicon.ico", "/METRICS", "/metricsx"})
    EXPECT_EQ(scrape(http::verb::get, target).result(), http::status::not_found) << target;
  const auto head = scrape(http::verb::head, "/");
  EXPECT_EQ(head.result(), http::status::not_found);
  EXPECT_TRUE(head.body().empty());
}

TEST_F(HttpServerTest, Answers405ForOtherMethodsAndSaysWhichAreAllowed) {
  start();
  for (auto method : {http::verb::post, http::verb::put, http::verb::delete_, http::verb::options}) {
    const auto response = scrape(method, "/metrics");
    EXPECT_EQ(response.result(), http::status::method_not_allowed) << http::to_string(method);
    EXPECT_EQ(response[http::field::allow], "GET, HEAD");
  }
}

TEST_F(HttpServerTest, CallsTheCollectorsOncePerScrape) {
  std::atomic<int> collected = 0;
  auto queue = registry_.gauge("ingest_queue_length", "Queue.");
  ASSERT_TRUE(queue);
  registry_.add_collector([&collected, queue = *queue]() mutable { queue.set(++collected * 10); });
  start();

  EXPECT_NE(scrape().body().find("ingest_queue_length 10\n"), std::string::npos);
  EXPECT_NE(scrape().body().find("ingest_queue_length 20\n"), std::string::npos);
  scrape(http::verb::head);
  EXPECT_EQ(collected, 3);
  // Answers that are not scrapes do not query the daemon.
  scrape(http::verb::get, "/");
  scrape(http::verb::post);
  EXPECT_EQ(collected, 3);
}

TEST_F(HttpServerTest, AnswersA500WhenACollectorThrowsAndServesTheNextScrape) {
  bool fail = true;
  registry_.add_collector([&fail] {
    if (fail) throw std::runtime_error("database is locked");
  });
  start();

  const auto failed = scrape();
  EXPECT_EQ(failed.result(), http::status::internal_server_error);
  EXPECT_EQ(failed.body(), "collector failed: database is locked\n");
  on_server_thread([&] { fail = false; });
  EXPECT_EQ(scrape().result(), http::status::ok);
}

TEST_F(HttpServerTest, KeepsAConnectionAliveAcrossScrapes) {
  start();
  auto socket = connect();
  for (int i = 0; i < 3; ++i) {
    const auto response = exchange(socket, http::verb::get, "/metrics");
    EXPECT_EQ(response.result(), http::status::ok);
    EXPECT_TRUE(response.keep_alive());
  }
  EXPECT_EQ(on_server_thread([&] { return server_->open_connections(); }), 1u);
}

TEST_F(HttpServerTest, ClosesTheConnectionAfterAnswerWhenTheClientAsksTo) {
  start();
  const auto last = send_raw("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(last.response.result(), http::status::ok);
  EXPECT_TRUE(last.then_closed);
}

TEST_F(HttpServerTest, ClosesAnIdleConnectionAfterTheTimeout) {
  start({.idle_timeout = 100ms});
  auto idle = connect();
  auto kept_alive = connect();
  EXPECT_EQ(exchange(kept_alive, http::verb::get, "/metrics").result(), http::status::ok);
  auto half_sent = connect();
  asio::write(half_sent, asio::buffer(std::string("GET /metrics HTTP/1.1\r\nHost:")));

  const auto began = std::chrono::steady_clock::now();
  EXPECT_TRUE(ended_by_server(idle));
  EXPECT_TRUE(ended_by_server(kept_alive));
  EXPECT_TRUE(ended_by_server(half_sent));
  EXPECT_LT(std::chrono::steady_clock::now() - began, kGenerous);
}

TEST_F(HttpServerTest, RefusesARequestLargerThanTheLimit) {
  start({.max_request_bytes = 1024});
  const std::string big_header = "X-Padding: " + std::string(4096, 'a') + "\r\n";
  const auto last = send_raw("GET /metrics HTTP/1.1\r\nHost: x\r\n" + big_header + "\r\n");
  EXPECT_EQ(last.response.result(), http::status::request_header_fields_too_large);
  EXPECT_FALSE(last.response.keep_alive());
  EXPECT_TRUE(last.then_closed);
}

TEST_F(HttpServerTest, RefusesABodyLargerThanTheLimit) {
  start({.max_request_bytes = 1024});
  const auto last = send_raw("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" +
                             std::string(5000, 'b'));
  EXPECT_EQ(last.response.result(), http::status::payload_too_large);
  EXPECT_TRUE(last.then_closed);
}

TEST_F(HttpServerTest, AnswersBadRequestToBytesThatAreNotHttp) {
  start();
  // The start of a TLS ClientHello: a scraper configured for https.
  const auto last = send_raw(std::string("\x16\x03\x01\x02\x00 hello\r\n\r\n"));
  EXPECT_EQ(last.response.result(), http::status::bad_request);
  EXPECT_TRUE(last.then_closed);
}

TEST_F(HttpServerTest, ServesAScrapeWhileManyOtherConnectionsWait) {
  start();
  // Idle connections and half-sent requests: a blocking server would be stuck on one.
  std::vector<tcp::socket> waiting;
  for (int i = 0; i < 40; ++i) {
    waiting.push_back(connect());
    if (i % 2 == 1) asio::write(waiting.back(), asio::buffer(std::string("GET /metr")));
  }
  EXPECT_EQ(scrape().result(), http::status::ok);
  // Accepted in order, so all of the waiting ones are open too (the scrape's may have closed).
  EXPECT_GE(on_server_thread([&] { return server_->open_connections(); }), 40u);
}

TEST_F(HttpServerTest, ClosesConnectionsBeyondTheLimit) {
  start({.max_connections = 2});
  auto first = connect();
  auto second = connect();
  EXPECT_EQ(exchange(first, http::verb::get, "/metrics").result(), http::status::ok);
  EXPECT_EQ(exchange(second, http::verb::get, "/metrics").result(), http::status::ok);
  auto third = connect();
  EXPECT_TRUE(ended_by_server(third));
  // The first two are still served.
  EXPECT_EQ(exchange(first, http::verb::get, "/metrics").result(), http::status::ok);
}

TEST_F(HttpServerTest, StopClosesTheListenerAndEveryConnectionAndLeavesNoWork) {
  start();
  auto idle = connect();
  auto kept_alive = connect();
  EXPECT_EQ(exchange(kept_alive, http::verb::get, "/metrics").result(), http::status::ok);
  auto half_sent = connect();
  asio::write(half_sent, asio::buffer(std::string("GET /metrics HTTP/1.1\r\n")));
  const auto endpoint = server_->endpoint();

  on_server_thread([&] { server_->stop(); });

  EXPECT_TRUE(ended_by_server(idle));
  EXPECT_TRUE(ended_by_server(kept_alive));
  EXPECT_TRUE(ended_by_server(half_sent));
  // Nothing is left in the io_context, so run() returns without io_context::stop().
  EXPECT_EQ(stopped_.wait_for(kGenerous), std::future_status::ready);
  EXPECT_EQ(server_->open_connections(), 0u);
  tcp::socket late(client_io_);
  ErrorCode refused;
  late.connect(endpoint, refused);
  EXPECT_EQ(refused, asio::error::connection_refused);
}

TEST_F(HttpServerTest, PicksAFreePortWhenAskedForPortZero) {
  start({.address = "127.0.0.1", .port = 0});
  EXPECT_EQ(server_->endpoint().address().to_string(), "127.0.0.1");
  EXPECT_NE(server_->endpoint().port(), 0);
}

TEST_F(HttpServerTest, ListensOnAnyAddressOfTheLoopbackNetwork) {
  start({.address = "127.0.0.2"});
  EXPECT_EQ(server_->endpoint().address().to_string(), "127.0.0.2");
  EXPECT_EQ(scrape().result(), http::status::ok);
}

TEST(HttpServer, RefusesAnAddressThatIsNotLoopback) {
  asio::io_context io;
  metrics::Registry registry;
  for (const char* address : {"0.0.0.0", "192.0.2.10", "10.0.0.1", "::", "2001:db8::1", "::ffff:127.0.0.1"}) {
    const auto server = metrics::HttpServer::start(io, registry, {.address = address});
    ASSERT_FALSE(server) << address;
    EXPECT_EQ(server.error().code, metrics::Error::Code::not_loopback) << address;
    EXPECT_NE(server.error().message.find(address), std::string::npos) << server.error().message;
  }
}

TEST(HttpServer, RefusesAnAddressThatIsNotNumeric) {
  asio::io_context io;
  metrics::Registry registry;
  for (const char* address : {"localhost", "metrics.example", "", "127.0.0.1:9100"}) {
    const auto server = metrics::HttpServer::start(io, registry, {.address = address});
    ASSERT_FALSE(server) << address;
    EXPECT_EQ(server.error().code, metrics::Error::Code::bad_address) << address;
  }
}

TEST(HttpServer, ReportsAPortThatIsTaken) {
  asio::io_context io;
  metrics::Registry registry;
  auto first = metrics::HttpServer::start(io, registry, {});
  ASSERT_TRUE(first) << first.error().message;
  const auto second = metrics::HttpServer::start(io, registry, {.port = first->endpoint().port()});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, metrics::Error::Code::listen_failed);
  EXPECT_NE(second.error().message.find(std::to_string(first->endpoint().port())), std::string::npos);
}

TEST(HttpServer, ListensOnIpv6Loopback) {
  asio::io_context io;
  metrics::Registry registry;
  auto server = metrics::HttpServer::start(io, registry, {.address = "::1"});
  if (!server && server.error().code == metrics::Error::Code::listen_failed)
    GTEST_SKIP() << "no IPv6 loopback here: " << server.error().message;
  ASSERT_TRUE(server) << server.error().message;
  EXPECT_EQ(server->endpoint().address().to_string(), "::1");
}

TEST(HttpServer, DestroyedWithoutRunningLeavesTheIoContextClean) {
  asio::io_context io;
  metrics::Registry registry;
  {
    auto server = metrics::HttpServer::start(io, registry, {});
    ASSERT_TRUE(server);
  }
  // The cancelled accept runs and nothing else is left.
  io.run();
  SUCCEED();
}

}  // namespace
