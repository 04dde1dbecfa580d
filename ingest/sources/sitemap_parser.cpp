// Sitemaps (sitemaps.org 0.9): <urlset><url><loc>, with Google News' <news:news> extension.
// A <sitemapindex> lists further sitemaps; they are returned as entries for the caller to
// decide whether to follow.
#include "ingest/sources/feed_formats.h"
#include "ingest/sources/xml_document.h"

namespace ingest::sources {

bool is_sitemap(const xmlNode* root) {
  return is_xml_element(root, "urlset", xml_ns::kSitemap) ||
         is_xml_element(root, "sitemapindex", xml_ns::kSitemap);
}

void parse_sitemap(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed) {
  bool index = is_xml_element(root, "sitemapindex", xml_ns::kSitemap);
  feed.format = index ? "sitemapindex" : "sitemap";
  const char* element = index ? "sitemap" : "url";
  for (const xmlNode* node = root->children; node; node = node->next) {
    if (!is_xml_element(node, element, xml_ns::kSitemap)) continue;
    FeedEntry entry;
    entry.link = resolve_entry_link(doc, node, xml_text(xml_child(node, "loc", xml_ns::kSitemap)), feed);
    if (entry.link.empty()) continue;
    entry.id = entry.link;
    entry.updated = read_feed_date(xml_child(node, "lastmod", xml_ns::kSitemap), feed);
    if (const xmlNode* news = xml_child(node, "news", xml_ns::kGoogleNews)) {
      entry.title = strip_markup(xml_text(xml_child(news, "title", xml_ns::kGoogleNews)));
      entry.published = read_feed_date(xml_child(news, "publication_date", xml_ns::kGoogleNews), feed);
    }
    feed.entries.push_back(std::move(entry));
  }
}

}  // namespace ingest::sources
