#pragma once
// Building the console's answers: every one carries the same security headers (a strict
// Content-Security-Policy: no inline script or style, no framing; nosniff; no referrer to
// the outlets' sites), pages are never cached, assets are.
#include <boost/beast/http/status.hpp>

#include <string>
#include <string_view>

#include "httpd/server.h"

namespace ingest::web {

// An HTML page (UTF-8).
httpd::Response html(boost::beast::http::status status, std::string body, const httpd::Request& request);
// 303 See Other to a path on this site: the answer to a form that was handled.
httpd::Response see_other(std::string_view location, const httpd::Request& request);
// A compiled-in CSS or JS file, cacheable.
httpd::Response asset(std::string_view content_type, std::string_view body, const httpd::Request& request);

// A Set-Cookie value for the session cookie; an empty token clears it.
std::string session_cookie(std::string_view token, bool secure, long max_age_seconds);

inline constexpr std::string_view kSessionCookie = "ingest_session";

}  // namespace ingest::web
