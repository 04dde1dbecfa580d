#pragma once
// The per-format parsers behind parse_feed(). Each takes a parsed document whose root it
// recognises and appends entries and warnings to `feed`.
#include <libxml/tree.h>

#include "ingest/feed.h"

namespace ingest {

bool is_rss(const xmlNode* root);
void parse_rss(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed);

bool is_atom(const xmlNode* root);
void parse_atom(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed);

bool is_sitemap(const xmlNode* root);
void parse_sitemap(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed);

// Shared by the parsers: resolves an entry's link against the base in effect at `node`;
// empty (and a warning) when it cannot be made an absolute http(s) URL.
std::string resolve_entry_link(const xmlDoc* doc, const xmlNode* node, const std::string& link,
                               ParsedFeed& feed);
// A feed date in any of the forms feeds use; a warning naming the line when unreadable.
std::optional<normalize::Timestamp> read_feed_date(const xmlNode* node, ParsedFeed& feed);

}  // namespace ingest
