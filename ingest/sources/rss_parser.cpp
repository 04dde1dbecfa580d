// RSS 0.91-0.94 and 2.0: <rss><channel><item>. Elements carry no namespace, apart from the
// extensions many feeds add: Dublin Core (dc:creator, dc:date), content:encoded, Atom
// (atom:link, atom:updated) and iTunes (itunes:author).
#include <strings.h>

#include "ingest/sources/feed_formats.h"
#include "ingest/sources/xml_document.h"

namespace ingest::sources {
namespace {

// Apple documents the iTunes namespace in two spellings and feeds use both.
bool is_itunes_author(const xmlNode* node) {
  return node && node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
         xmlStrcmp(node->name, reinterpret_cast<const xmlChar*>("author")) == 0 &&
         strcasecmp(reinterpret_cast<const char*>(node->ns->href),
                    "http://www.itunes.com/dtds/podcast-1.0.dtd") == 0;
}

// An <atom:link> whose rel is alternate (or absent) and whose type is HTML (or absent):
// feedparser reads it as the item's link, as it reads any Atom element inside RSS.
std::string atom_alternate_link(const xmlNode* item) {
  for (const xmlNode* child = item->children; child; child = child->next) {
    if (!is_xml_element(child, "link", xml_ns::kAtom)) continue;
    std::string rel = xml_attribute(child, "rel");
    std::string type = xml_attribute(child, "type");
    if ((rel.empty() || rel == "alternate") &&
        (type.empty() || type == "text/html" || type == "application/xhtml+xml"))
      return xml_attribute(child, "href");
  }
  return {};
}

std::string item_link(const xmlNode* item, const xmlNode* guid, const std::string& id) {
  // feedparser lets whichever of <link> and <atom:link> comes last win; <link> is what RSS
  // defines, so it is preferred here and <atom:link> only fills in when it is missing.
  if (std::string link = xml_text(xml_child(item, "link")); !link.empty()) return link;
  if (std::string link = atom_alternate_link(item); !link.empty()) return link;
  // A permalink guid is the item's URL when <link> is missing (RSS 2.0 spec).
  if (guid && xml_attribute(guid, "isPermaLink") != "false") return id;
  return {};
}

void read_authors(const xmlNode* item, std::vector<std::string>& authors) {
  for (const xmlNode* child = item->children; child; child = child->next) {
    // <author> is an address ("ana@n.example (Ana Pérez)"), the others a name; feedparser
    // reads a name out of all of them the same way.
    if (is_xml_element(child, "creator", xml_ns::kDublinCore) || is_xml_element(child, "author") ||
        is_itunes_author(child))
      add_author(authors, author_name(xml_text(child)));
    else if (is_xml_element(child, "author", xml_ns::kAtom))
      add_author(authors, author_name(xml_text(xml_child(child, "name", xml_ns::kAtom))));
  }
}

}  // namespace

bool is_rss(const xmlNode* root) { return is_xml_element(root, "rss"); }

void parse_rss(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed) {
  feed.format = "rss";
  const xmlNode* channel = xml_child(root, "channel");
  if (!channel) {
    feed.warnings.push_back("no <channel> element");
    return;
  }
  feed.title = plain_text_or_html(xml_text(xml_child(channel, "title")));
  feed.ttl = channel_ttl(channel);
  for (const xmlNode* item = channel->children; item; item = item->next) {
    if (!is_xml_element(item, "item")) continue;
    FeedEntry entry;
    const xmlNode* title = xml_child(item, "title");
    if (!title) title = xml_child(item, "title", xml_ns::kDublinCore);
    entry.title = plain_text_or_html(xml_text(title));
    const xmlNode* guid = xml_child(item, "guid");
    entry.id = xml_text(guid);
    entry.link = resolve_entry_link(doc, item, item_link(item, guid, entry.id), feed);
    if (entry.link.empty())
      feed.warnings.push_back("line " + std::to_string(xmlGetLineNo(item)) + ": item without a usable link");
    // dc:date is filed under `updated`, as feedparser does; the pipeline takes `updated` when
    // an entry has no publication date.
    auto dc_date = read_feed_date(xml_child(item, "date", xml_ns::kDublinCore), feed);
    entry.published = read_first_feed_date(
        {xml_child(item, "pubDate"), xml_child(item, "issued", feed_ns::kDublinCoreTerms)}, feed);
    // dc:modified is not a Dublin Core element (dcterms:modified is) and feedparser ignores it,
    // but feeds that write it mean the same thing.
    entry.updated = read_first_feed_date({xml_child(item, "updated", xml_ns::kAtom),
                                          xml_child(item, "modified", feed_ns::kDublinCoreTerms),
                                          xml_child(item, "modified", xml_ns::kDublinCore)},
                                         feed);
    if (!entry.updated) entry.updated = dc_date;
    read_authors(item, entry.authors);
    const xmlNode* summary = xml_child(item, "description");
    if (!summary) summary = xml_child(item, "description", xml_ns::kDublinCore);
    // Without a description feedparser takes the full text as the summary.
    if (!summary) summary = xml_child(item, "encoded", feed_ns::kContent);
    entry.summary = strip_markup(xml_raw_text(summary));
    feed.entries.push_back(std::move(entry));
  }
}

}  // namespace ingest::sources
