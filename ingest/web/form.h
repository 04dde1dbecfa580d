#pragma once
// Reading what a browser sends: application/x-www-form-urlencoded bodies and query strings,
// and the Cookie header. Nothing here trusts its input: a malformed body is an error value
// (the console answers 400), never a partial read.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ingest::web {

// Fields in the order sent; a name may repeat (several checked boxes).
class Form {
 public:
  std::vector<std::pair<std::string, std::string>> fields;

  // The first value of `name`, if sent.
  std::optional<std::string> get(std::string_view name) const;
  // The first value of `name` when sent and not empty.
  std::optional<std::string> non_empty(std::string_view name) const;
  std::vector<std::string> all(std::string_view name) const;
};

// "a=1&b=x+y%21": '+' is a space, %XX a byte. Errors (a message for the 400 page): a bad
// percent escape, a value that is not UTF-8, a control character other than tab, CR, LF, or
// more than 1,000 fields.
std::expected<Form, std::string> parse_form(std::string_view text);

// The query of a request target ("/items/3?sort=score" -> "sort=score"), or empty.
std::string_view query_of(std::string_view target);
// The path of a request target, without the query.
std::string_view path_of(std::string_view target);

// A whole number written in decimal digits alone, in range; nullopt for anything else ("",
// "-1", "3x", "1e3", too large).
std::optional<std::int64_t> whole_number(std::string_view text);

// Percent-encodes everything but unreserved characters (RFC 3986), for building query strings.
std::string url_encode(std::string_view text);

// The value of cookie `name` in a Cookie header ("a=1; b=2"), if present.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

}  // namespace ingest::web
