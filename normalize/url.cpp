#include "normalize/url.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <span>
#include <tuple>
#include <vector>

#include <boost/url.hpp>

#include "normalize/text.h"

namespace normalize {
namespace urls = boost::urls;
namespace {

// A query parameter canonical_url removes. Names and values are written in lowercase and
// compared case-insensitively, because link builders write UTM_Source as readily as utm_source.
struct ParameterRule {
  enum class Name { whole, prefix };
  std::string_view name;
  Name match = Name::whole;
  std::span<const std::string_view> values = {};  // empty: whatever the value
};

// The channels feeds and newsletters name when they tag their links with ref=, from= or
// source=. Any other value may choose what the page shows (ref=abc, source=reuters in a
// search), so only these go.
constexpr std::array<std::string_view, 5> kFeedChannels = {"rss", "feed", "atom", "rss2", "newsletter"};

// Parameters that say how a reader reached the page, never which page it is: two links to one
// article differ only by them, and they are the reader's trail, not the outlet's address.
constexpr auto kTrackingParameters = std::to_array<ParameterRule>({
    // Campaign tags of Google Analytics (utm_source, utm_medium, ...) that most analytics read.
    {"utm_", ParameterRule::Name::prefix},
    // Mailchimp's campaign and recipient ids (mc_cid, mc_eid) on every link of a newsletter.
    {"mc_", ParameterRule::Name::prefix},
    // Click ids that tie a visit to an ad: Facebook, Google Ads (dclid for display ads, gbraid
    // and wbraid in place of gclid on iOS), Yandex Direct, Microsoft Advertising.
    {"fbclid"},
    {"gclid"},
    {"dclid"},
    {"gbraid"},
    {"wbraid"},
    {"yclid"},
    {"msclkid"},
    // Instagram's share id: who shared the link.
    {"igshid"},
    // Google Analytics' cross-domain linker, carrying a visitor's id from one site to the next.
    {"_ga"},
    {"_gl"},
    // Email marketing tools marking which email and recipient: HubSpot, Marketo.
    {"_hsenc"},
    {"_hsmi"},
    {"mkt_tok"},
    // Twitter's embedded tweets and in-app browser saying where the click came from.
    {"ref_src"},
    {"ref_url"},
    {"__twitter_impression"},
    // Publishers' analytics campaign tags: a common campaign id, Microsoft Start's ocid, the
    // New York Times' share id, AT Internet (Piano Analytics), Adobe Analytics, Webtrends.
    {"cmpid"},
    {"ocid"},
    {"smid"},
    {"xtor"},
    {"at_medium"},
    {"at_campaign"},
    {"s_cid"},
    {"wt_mc"},
    // Alibaba's spm: where on the previous page the link was clicked.
    {"spm"},
    // Which feed or newsletter the link was followed from (see kFeedChannels).
    {"ref", ParameterRule::Name::whole, kFeedChannels},
    {"from", ParameterRule::Name::whole, kFeedChannels},
    {"source", ParameterRule::Name::whole, kFeedChannels},
});

constexpr std::array<std::string_view, 3> kSwitchedOn = {"", "1", "true"};
constexpr std::array<std::string_view, 1> kAmpOutput = {"amp"};

// Parameters that ask for the AMP rendering of a page. The ordinary page has the same article
// with its full markup, which the extractor and its per-outlet overrides are written for.
constexpr auto kAmpParameters = std::to_array<ParameterRule>({
    // ?amp, ?amp=1: WordPress's AMP plugin and others serve the AMP template on the same path.
    {"amp", ParameterRule::Name::whole, kSwitchedOn},
    // Publishing platforms' switch of output template; other values (print, json) stay.
    {"outputtype", ParameterRule::Name::whole, kAmpOutput},
    {"output", ParameterRule::Name::whole, kAmpOutput},
    // Added by Google's AMP cache and viewer; they describe the cache's serving, not the page.
    {"amp_js_v"},
    {"usqp"},
});

bool matches(const ParameterRule& rule, std::string_view lower_name, std::string_view value) {
  bool name_matches = rule.match == ParameterRule::Name::prefix ? lower_name.starts_with(rule.name)
                                                                 : lower_name == rule.name;
  if (!name_matches) return false;
  if (rule.values.empty()) return true;
  std::string lower_value = ascii_lower(value);
  return std::ranges::find(rule.values, lower_value) != rule.values.end();
}

bool is_removed_parameter(std::string_view name, std::string_view value) {
  std::string lower_name = ascii_lower(name);
  auto removes = [&](const ParameterRule& rule) { return matches(rule, lower_name, value); };
  return std::ranges::any_of(kTrackingParameters, removes) || std::ranges::any_of(kAmpParameters, removes);
}

// One step from an AMP page's path towards the ordinary page's, in place; false when there is
// none to take. A trailing slash is kept as it was: some servers answer only one of the two.
// Paths are case-sensitive, so only the lowercase "amp" the publishing tools write is taken.
bool drop_one_amp_marker(std::string& path) {
  bool trailing_slash = path.size() > 1 && path.ends_with('/');
  std::string_view body = std::string_view{path}.substr(0, path.size() - (trailing_slash ? 1 : 0));
  // "/amp/a/b": an AMP copy of the whole site under /amp.
  if (body.starts_with("/amp/") && body.size() > 5 && body[5] != '/') {
    path.erase(0, 4);
    return true;
  }
  std::size_t last_slash = body.rfind('/');
  if (last_slash == std::string_view::npos) return false;
  std::string_view last = body.substr(last_slash + 1);
  // "/a/b/amp" and "/a/b/amp/": the AMP endpoint of WordPress and similar tools. "amp" in the
  // middle of a path (/tags/amp/cables) is a word of the address, not this endpoint.
  if (last == "amp") {
    path.erase(last_slash, 4);
    return true;
  }
  // "x.amp.html" and "x.amp": an AMP file beside x.html or x. The stem must stay a name, not
  // empty or a dot segment, or the next canonicalisation would change the path again.
  static constexpr std::string_view kAmpHtml = ".amp.html";
  static constexpr std::string_view kAmp = ".amp";
  auto stem_is_name = [](std::string_view stem) { return !stem.empty() && stem != "." && stem != ".."; };
  if (last.ends_with(kAmpHtml) && stem_is_name(last.substr(0, last.size() - kAmpHtml.size()))) {
    path.erase(body.size() - kAmpHtml.size(), kAmp.size());
    return true;
  }
  if (last.ends_with(kAmp) && stem_is_name(last.substr(0, last.size() - kAmp.size()))) {
    path.erase(body.size() - kAmp.size(), kAmp.size());
    return true;
  }
  return false;
}

// Steps are taken until none applies, so that canonicalising a canonical URL changes nothing
// (/amp/a/amp loses both markers at once, not one per call).
std::string without_amp_markers(std::string_view path) {
  std::string result{path};
  while (drop_one_amp_marker(result)) {
  }
  return result;
}

// Host labels of a mobile, AMP or "www" copy of a site that serves the same pages as the site.
constexpr std::array<std::string_view, 4> kMirrorLabels = {"www.", "m.", "mobile.", "amp."};

std::size_t label_count(std::string_view host) {
  std::size_t count = 0;
  bool in_label = false;
  for (char c : host) {
    if (c == '.') {
      in_label = false;
    } else if (!in_label) {
      in_label = true;
      ++count;
    }
  }
  return count;
}

// The host without its leading mirror labels. With fewer than three labels the first is the
// site's own name (m.me), not a copy. Labels are dropped while one leads (www.m.example.org),
// so that a key is its own key.
std::string_view without_mirror_labels(std::string_view host) {
  while (label_count(host) >= 3) {
    auto leads = [host](std::string_view mirror) { return host.starts_with(mirror); };
    auto label = std::ranges::find_if(kMirrorLabels, leads);
    if (label == kMirrorLabels.end()) break;
    host.remove_prefix(label->size());
  }
  return host;
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
  // RFC 3986 3.3: after an authority the path is empty or starts with "/". Boost.URL 1.81
  // accepts "http://a:80x/y" as port "80" and path "x/y"; dropping the default port would
  // then make it http://ax/y, another host (found by fuzz/url_fuzz).
  if (!u.encoded_path().empty() && !u.encoded_path().starts_with('/'))
    return Error{Error::Code::bad_url, "malformed port or path: " + std::string{text}};
  return std::nullopt;
}

// set_encoded_path("/") and set_path("/") yield "/./" in Boost.URL 1.81; an empty path made
// absolute is a plain "/".
// It also writes a path that starts with "//" as "/.//", even after an authority, where "//"
// is unambiguous: the key of "https://a.example//news/" was https://a.example/.//news, whose own
// key differs (found by fuzz/url_fuzz). Such a URL is put together from its parts instead.
void set_encoded_path(urls::url& u, std::string_view path) {
  if (path == "/") {
    u.set_encoded_path("");
    u.set_path_absolute(true);
  } else if (path.starts_with("//") && u.has_authority()) {
    std::string text = std::string{u.scheme()} + "://" + std::string{u.encoded_authority()} + std::string{path};
    if (u.has_query()) text += "?" + std::string{u.encoded_query()};
    if (u.has_fragment()) text += "#" + std::string{u.encoded_fragment()};
    if (auto rebuilt = urls::parse_uri(text)) u = urls::url{*rebuilt};
    else u.set_encoded_path(path);
  } else {
    u.set_encoded_path(path);
  }
}

// RFC 3986 5.2.4 removes a ".." segment that would climb above the root ("/a/../../b" is
// "/b", as browsers and curl send it). Boost.URL 1.81 keeps it ("/../b") in resolve() and in
// normalize(), except in some spellings ("/../.." but not "/../../"), so a canonical URL's key
// was not its own key, and "../../b" against "http://h/a/" did not give http://h/b (found by
// fuzz/url_fuzz). Only leading ".." segments can be left after Boost's own removal.
void drop_dot_segments_above_root(urls::url& u) {
  std::string_view path = u.encoded_path();
  std::size_t skip = 0;
  while (path.substr(skip).starts_with("/../")) skip += 3;
  std::string rest{path.substr(skip)};
  if (rest == "/..") rest = "/";
  if (rest.size() != path.size()) set_encoded_path(u, rest);
}

// `text` is what error messages name: `raw` itself, or the URL it was cut from.
std::expected<urls::url, Error> parse_http_url(std::string_view raw, std::string_view text) {
  std::string encoded = encode_raw_characters(trim(raw));
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
    auto parsed_base = parse_http_url(base, base);
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
  drop_dot_segments_above_root(resolved);
  if (auto error = not_http(resolved, resolved.buffer())) return std::unexpected(*error);
  return std::string{resolved.buffer()};
}

std::expected<std::string, Error> canonical_url(std::string_view text) {
  // The fragment goes, and it goes before Boost.URL parses: Boost.URL 1.81 counts the
  // parameters of an empty query before a fragment ("/a?#top") as two, and walking them below
  // read past the end of the URL and crashed (found by fuzz/url_fuzz).
  auto parsed = parse_http_url(text.substr(0, text.find('#')), text);
  if (!parsed) return std::unexpected(parsed.error());
  urls::url& u = *parsed;
  u.normalize();
  drop_dot_segments_above_root(u);
  if ((u.scheme_id() == urls::scheme::http && u.port_number() == 80) ||
      (u.scheme_id() == urls::scheme::https && u.port_number() == 443) ||
      (u.has_port() && u.port().empty()))
    u.remove_port();
  if (u.has_query()) {
    auto params = u.params();
    for (auto it = params.begin(); it != params.end();) {
      if (is_removed_parameter((*it).key, (*it).value)) it = params.erase(it);
      else ++it;
    }
    if (u.params().empty()) u.remove_query();
  }
  std::string path = without_amp_markers(u.encoded_path());
  if (path != u.encoded_path()) set_encoded_path(u, path);
  if (u.encoded_path().empty()) u.set_path_absolute(true);
  return std::string{u.buffer()};
}

std::string url_key(std::string_view canonical) {
  auto canonical_form = canonical_url(canonical);
  if (!canonical_form) return std::string{canonical};
  urls::url u{*canonical_form};
  // Outlets serve the same page on http and https; http is only the older link.
  if (u.scheme_id() == urls::scheme::http) {
    u.set_scheme_id(urls::scheme::https);
    if (u.port_number() == 443) u.remove_port();  // now the default port
  }
  if (u.host_type() == urls::host_type::name) {
    std::string host{u.encoded_host()};
    std::string_view site = without_mirror_labels(host);
    if (site.size() != host.size()) u.set_encoded_host(site);
  }
  // Servers redirect /a/b/ and /a/b to each other, so links use both for one page. Every
  // trailing slash goes, not just one, and an AMP marker that this uncovers ("/a/amp//" ->
  // "/a/amp") goes as canonical_url would take it, until neither applies: otherwise the key of
  // a key could differ from it (both found by fuzz/url_fuzz).
  const std::string path{u.encoded_path()};
  std::string key_path = path;
  for (std::string before; before != key_path;) {
    before = key_path;
    while (key_path.size() > 1 && key_path.ends_with('/')) key_path.pop_back();
    key_path = without_amp_markers(key_path);
    if (key_path.empty()) key_path = "/";
  }
  if (key_path != path) set_encoded_path(u, key_path);
  // Links built by different tools put the same parameters in different orders.
  if (u.has_query()) {
    struct Parameter {
      std::string name;
      std::string value;
      bool has_value;
    };
    std::vector<Parameter> parameters;
    for (auto parameter : u.encoded_params())
      parameters.push_back({std::string{parameter.key}, std::string{parameter.value}, parameter.has_value});
    std::ranges::stable_sort(parameters, {}, [](const Parameter& p) { return std::tie(p.name, p.value); });
    std::string query;
    for (const Parameter& p : parameters) {
      if (!query.empty()) query += '&';
      query += p.name;
      if (p.has_value) query += '=' + p.value;
    }
    u.set_encoded_query(query);
  }
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
