#pragma once
// Feed documents -> entries. One format per file behind parse_feed(): RSS 0.91-2.0
// (rss_parser), RSS 1.0 and 0.90 (rdf_parser), Atom 1.0 and 0.3 (atom_parser), JSON Feed 1.0
// and 1.1 (json_feed_parser) and sitemaps (sitemap_parser). Pure: bytes in, values out.
#include <expected>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/timestamp.h"

namespace ingest::sources {

struct FeedEntry {
  std::string link;  // absolute, resolved against xml:base and the document URL
  std::string id;    // guid / id, as written
  std::string title; // plain text
  std::optional<normalize::Timestamp> published;
  std::optional<normalize::Timestamp> updated;
  std::vector<std::string> authors;
  std::string summary;  // plain text
};

struct ParsedFeed {
  // "rss" (0.91-2.0), "rss1", "rss090", "atom" (1.0), "atom03", "json", "sitemap",
  // "sitemapindex"
  std::string format;
  std::string title;
  std::vector<FeedEntry> entries;
  // How long the publisher says the feed stays fresh (RSS <ttl>, the syndication module):
  // the scheduler does not ask again sooner.
  std::optional<std::chrono::seconds> ttl;
  // Problems that did not stop parsing: recovered syntax errors, entries without a link,
  // dates that could not be read. Each names the line.
  std::vector<std::string> warnings;
  // Set when the XML was not well-formed and was recovered: the first error, "line N: ...".
  // Also the first of `warnings`.
  std::string malformed;
};

struct FeedError {
  std::string message;  // names the line when the XML parser gave one, line and column for JSON
};

// Parses a feed or sitemap. `url` is where it came from (resolves relative links);
// `charset` is the HTTP header's, if any. Malformed XML is recovered as far as libxml2's
// recovery mode allows, with a warning; a document with no recognisable root fails.
// A document that opens with "{" is read as a JSON Feed (always UTF-8); JSON that is
// malformed or not a JSON Feed fails.
// External entities and network access stay off.
std::expected<ParsedFeed, FeedError> parse_feed(std::string_view bytes, std::string_view url,
                                                std::string_view charset = {});

}  // namespace ingest::sources
