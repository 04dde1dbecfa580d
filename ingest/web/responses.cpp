#include "ingest/web/responses.h"

#include "httpd/framing.h"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

namespace ingest::web {
namespace {

namespace http = boost::beast::http;

// 'self' alone for scripts and styles: an injected <script> or style attribute does nothing,
// whatever escaping might miss. form-action too, so a form cannot post elsewhere.
constexpr std::string_view kPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

httpd::Response base(http::status status, const httpd::Request& request) {
  httpd::Response response{status, request.version()};
  response.set(http::field::server, "ingest");
  response.set("Content-Security-Policy", kPolicy);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
  response.keep_alive(request.keep_alive());
  return response;
}

}  // namespace

httpd::Response html(http::status status, std::string body, const httpd::Request& request) {
  auto response = base(status, request);
  response.set(http::field::content_type, "text/html; charset=utf-8");
  // What a reviewer sees is theirs: no shared cache, no back-button copy after logout.
  response.set(http::field::cache_control, "no-store");
  response.body() = std::move(body);
  httpd::finish_framing(response, request);
  return response;
}

httpd::Response see_other(std::string_view location, const httpd::Request& request) {
  auto response = base(http::status::see_other, request);
  response.set(http::field::location, location);
  response.set(http::field::cache_control, "no-store");
  httpd::finish_framing(response, request);
  return response;
}

httpd::Response asset(std::string_view content_type, std::string_view body, const httpd::Request& request) {
  auto response = base(http::status::ok, request);
  response.set(http::field::content_type, content_type);
  response.set(http::field::cache_control, "private, max-age=300");
  response.body() = std::string{body};
  httpd::finish_framing(response, request);
  return response;
}

std::string session_cookie(std::string_view token, bool secure, long max_age_seconds) {
  std::string cookie = std::string{kSessionCookie} + "=" + std::string{token} +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(token.empty() ? 0 : max_age_seconds);
  if (secure) cookie += "; Secure";
  return cookie;
}

}  // namespace ingest::web
