// RSS 0.9x and 2.0: <rss><channel><item>. Elements carry no namespace, apart from the
// Dublin Core extensions (dc:creator, dc:date) that many feeds add.
#include "ingest/feed_formats.h"
#include "ingest/xml_document.h"

namespace ingest {

bool is_rss(const xmlNode* root) { return is_xml_element(root, "rss"); }

void parse_rss(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed) {
  feed.format = "rss";
  const xmlNode* channel = xml_child(root, "channel");
  if (!channel) {
    feed.warnings.push_back("no <channel> element");
    return;
  }
  feed.title = strip_markup(xml_text(xml_child(channel, "title")));
  for (const xmlNode* item = channel->children; item; item = item->next) {
    if (!is_xml_element(item, "item")) continue;
    FeedEntry entry;
    entry.title = strip_markup(xml_text(xml_child(item, "title")));
    const xmlNode* guid = xml_child(item, "guid");
    entry.id = xml_text(guid);
    std::string link = xml_text(xml_child(item, "link"));
    // A permalink guid is the item's URL when <link> is missing (RSS 2.0 spec).
    if (link.empty() && guid && xml_attribute(guid, "isPermaLink") != "false") link = entry.id;
    entry.link = resolve_entry_link(doc, item, link, feed);
    if (entry.link.empty())
      feed.warnings.push_back("line " + std::to_string(xmlGetLineNo(item)) + ": item without a usable link");
    entry.published = read_feed_date(xml_child(item, "pubDate"), feed);
    if (!entry.published) entry.published = read_feed_date(xml_child(item, "date", xml_ns::kDublinCore), feed);
    for (const xmlNode* child = item->children; child; child = child->next) {
      if (is_xml_element(child, "creator", xml_ns::kDublinCore) || is_xml_element(child, "author")) {
        std::string name = xml_text(child);
        if (!name.empty()) entry.authors.push_back(name);
      }
    }
    entry.summary = strip_markup(xml_text(xml_child(item, "description")));
    feed.entries.push_back(std::move(entry));
  }
}

}  // namespace ingest
