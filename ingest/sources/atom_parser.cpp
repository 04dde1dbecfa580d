// Atom 1.0 (RFC 4287) and the Atom 0.3 draft it replaced: <feed><entry>, every element in
// the format's namespace. 0.3 differs in its date names (issued, modified, created) and in
// its content model: a MIME type plus mode="xml" (inline), "escaped" or "base64".
#include "ingest/sources/feed_formats.h"
#include "ingest/sources/xml_document.h"
#include "normalize/text.h"
#include "normalize/url.h"

namespace ingest::sources {
namespace {

constexpr const char* kAtom03 = "http://purl.org/atom/ns#";

// No feed field is legitimately larger; the cap bounds memory on hostile input, as
// xml_text's does.
constexpr std::size_t kTextLimit = 1 << 20;

// Text below an element holding inline markup, with a space where each element starts and
// ends so that "<p>One.</p><p>Two.</p>" reads as two sentences. Entity references are skipped
// for the reason xml_text gives.
void append_markup_text(const xmlNode* node, std::string& out) {
  for (const xmlNode* n = node; n && out.size() < kTextLimit; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) out += reinterpret_cast<const char*>(n->content);
    } else if (n->type == XML_ELEMENT_NODE) {
      out += ' ';
      append_markup_text(n->children, out);
      out += ' ';
    }
  }
}

bool has_element_child(const xmlNode* node) {
  for (const xmlNode* child = node->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE) return true;
  return false;
}

// The raw text below a node, whitespace kept (base64 is decoded from it).
std::string raw_text(const xmlNode* node) {
  std::string out;
  for (const xmlNode* n = node->children; n && out.size() < kTextLimit; n = n->next)
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
      out += reinterpret_cast<const char*>(n->content);
  return out;
}

// RFC 4648 base64, whitespace ignored; nullopt on anything else.
std::optional<std::string> decode_base64(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    else if (c >= '0' && c <= '9') value = c - '0' + 52;
    else if (c == '+') value = 62;
    else if (c == '/') value = 63;
    else if (c == '=') break;
    else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    else return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

// A type that can hold readable text: Atom 1.0's "text", "html", "xhtml", or a MIME type
// that is text or XML. Anything else (an image, a PDF) is no summary.
bool is_textual_type(std::string_view type) {
  return type.empty() || type == "text" || type == "html" || type == "xhtml" || type.starts_with("text/") ||
         type.ends_with("+xml") || type.ends_with("/xml");
}

// An Atom text construct or content element as plain text. Escaped markup, as most feeds
// write it, and inline XHTML both come out as text; text declared plain is read the same
// lenient way, since feeds put escaped HTML there too. (feedparser keeps type="text" as
// written, so "&lt;b&gt;" stays "<b>" there and is dropped here.)
std::string atom_text(const xmlNode* node, ParsedFeed& feed) {
  if (!node) return {};
  std::string type = xml_attribute(node, "type");
  if (type == "multipart/alternative") {  // Atom 0.3: the first alternative that reads
    for (const xmlNode* part = node->children; part; part = part->next)
      if (part->type == XML_ELEMENT_NODE)
        if (std::string text = atom_text(part, feed); !text.empty()) return text;
    return {};
  }
  if (!is_textual_type(type)) {
    // RFC 4287 4.1.3.3: any other media type is base64. Text that decodes to readable UTF-8
    // (feedparser's test feeds title entries that way) is kept; images and the like are not.
    auto decoded = decode_base64(raw_text(node));
    if (!decoded || normalize::first_invalid_utf8(*decoded) != std::string::npos ||
        decoded->find('\0') != std::string::npos)
      return {};
    return strip_markup(*decoded);
  }
  if (xml_attribute(node, "mode") == "base64") {
    auto decoded = decode_base64(raw_text(node));
    if (!decoded) {
      feed.warnings.push_back("line " + std::to_string(xmlGetLineNo(node)) + ": unreadable base64 content");
      return {};
    }
    return strip_markup(normalize::clean_utf8(*decoded));
  }
  if (has_element_child(node)) {
    std::string text;
    append_markup_text(node->children, text);
    return normalize::collapse_whitespace(text);
  }
  return strip_markup(xml_raw_text(node));
}

// rel="alternate" (or no rel) is the entry's page; other links are enclosures, replies...
std::string alternate_link(const xmlNode* entry, const char* ns) {
  std::string fallback;
  for (const xmlNode* child = entry->children; child; child = child->next) {
    if (!is_xml_element(child, "link", ns)) continue;
    std::string rel = xml_attribute(child, "rel");
    std::string href = xml_attribute(child, "href");
    // Some feeds write the address as the element's text, as RSS does; feedparser reads it.
    if (href.empty()) href = xml_text(child);
    if (rel.empty() || rel == "alternate") {
      std::string type = xml_attribute(child, "type");
      if (type.empty() || type.find("html") != std::string::npos) return href;
      if (fallback.empty()) fallback = href;
    }
  }
  return fallback;
}

}  // namespace

