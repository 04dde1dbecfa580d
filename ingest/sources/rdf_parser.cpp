// RSS 1.0 and RSS 0.90: an RDF document, <rdf:RDF>, whose <channel> and <item> elements are
// siblings. The two differ only in their namespace (and 0.90 items carry nothing but a title
// and a link); dates and authors come from Dublin Core.
#include "ingest/sources/feed_formats.h"
#include "ingest/sources/xml_document.h"

namespace ingest::sources {
namespace {

constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* kRss10 = "http://purl.org/rss/1.0/";
constexpr const char* kRss090 = "http://my.netscape.com/rdf/simple/0.9/";

bool holds_rss_elements(const xmlNode* root, const char* ns) {
  return xml_child(root, "channel", ns) || xml_child(root, "item", ns);
}

// The namespace the channel and items are in. A feed that forgot to declare it (items with no
// namespace at all) is still read, as RSS 1.0.
std::optional<const char*> rss_namespace(const xmlNode* root) {
  if (holds_rss_elements(root, kRss10)) return kRss10;
  if (holds_rss_elements(root, kRss090)) return kRss090;
  if (holds_rss_elements(root, nullptr)) return nullptr;
  return std::nullopt;
}

}  // namespace

bool is_rdf(const xmlNode* root) { return is_xml_element(root, "RDF", kRdf) && rss_namespace(root); }

void parse_rdf(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed) {
  const char* ns = *rss_namespace(root);
  feed.format = ns == kRss090 ? "rss090" : "rss1";
  if (!ns) feed.warnings.push_back("RSS 1.0 elements without the RSS 1.0 namespace");
  const xmlNode* channel = xml_child(root, "channel", ns);
  if (channel) {
    feed.title = plain_text_or_html(xml_text(xml_child(channel, "title", ns)));
    feed.ttl = channel_ttl(channel);
  }
  // Items belong beside the channel; some feeds put them inside it, which feedparser accepts.
  const xmlNode* parent = root;
  if (!xml_child(root, "item", ns) && channel && xml_child(channel, "item", ns)) parent = channel;
  for (const xmlNode* item = parent->children; item; item = item->next) {
    if (!is_xml_element(item, "item", ns)) continue;
    FeedEntry entry;
    const xmlNode* title = xml_child(item, "title", ns);
    if (!title) title = xml_child(item, "title", xml_ns::kDublinCore);
    entry.title = plain_text_or_html(xml_text(title));
    std::string about = xml_attribute(item, "about");
    // feedparser takes rdf:about as the id and lets a <guid>, which some feeds add, replace it.
    entry.id = xml_text(xml_child(item, "guid", ns));
    if (entry.id.empty()) entry.id = about;
    // Without <link> the link stays empty, as in feedparser, even when rdf:about looks like
    // the page: entries must agree with what feedparser reports.
    std::string link = xml_text(xml_child(item, "link", ns));
    entry.link = resolve_entry_link(doc, item, link, feed);
    if (entry.link.empty())
      feed.warnings.push_back("line " + std::to_string(xmlGetLineNo(item)) + ": item without a usable link");
    // dc:date is RSS 1.0's only common date; feedparser files it under `updated`, and so do
    // we (the pipeline takes `updated` when there is no publication date).
    auto dc_date = read_feed_date(xml_child(item, "date", xml_ns::kDublinCore), feed);
    entry.published = read_feed_date(xml_child(item, "issued", feed_ns::kDublinCoreTerms), feed);
    entry.updated = read_feed_date(xml_child(item, "modified", feed_ns::kDublinCoreTerms), feed);
    if (!entry.updated) entry.updated = dc_date;
    for (const xmlNode* child = item->children; child; child = child->next)
      if (is_xml_element(child, "creator", xml_ns::kDublinCore))
        add_author(entry.authors, author_name(xml_text(child)));
    const xmlNode* summary = xml_child(item, "description", ns);
    if (!summary) summary = xml_child(item, "description", xml_ns::kDublinCore);
    if (!summary) summary = xml_child(item, "encoded", feed_ns::kContent);
    entry.summary = strip_markup(xml_raw_text(summary));
    feed.entries.push_back(std::move(entry));
  }
}

}  // namespace ingest::sources
