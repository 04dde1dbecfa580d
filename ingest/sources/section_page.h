#pragma once
// Section pages: an outlet's HTML listing (Rostec's English news, which has no feed) read as a
// feed whose entries are the links that look like articles.
#include <expected>
#include <regex>
#include <string_view>

#include "ingest/sources/feed.h"

namespace ingest::sources {

// The page's links, resolved against its <base href> and `url`, that stay on the page's site
// (the same host, "www." aside) and whose path and query `article_links` matches somewhere,
// in page order, each once; the link's text is the entry's title. Fails like parse_html()
// for bytes that are not HTML.
std::expected<ParsedFeed, FeedError> parse_section_page(std::string_view bytes, std::string_view url,
                                                        std::string_view charset,
                                                        const std::regex& article_links);

}  // namespace ingest::sources
