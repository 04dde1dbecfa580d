#pragma once
// The per-format parsers behind parse_feed(). Each XML parser takes a parsed document whose
// root it recognises and appends entries and warnings to `feed`; the JSON Feed parser takes
// the bytes, since it has no document tree in common with the others.
#include <libxml/tree.h>

#include <chrono>
#include <expected>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/sources/feed.h"

namespace ingest::sources {

// Namespaces more than one parser reads; each parser keeps its own format's namespaces.
namespace feed_ns {
inline constexpr const char* kDublinCoreTerms = "http://purl.org/dc/terms/";
inline constexpr const char* kContent = "http://purl.org/rss/1.0/modules/content/";
}  // namespace feed_ns

// RSS 0.91-0.94 and 2.0: <rss><channel><item>.
bool is_rss(const xmlNode* root);
void parse_rss(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed);

// RSS 1.0 and RSS 0.90: <rdf:RDF> with <channel> and <item> as siblings.
bool is_rdf(const xmlNode* root);
void parse_rdf(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed);

// Atom 1.0 (RFC 4287) and the Atom 0.3 draft.
bool is_atom(const xmlNode* root);
void parse_atom(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed);

bool is_sitemap(const xmlNode* root);
void parse_sitemap(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed);

// JSON Feed 1.0 and 1.1. `looks_like_json` is true when the bytes, after an optional UTF-8
// BOM and whitespace, open an object. `url` is the document's address (resolves relative
// links). Fails on malformed JSON, naming line and column, and on JSON that is not a feed.
bool looks_like_json(std::string_view bytes);
std::expected<ParsedFeed, FeedError> parse_json_feed(std::string_view bytes, std::string_view url);

// Shared by the parsers: resolves an entry's link against the base in effect at `node`;
// empty (and a warning) when it cannot be made an absolute http(s) URL.
std::string resolve_entry_link(const xmlDoc* doc, const xmlNode* node, const std::string& link,
                               ParsedFeed& feed);
// A feed date in any of the forms feeds use; a warning naming the line when unreadable.
std::optional<normalize::Timestamp> read_feed_date(const xmlNode* node, ParsedFeed& feed);
// The first of `nodes` that holds a readable date (warnings for unreadable ones).
std::optional<normalize::Timestamp> read_first_feed_date(std::initializer_list<const xmlNode*> nodes,
                                                         ParsedFeed& feed);

// Plain text from a field that is nominally plain text but routinely carries escaped HTML
// (RSS and JSON Feed titles). Decided as feedparser decides: only text with a closing tag or
// a character reference is read as HTML; "Why <br> matters" stays as written. Where
// feedparser then returns sanitized HTML ("<b>deal</b>"), this returns the text that HTML
// shows ("deal").
std::string plain_text_or_html(std::string_view text);
// The name in an author element: "ana@n.example (Ana Pérez)" and "Ana Pérez
// <ana@n.example>" give "Ana Pérez"; an address alone is kept as the name.
std::string author_name(std::string_view text);
// Appends a non-empty name that is not already in `authors`.
void add_author(std::vector<std::string>& authors, std::string name);

// A channel's own refresh hint: RSS 2.0's <ttl> (minutes), else the syndication module's
// <sy:updatePeriod> divided by <sy:updateFrequency> (RSS 1.0 and many RSS 2.0 feeds).
// Nothing when neither is given or readable.
std::optional<std::chrono::seconds> channel_ttl(const xmlNode* channel);

}  // namespace ingest::sources
