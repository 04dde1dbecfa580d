#pragma once
// URL handling with Boost.URL. The canonical form is what identifies an article everywhere:
// the store's key, the corpus id and the seed footer all use it.
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "normalize/error.h"

namespace normalize {

// Resolves `reference` (absolute or relative) against `base`; both may be raw text from a
// feed or page. Fails with bad_url when the result is not absolute http or https.
std::expected<std::string, Error> resolve_url(std::string_view base, std::string_view reference);

// The canonical form of an absolute http(s) URL, the one that is fetched and shown (rules in
// docs/seed-format.md): scheme and host lowercased, default port and fragment dropped,
// percent-encoding and dot segments normalized, tracking parameters removed, an AMP page's URL
// rewritten to the ordinary page's, an empty path written as "/". The parameters that remain
// keep their order. Canonicalising a canonical URL gives it back unchanged. Fails with bad_url
// when `url` is not an absolute http(s) URL with a host.
std::expected<std::string, Error> canonical_url(std::string_view url);

// The key two URLs of the same page share, for deduplication only: it is never fetched or
// shown, as its host or scheme may not serve the page. `canonical` is canonicalised first (so
// any absolute http(s) URL may be passed); then the scheme is folded to https, a leading
// "www.", "m.", "mobile." or "amp." label is dropped from the host while it has three labels
// or more, the trailing slash of a path other than "/" is dropped and the query parameters are
// sorted by name, then value. The key of a key is itself. Text that is not an absolute
// http(s) URL comes back unchanged, so it equals only itself.
std::string url_key(std::string_view canonical);

// The 64-bit document id of the corpus file name: FNV-1a over the canonical URL's bytes,
// as 16 lowercase hex digits. Stable across runs and machines.
std::string document_id(std::string_view canonical);

// The host part of an absolute URL, lowercased; empty when there is none.
std::string url_host(std::string_view url);

// "https://www.example.org:8443" for any URL on that origin, as written (canonicalise first
// for a comparable key).
std::string url_origin(std::string_view url);

// The path and query of an absolute URL, without the fragment; "/" when it has no path.
std::string url_path_and_query(std::string_view url);

// Whether two URLs are on the same site: the same host, "www." aside.
bool same_site(std::string_view a, std::string_view b);

}  // namespace normalize
