#include "normalize/url.h"

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

std::expected<urls::url, Error> parse_http_url(std::string_view text) {
  auto parsed = urls::parse_uri(trim(text));
  if (!parsed) return std::unexpected(Error{Error::Code::bad_url, "not an absolute URL: " + std::string{text}});
  urls::url u{*parsed};
  if (u.scheme_id() != urls::scheme::http && u.scheme_id() != urls::scheme::https)
    return std::unexpected(Error{Error::Code::bad_url, "not an http(s) URL: " + std::string{text}});
  if (!u.has_authority() || u.host().empty())
    return std::unexpected(Error{Error::Code::bad_url, "URL has no host: " + std::string{text}});
  return u;
}

}  // namespace

std::expected<std::string, Error> resolve_url(std::string_view base, std::string_view reference) {
  auto base_url = parse_http_url(base);
  if (!base_url) return std::unexpected(base_url.error());
  auto ref = urls::parse_uri_reference(trim(reference));
  if (!ref)
    return std::unexpected(Error{Error::Code::bad_url, "malformed URL reference: " + std::string{reference}});
  urls::url resolved;
  auto result = urls::resolve(*base_url, *ref, resolved);
  if (!result)
    return std::unexpected(Error{Error::Code::bad_url, "cannot resolve URL: " + std::string{reference}});
  auto checked = parse_http_url(resolved.buffer());
  if (!checked) return std::unexpected(checked.error());
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
  if (u.path().empty()) u.set_path("/");
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

std::string url_host(std::string_view text) {
  auto parsed = urls::parse_uri(trim(text));
  if (!parsed || !parsed->has_authority()) return {};
  return ascii_lower(parsed->host());
}

}  // namespace normalize
