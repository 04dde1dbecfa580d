#pragma once
// What the metrics endpoint answers to one HTTP request: the routing and the response,
// without any I/O, so the connection code only reads and writes.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "metrics/registry.h"

namespace metrics {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// The answer to `request` (see http_server.h for the table). A GET or HEAD of /metrics runs
// the registry's collectors; a collector that throws makes a 500 whose body is its message.
// The query string is ignored. The answer's framing is complete (Content-Length set, no
// body for HEAD) and it keeps the connection alive when the request allows.
HttpResponse answer_scrape(const HttpRequest& request, Registry& registry);

}  // namespace metrics
