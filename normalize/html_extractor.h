#pragma once
// HTML page -> Article: the page's metadata and the blocks of its main text, with
// navigation, share bars, related links, cookie notices, comments and ads left out.
// A pure function: no I/O, no global state beyond libxml2's (initialised once in main).
#include <expected>
#include <string>
#include <string_view>

#include "normalize/article.h"
#include "normalize/error.h"
#include "normalize/page_overrides.h"

namespace normalize {

struct ExtractOptions {
  std::string url;            // where the page was fetched from; resolves relative links
  std::string charset;        // from the HTTP Content-Type, when it named one
  std::string language_hint;  // the outlet's configured language, used when detection fails
  // The outlet's known layout, if the config gives one: removals first, then the body is
  // looked for inside the body element (the whole page when it is not found).
  PageOverrides overrides;
};

// Fails with bad_input (not HTML), parse_failed, or no_content (no article text found).
// The article's canonical_url is the page's own canonical link when it is on the same site,
// else options.url, in canonical form; outlet is left empty for the caller to fill in.
std::expected<Article, Error> extract_article(std::string_view html, const ExtractOptions& options);

}  // namespace normalize
