// Atom 1.0 (RFC 4287): <feed><entry>, every element in the Atom namespace.
#include "ingest/feed_formats.h"
#include "ingest/xml_document.h"

namespace ingest {
namespace {

// Atom text constructs: type="html" holds escaped markup, "xhtml" a div of elements; both
// become plain text.
std::string atom_text(const xmlNode* node) {
  if (!node) return {};
  return strip_markup(xml_text(node));
}

// rel="alternate" (or no rel) is the entry's page; other links are enclosures, replies...
std::string alternate_link(const xmlNode* entry) {
  std::string fallback;
  for (const xmlNode* child = entry->children; child; child = child->next) {
    if (!is_xml_element(child, "link", xml_ns::kAtom)) continue;
    std::string rel = xml_attribute(child, "rel");
    std::string href = xml_attribute(child, "href");
    if (rel.empty() || rel == "alternate") {
      std::string type = xml_attribute(child, "type");
      if (type.empty() || type.find("html") != std::string::npos) return href;
      if (fallback.empty()) fallback = href;
    }
  }
  return fallback;
}

}  // namespace

bool is_atom(const xmlNode* root) { return is_xml_element(root, "feed", xml_ns::kAtom); }

void parse_atom(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed) {
  feed.format = "atom";
  feed.title = atom_text(xml_child(root, "title", xml_ns::kAtom));
  for (const xmlNode* entry_node = root->children; entry_node; entry_node = entry_node->next) {
    if (!is_xml_element(entry_node, "entry", xml_ns::kAtom)) continue;
    FeedEntry entry;
    entry.title = atom_text(xml_child(entry_node, "title", xml_ns::kAtom));
    entry.id = xml_text(xml_child(entry_node, "id", xml_ns::kAtom));
    entry.link = resolve_entry_link(doc, entry_node, alternate_link(entry_node), feed);
    if (entry.link.empty())
      feed.warnings.push_back("line " + std::to_string(xmlGetLineNo(entry_node)) + ": entry without a usable link");
    entry.published = read_feed_date(xml_child(entry_node, "published", xml_ns::kAtom), feed);
    entry.updated = read_feed_date(xml_child(entry_node, "updated", xml_ns::kAtom), feed);
    for (const xmlNode* child = entry_node->children; child; child = child->next)
      if (is_xml_element(child, "author", xml_ns::kAtom))
        if (auto name = xml_text(xml_child(child, "name", xml_ns::kAtom)); !name.empty())
          entry.authors.push_back(name);
    const xmlNode* summary = xml_child(entry_node, "summary", xml_ns::kAtom);
    entry.summary = atom_text(summary ? summary : xml_child(entry_node, "content", xml_ns::kAtom));
    feed.entries.push_back(std::move(entry));
  }
}

}  // namespace ingest
