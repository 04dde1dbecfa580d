#include "httpd/unreadable.h"

#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>

#include <string>

namespace httpd {

namespace http = boost::beast::http;

std::optional<http::status> status_for_read_error(const boost::system::error_code& error) {
  if (error == http::error::header_limit || error == http::error::buffer_overflow)
    return http::status::request_header_fields_too_large;
  if (error == http::error::body_limit) return http::status::payload_too_large;
  // Beast's other parse errors (bad method, target, version, field, framing) are the
  // client's mistakes; end_of_stream and partial_message mean it hung up.
  const bool parse_error = error.category() == boost::system::error_code(http::error::bad_target).category();
  if (parse_error && error != http::error::end_of_stream && error != http::error::partial_message)
    return http::status::bad_request;
  return std::nullopt;
}

Response answer_unreadable(http::status status, unsigned http_version) {
  Response response{status, http_version};
  response.set(http::field::content_type, "text/plain; charset=utf-8");
  response.body() = std::string(http::obsolete_reason(status)) + "\n";
  response.keep_alive(false);
  response.prepare_payload();
  return response;
}

}  // namespace httpd
