#include "normalize/url.h"

#include <algorithm>
#include <optional>

#include <boost/url.hpp>

#include <array>
#include <cstdio>

#include "normalize/text.h"

namespace normalize {
namespace urls = boost::urls;
namespace {

bool is_tracking_parameter(std::string_view key) {
  std::string lower = ascii_lower(key);
  if (lower.starts_with("utm_")) return true;
  static constexpr std::array<std::string_view, 5> kTracking = {"fbclid", "gclid", "yclid",
                                                                "mc_cid", "mc_eid"};
  for (auto name : kTracking)
    if (lower == name) return true;
  return false;
}

// Feeds and pages hold URLs as people type them: raw non-ASCII letters, spaces, quotes.
// Percent-encoding exactly those bytes makes them parseable without touching valid escapes.
bool needs_encoding(unsigned char c) {
  static constexpr std::string_view kUnsafe = " \"<>\\^`{|}";
  return c >= 0x80 || c < 0x20 || kUnsafe.find(static_cast<char>(c)) != std::string_view::npos;
}

std::string encode_raw_characters(std::string_view text) {
  if (std::none_of(text.begin(), text.end(), [](char c) { return needs_encoding(static_cast<unsigned char>(c)); }))
    return std::string{text};
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (needs_encoding(c)) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// Why `u` is not an absolute http(s) URL with a host, if it is not; `text` names it.
std::optional<Error> not_http(urls::url_view u, std::string_view text) {
  if (u.scheme_id() != urls::scheme::http && u.scheme_id() != urls::scheme::https)
    return Error{Error::Code::bad_url, "not an http(s) URL: " + std::string{text}};
  if (!u.has_authority() || u.host().empty()) return Error{Error::Code::bad_url, "URL has no host: " + std::string{text}};
  return std::nullopt;
}

std::expected<urls::url, Error> parse_http_url(std::string_view raw) {
  std::string encoded = encode_raw_characters(trim(raw));
  std::string_view text = raw;
  auto parsed = urls::parse_uri(encoded);
  if (!parsed) return std::unexpected(Error{Error::Code::bad_url, "not an absolute URL: " + std::string{text}});
  if (auto error = not_http(*parsed, text)) return std::unexpected(*error);
  return urls::url{*parsed};
}

}  // namespace

std::expected<std::string, Error> resolve_url(std::string_view base, std::string_view reference) {
  std::string encoded = encode_raw_characters(trim(reference));
  // Most links in feeds are absolute already: without dot segments to remove, resolving one
  // gives it back unchanged, so only its own parse is needed (it is the costly part).
  std::string_view head = std::string_view{encoded}.substr(0, 8);
  bool absolute = head.starts_with("https://") || head.starts_with("http://") ||
                  head.starts_with("HTTPS://") || head.starts_with("HTTP://");
  if (absolute && encoded.find("/.") == std::string::npos) {
    auto parsed = urls::parse_uri(encoded);
    if (!parsed) return std::unexpected(Error{Error::Code::bad_url, "not an absolute URL: " + std::string{reference}});
    if (auto error = not_http(*parsed, reference)) return std::unexpected(*error);
    return encoded;
  }
  // A feed resolves every entry against the same base: it is parsed once per thread.
  thread_local std::string last_base;
  thread_local std::optional<urls::url> last_base_url;
  if (!last_base_url || base != last_base) {
    auto parsed_base = parse_http_url(base);
    if (!parsed_base) return std::unexpected(parsed_base.error());
    last_base = std::string{base};
    last_base_url = std::move(*parsed_base);
  }
  const urls::url& base_url = *last_base_url;
  auto ref = urls::parse_uri_reference(encoded);
  if (!ref)
    return std::unexpected(Error{Error::Code::bad_url, "malformed URL reference: " + std::string{reference}});
  urls::url resolved;
  auto result = urls::resolve(base_url, *ref, resolved);
  if (!result)
    return std::unexpected(Error{Error::Code::bad_url, "cannot resolve URL: " + std::string{reference}});
  // RFC 3986 5.2.2: the result's fragment is the reference's, never the base's.
  if (!ref->has_fragment()) resolved.remove_fragment();
  if (auto error = not_http(resolved, resolved.buffer())) return std::unexpected(*error);
  return std::string{resolved.buffer()};
}

std::expected<std::string, Error> canonical_url(std::string_view text) {
  auto parsed = parse_http_url(text);
  if (!parsed) return std::unexpected(parsed.error());
  urls::url& u = *parsed;
  u.normalize();
  u.remove_fragment();
  if ((u.scheme_id() == urls::scheme::http && u.port_number() == 80) ||
      (u.scheme_id() == urls::scheme::https && u.port_number() == 443) ||
      (u.has_port() && u.port().empty()))
    u.remove_port();
  if (u.has_query()) {
    auto params = u.params();
    for (auto it = params.begin(); it != params.end();) {
      if (is_tracking_parameter((*it).key)) it = params.erase(it);
      else ++it;
    }
    if (u.params().empty()) u.remove_query();
  }
  // set_path("/") on an empty path yields "/./" in Boost.URL 1.81; this does not.
  if (u.encoded_path().empty()) u.set_path_absolute(true);
  return std::string{u.buffer()};
}

std::string document_id(std::string_view canonical) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : canonical) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::string url_origin(std::string_view url) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  return std::string{url.substr(0, slash)};
}

std::string url_path_and_query(std::string_view url) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (slash == std::string_view::npos) return "/";
  return std::string{url.substr(slash, url.find('#', slash) - slash)};
}

bool same_site(std::string_view a, std::string_view b) {
  auto bare = [](std::string host) { return host.starts_with("www.") ? host.substr(4) : host; };
  std::string host_a = bare(url_host(a));
  return !host_a.empty() && host_a == bare(url_host(b));
}

std::string url_host(std::string_view text) {
  std::string encoded = encode_raw_characters(trim(text));  // the view below points into it
  auto parsed = urls::parse_uri(encoded);
  if (!parsed || !parsed->has_authority()) return {};
  return ascii_lower(parsed->host());
}

}  // namespace normalize
