#pragma once
// libxml2's XML parser behind RAII, safe settings and a few namespace-aware helpers used by
// the feed parsers.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <expected>
#include <memory>
#include <string>
#include <string_view>

namespace ingest::sources {

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocument = std::unique_ptr<xmlDoc, XmlDocDeleter>;

struct XmlParse {
  XmlDocument doc;
  // The first error, "line N: message"; empty when well-formed or wholly repaired. With a
  // null `doc`, why there is no document (an entity bomb or absurd nesting is refused).
  std::string error;
  // Set when HTML entities or bare ampersands were mended and the result was well-formed.
  std::string repaired;
};

// Parses strictly. A document libxml2 finds hostile (an entity expansion loop, nesting past
// 256 levels) is refused. Otherwise, on failure, HTML entities and bare ampersands are
// mended (see xml_repair.h) and, if that is not enough, the document is parsed again in
// recovery mode, keeping the first error. No network, no external DTDs, no entity
// substitution beyond XML's predefined ones. `doc` is null when nothing could be read.
XmlParse parse_xml(std::string_view bytes, std::string_view url, std::string_view charset);

namespace xml_ns {
inline constexpr const char* kAtom = "http://www.w3.org/2005/Atom";
inline constexpr const char* kDublinCore = "http://purl.org/dc/elements/1.1/";
inline constexpr const char* kSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
inline constexpr const char* kGoogleNews = "http://www.google.com/schemas/sitemap-news/0.9";
}  // namespace xml_ns

// True for an element with this local name in this namespace (nullptr: no namespace).
bool is_xml_element(const xmlNode* node, const char* local_name, const char* ns = nullptr);
// First child element with that name, or nullptr.
const xmlNode* xml_child(const xmlNode* node, const char* local_name, const char* ns = nullptr);
std::string xml_text(const xmlNode* node);  // descendant text, whitespace collapsed
// Descendant text as written, for a caller that cleans it up itself (strip_markup collapses
// whitespace too, so collapsing first would be done twice).
std::string xml_raw_text(const xmlNode* node);
std::string xml_attribute(const xmlNode* node, const char* name);
// The base URL in effect at this node (xml:base chain, then the document URL).
std::string xml_base(const xmlDoc* doc, const xmlNode* node);
// Text that may hold escaped HTML ("&lt;b&gt;") reduced to plain text.
std::string strip_markup(std::string_view text);

}  // namespace ingest::sources
