#include "ingest/sources/feed.h"
#include "ingest/sources/feed_formats.h"
#include "ingest/sources/gzip.h"
#include "ingest/sources/xml_document.h"
#include "normalize/html_document.h"
#include "normalize/url.h"

namespace ingest::sources {

std::string resolve_entry_link(const xmlDoc* doc, const xmlNode* node, const std::string& link,
                               ParsedFeed& feed) {
  if (link.empty()) return {};
  std::string base = xml_base(doc, node);
  // Without a base (a feed read from a file with no --url), only absolute links are usable.
  auto resolved = base.empty() ? normalize::resolve_url(link, link) : normalize::resolve_url(base, link);
  if (!resolved) {
    feed.warnings.push_back("line " + std::to_string(xmlGetLineNo(node)) + ": unusable link: " +
                            resolved.error().message);
    return {};
  }
  return *resolved;
}

std::optional<normalize::Timestamp> read_feed_date(const xmlNode* node, ParsedFeed& feed) {
  if (!node) return std::nullopt;
  std::string text = xml_text(node);
  if (text.empty()) return std::nullopt;
  auto parsed = normalize::parse_any_date(text);
  if (!parsed)
    feed.warnings.push_back("line " + std::to_string(xmlGetLineNo(node)) + ": unreadable date \"" +
                            text + "\"");
  return parsed;
}

namespace {

constexpr const char* kUserlandRss = "http://backend.userland.com/rss2";

// Takes `root` and every element below it in namespace `href` out of that namespace.
void drop_namespace(xmlNode* root, const char* href) {
  auto drop = [href](xmlNode* node) {
    if (node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
        xmlStrcmp(node->ns->href, reinterpret_cast<const xmlChar*>(href)) == 0)
      node->ns = nullptr;
    return true;
  };
  drop(root);
  normalize::walk_tree(root, drop, [](xmlNode*) {});
}

}  // namespace

std::expected<ParsedFeed, FeedError> parse_feed(std::string_view bytes, std::string_view url,
                                                std::string_view charset) {
  // A sitemap.xml.gz arrives as the file itself. Sitemaps may be 50 MB uncompressed.
  std::string inflated;
  if (is_gzip(bytes)) {
    auto decoded = gunzip(bytes, 64u << 20);
    if (!decoded) return std::unexpected(FeedError{decoded.error()});
    inflated = std::move(*decoded);
    bytes = inflated;
  }
  // JSON Feed is the one format that is not XML.
  if (looks_like_json(bytes)) return parse_json_feed(bytes, url);
  // Junk before the XML declaration (a BOM is fine) would make libxml2 reject the document.
  if (auto start = bytes.find("<?xml"); start != std::string_view::npos && start > 0 && start < 1024 &&
                                        !bytes.starts_with("\xEF\xBB\xBF<?xml"))
    bytes.remove_prefix(start);
  XmlParse parsed = parse_xml(bytes, url, charset);
  xmlNode* root = parsed.doc ? xmlDocGetRootElement(parsed.doc.get()) : nullptr;
  if (!root)
    return std::unexpected(FeedError{parsed.error.empty() ? "empty document" : parsed.error});
  ParsedFeed feed;
  if (!parsed.error.empty()) {
    feed.malformed = "malformed XML, recovered: " + parsed.error;
    feed.warnings.push_back(feed.malformed);
  }
  if (!parsed.repaired.empty()) feed.warnings.push_back(parsed.repaired);
  // RSS 2.0 drafts put its elements in Userland's namespace; they are RSS's own elements.
  if (is_xml_element(root, "rss", kUserlandRss)) drop_namespace(root, kUserlandRss);
  if (is_rss(root)) parse_rss(parsed.doc.get(), root, feed);
  else if (is_rdf(root)) parse_rdf(parsed.doc.get(), root, feed);
  else if (is_atom(root)) parse_atom(parsed.doc.get(), root, feed);
  else if (is_sitemap(root)) parse_sitemap(parsed.doc.get(), root, feed);
  else
    return std::unexpected(FeedError{"not a feed or sitemap: root element <" +
                                     std::string{reinterpret_cast<const char*>(root->name)} + ">" +
                                     (parsed.error.empty() ? "" : " (" + parsed.error + ")")});
  return feed;
}

}  // namespace ingest::sources
