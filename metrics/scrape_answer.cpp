#include "metrics/scrape_answer.h"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

#include <exception>
#include <string>
#include <string_view>

#include "httpd/framing.h"
#include "metrics/exposition.h"

namespace metrics {
namespace {

namespace http = boost::beast::http;

constexpr std::string_view kPlainType = "text/plain; charset=utf-8";

HttpResponse plain(http::status status, unsigned version, std::string body) {
  HttpResponse response{status, version};
  response.set(http::field::content_type, kPlainType);
  response.body() = std::move(body);
  return response;
}

HttpResponse route(const HttpRequest& request, Registry& registry) {
  const std::string_view target = request.target();
  const std::string_view path = target.substr(0, target.find('?'));
  if (path != "/metrics") return plain(http::status::not_found, request.version(), "not found\n");
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    auto refused = plain(http::status::method_not_allowed, request.version(), "method not allowed\n");
    refused.set(http::field::allow, "GET, HEAD");
    return refused;
  }
  // A collector is daemon code (a database query); its failure must cost this scrape only.
  try {
    registry.collect();
    HttpResponse response{http::status::ok, request.version()};
    response.set(http::field::content_type, kExpositionContentType);
    response.body() = render_text(registry);
    return response;
  } catch (const std::exception& failure) {
    return plain(http::status::internal_server_error, request.version(),
                 std::string("collector failed: ") + failure.what() + "\n");
  } catch (...) {
    return plain(http::status::internal_server_error, request.version(), "collector failed\n");
  }
}

}  // namespace

HttpResponse answer_scrape(const HttpRequest& request, Registry& registry) {
  auto response = route(request, registry);
  response.keep_alive(request.keep_alive());
  httpd::finish_framing(response, request);
  return response;
}

}  // namespace metrics
