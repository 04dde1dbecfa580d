#pragma once
// The answer to a request that could not be read, and which read errors deserve one.
#include <boost/beast/http/status.hpp>
#include <boost/system/error_code.hpp>

#include <optional>

#include "httpd/server.h"

namespace httpd {

// The status for a request that could not be read, or nullopt when there is no one left to
// answer (the client went away, timed out, or the server is stopping).
std::optional<boost::beast::http::status> status_for_read_error(const boost::system::error_code& error);

// A plain-text answer naming the status, that ends the connection.
Response answer_unreadable(boost::beast::http::status status, unsigned http_version);

}  // namespace httpd
