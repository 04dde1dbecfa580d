#include "metrics/http_server.h"

#include "metrics/scrape_answer.h"

namespace metrics {
namespace {

Error::Code metrics_code(httpd::Error::Code code) {
  switch (code) {
    case httpd::Error::Code::bad_address: return Error::Code::bad_address;
    case httpd::Error::Code::not_loopback: return Error::Code::not_loopback;
    case httpd::Error::Code::listen_failed: break;
  }
  return Error::Code::listen_failed;
}

}  // namespace

std::expected<HttpServer, Error> HttpServer::start(boost::asio::io_context& io, Registry& registry,
                                                   ServerSettings settings) {
  httpd::Settings server{.what = "metrics",
                         .address = settings.address,
                         .port = settings.port,
                         .loopback_only = true,
                         .header_timeout = settings.idle_timeout,
                         .transfer_timeout = settings.idle_timeout,
                         .max_header_bytes = settings.max_request_bytes,
                         .max_body_bytes = settings.max_request_bytes,
                         .max_connections = settings.max_connections};
  auto started = httpd::Server::start(io, std::move(server),
                                      [&registry](const httpd::Request& request, const auto&, httpd::Reply reply) {
                                        reply(answer_scrape(request, registry));
                                      });
  if (!started) return std::unexpected(Error{metrics_code(started.error().code), started.error().message});
  return HttpServer(std::move(*started));
}

}  // namespace metrics
