#pragma once
// A blocking HTTP/1.1 client for the console tests: one connection per request, the answer
// read whole, cookies kept by the caller.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <map>
#include <string>

namespace web_test {

struct Answer {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie: the last
  std::string body;
  std::string header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? std::string{} : found->second;
  }
};

inline Answer send(const boost::asio::ip::tcp::endpoint& server, const std::string& method, const std::string& target,
                   const std::string& cookie = {}, const std::string& form = {},
                   const std::map<std::string, std::string>& extra = {}) {
  namespace http = boost::beast::http;
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect(server);
  http::request<http::string_body> request{http::string_to_verb(method), target, 11};
  request.set(http::field::host, "127.0.0.1");
  request.set(http::field::connection, "close");
  if (!cookie.empty()) request.set(http::field::cookie, cookie);
  if (method == "POST") {
    request.set(http::field::content_type, "application/x-www-form-urlencoded");
    request.body() = form;
  }
  for (const auto& [name, value] : extra) request.set(name, value);
  request.prepare_payload();
  http::write(socket, request);
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  http::read(socket, buffer, parser);
  const auto& response = parser.get();
  Answer answer;
  answer.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    std::string name{field.name_string()};
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    answer.headers[name] = std::string{field.value()};
  }
  answer.body = response.body();
  return answer;
}

// "ingest_session=…" out of a Set-Cookie value, for the next request's Cookie header.
inline std::string cookie_of(const Answer& answer) {
  const std::string set = answer.header("set-cookie");
  return set.substr(0, set.find(';'));
}

// The value of the first hidden field `name` in a page.
inline std::string field_value(const std::string& page, const std::string& name) {
  const std::string marker = "name=\"" + name + "\" value=\"";
  auto at = page.find(marker);
  if (at == std::string::npos) return {};
  at += marker.size();
  return page.substr(at, page.find('"', at) - at);
}

}  // namespace web_test