bool is_atom(const xmlNode* root) {
  return is_xml_element(root, "feed", xml_ns::kAtom) || is_xml_element(root, "feed", kAtom03);
}

void parse_atom(const xmlDoc* doc, const xmlNode* root, ParsedFeed& feed) {
  const bool draft = is_xml_element(root, "feed", kAtom03);
  const char* ns = draft ? kAtom03 : xml_ns::kAtom;
  feed.format = draft ? "atom03" : "atom";
  feed.title = atom_text(xml_child(root, "title", ns), feed);
  for (const xmlNode* entry_node = root->children; entry_node; entry_node = entry_node->next) {
    if (!is_xml_element(entry_node, "entry", ns)) continue;
    FeedEntry entry;
    entry.title = atom_text(xml_child(entry_node, "title", ns), feed);
    const xmlNode* id_node = xml_child(entry_node, "id", ns);
    entry.id = xml_text(id_node);
    // An id is an IRI, and a relative one is relative to xml:base, as feedparser reads it.
    if (!entry.id.empty() && entry.id.find(':') == std::string::npos)
      if (std::string base = xml_base(doc, id_node); !base.empty())
        if (auto absolute = normalize::resolve_url(base, entry.id)) entry.id = *absolute;
    std::string link = alternate_link(entry_node, ns);
    // Without a link, an id that is a web address is the entry's page (feedparser does the
    // same; a urn: or tag: id is not).
    if (link.empty() && (entry.id.starts_with("http://") || entry.id.starts_with("https://"))) link = entry.id;
    entry.link = resolve_entry_link(doc, entry_node, link, feed);
    if (entry.link.empty())
      feed.warnings.push_back("line " + std::to_string(xmlGetLineNo(entry_node)) + ": entry without a usable link");
    if (draft) {
      // 0.3 requires issued and modified; created is optional and, when it is all there is,
      // the best publication date available.
      entry.published = read_first_feed_date(
          {xml_child(entry_node, "issued", ns), xml_child(entry_node, "created", ns)}, feed);
      entry.updated = read_feed_date(xml_child(entry_node, "modified", ns), feed);
    } else {
      entry.published = read_feed_date(xml_child(entry_node, "published", ns), feed);
      entry.updated = read_feed_date(xml_child(entry_node, "updated", ns), feed);
    }
    for (const xmlNode* child = entry_node->children; child; child = child->next)
      if (is_xml_element(child, "author", ns)) add_author(entry.authors, xml_text(xml_child(child, "name", ns)));
    entry.summary = atom_text(xml_child(entry_node, "summary", ns), feed);
    // Atom 0.3 allows several <content> elements, one per format; the first readable one wins.
    for (const xmlNode* child = entry_node->children; child && entry.summary.empty(); child = child->next)
      if (is_xml_element(child, "content", ns)) entry.summary = atom_text(child, feed);
    feed.entries.push_back(std::move(entry));
  }
}

}  // namespace ingest::sources
