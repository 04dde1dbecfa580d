#include "normalize/html_extractor.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <vector>

#include "normalize/byline.h"
#include "normalize/html_document.h"
#include "normalize/language.h"
#include "normalize/metadata.h"
#include "normalize/text.h"
#include "normalize/url.h"

namespace normalize {
namespace {

// Elements that never hold article text.
constexpr std::array<const char*, 16> kDroppedTags = {
    "script", "style",  "noscript", "template", "nav",    "footer", "aside", "form",
    "button", "iframe", "svg",      "select",   "figure", "header", "menu",  "dialog"};

// class/id words that mark boilerplate containers, in the languages of our outlets.
constexpr std::array<std::string_view, 30> kBoilerplateWords = {
    "share",    "sharing", "social",     "related",   "relacionadas", "comment",
    "comments", "cookie",  "cookies",    "newsletter", "advert",      "advertisement",
    "ad",       "ads",     "banner",     "promo",     "subscribe",    "subscription",
    "footer",   "nav",     "navigation", "menu",      "breadcrumb",   "breadcrumbs",
    "sidebar",  "popular", "trending",   "faq",       "tags",         "recommended"};

constexpr std::array<std::string_view, 8> kBylineWords = {"author", "autor", "byline", "firma",
                                                          "byl",    "writer", "creator", "por"};
constexpr std::array<std::string_view, 9> kDateWords = {
    "date", "time", "fecha", "published", "dateline", "timestamp", "datetime", "pubdate", "meta"};

// The value of an attribute as libxml2 stores it, without copying; empty when absent.
std::string_view attribute_view(const xmlNode* node, const char* name) {
  xmlAttr* attr = xmlHasProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!attr || !attr->children || attr->children->type != XML_TEXT_NODE || !attr->children->content)
    return {};
  return reinterpret_cast<const char*>(attr->children->content);
}

// True when a word of the class or id attribute (split on spaces, dashes and underscores,
// compared case-insensitively) is in `vocabulary`. Runs for every element of every page, so
// it does not allocate.
template <std::size_t N>
bool has_class_word(const xmlNode* node, const std::array<std::string_view, N>& vocabulary) {
  for (const char* name : {"class", "id"}) {
    std::string_view text = attribute_view(node, name);
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (i < text.size() && text[i] != ' ' && text[i] != '-' && text[i] != '_' && text[i] != '\t') continue;
      std::string_view word = text.substr(start, i - start);
      start = i + 1;
      if (word.empty() || word.size() > 16) continue;
      char lower[16];
      for (std::size_t k = 0; k < word.size(); ++k)
        lower[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[k])));
      std::string_view folded{lower, word.size()};
      for (auto v : vocabulary)
        if (folded == v) return true;
    }
  }
  return false;
}

// The first non-blank text below `node`, trimmed, or empty.
std::string_view first_text(const xmlNode* node) {
  for (const xmlNode* n = node->children; n; n = n->next) {
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
      std::string_view text = trim(reinterpret_cast<const char*>(n->content));
      if (!text.empty()) return text;
    } else if (n->type == XML_ELEMENT_NODE) {
      std::string_view text = first_text(n);
      if (!text.empty()) return text;
    }
  }
  return {};
}

bool starts_like_byline(std::string_view text) {
  std::string lower = ascii_lower(text.substr(0, std::min<std::size_t>(text.size(), 8)));
  return lower.starts_with("by:") || lower.starts_with("by ") || lower.starts_with("por:") ||
         lower.starts_with("por ") || text.starts_with("Автор:") || lower == "by" || lower == "por";
}

bool is_heading(const xmlNode* n) {
  return is_element(n, "h2") || is_element(n, "h3") || is_element(n, "h4") ||
         is_element(n, "h5") || is_element(n, "h6");
}

bool is_inline(const xmlNode* n) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) return true;
  static constexpr std::array<const char*, 16> kInline = {
      "a", "em", "i", "strong", "b", "span", "u", "small", "sub", "sup", "abbr", "cite",
      "q", "mark", "time", "code"};
  for (auto name : kInline)
    if (is_element(n, name)) return true;
  return false;
}

// Text of an inline run with the seed format's emphasis marks. Inline elements add no
// spaces of their own ("Rosneft<a>'s</a>" stays one word); the whitespace at the edges of an
// emphasised run moves outside its marks so "*word*" stays valid.
void append_inline(const xmlNode* first, std::string& out);

void append_inline_node(const xmlNode* n, std::string& out) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if (n->content) out += reinterpret_cast<const char*>(n->content);
  } else if (is_element(n, "br")) {
    out += ' ';
  } else if (n->type == XML_ELEMENT_NODE) {
    const char* mark = nullptr;
    if (is_element(n, "em") || is_element(n, "i")) mark = "*";
    else if (is_element(n, "strong") || is_element(n, "b")) mark = "**";
    if (!mark) {
      append_inline(n->children, out);
      return;
    }
    std::string inner;
    append_inline(n->children, inner);
    std::string trimmed = collapse_whitespace(inner);
    if (trimmed.empty()) {
      out += inner;
      return;
    }
    bool space_before = inner.front() == ' ' || inner.front() == '\n' || inner.front() == '\t';
    bool space_after = inner.back() == ' ' || inner.back() == '\n' || inner.back() == '\t';
    if (space_before) out += ' ';
    out += std::string{mark} + trimmed + mark;
    if (space_after) out += ' ';
  }
}

void append_inline(const xmlNode* first, std::string& out) {
  for (const xmlNode* n = first; n; n = n->next) append_inline_node(n, out);
}

std::string inline_text(const xmlNode* element) {
  std::string out;
  append_inline(element->children, out);
  return collapse_whitespace(out);
}

// Appends the text below `node` to `out`; false as soon as `out` passes `cap` bytes.
bool append_text_capped(const xmlNode* node, std::string& out, std::size_t cap) {
  for (const xmlNode* n = node; n; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) out += reinterpret_cast<const char*>(n->content);
      if (out.size() > cap) return false;
    } else if (n->type == XML_ELEMENT_NODE && !append_text_capped(n->children, out, cap)) {
      return false;
    }
  }
  return true;
}

// The element's text if it has at most `limit` bytes, else nullopt. Reading stops once the
// text is too long, so asking every ancestor of a long paragraph stays cheap.
std::optional<std::string> short_text(const xmlNode* node, std::size_t limit) {
  std::string raw;
  // Whitespace collapses afterwards, so allow some slack before giving up.
  if (!append_text_capped(node->children, raw, 4 * limit)) return std::nullopt;
  std::string text = collapse_whitespace(raw);
  if (text.size() > limit) return std::nullopt;
  return text;
}

std::size_t link_text_length(const xmlNode* node) {
  std::size_t total = 0;
  for (const xmlNode* n = node->children; n; n = n->next) {
    if (is_element(n, "a")) total += text_content(n).size();
    else if (n->type == XML_ELEMENT_NODE) total += link_text_length(n);
  }
  return total;
}

void collect_elements(xmlNode* node, const char* name, std::vector<xmlNode*>& out) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_element(n, name)) out.push_back(n);
    collect_elements(n->children, name, out);
  }
}

// Removes boilerplate subtrees. Returns nothing; the document shrinks in place.
void drop_boilerplate(xmlNode* node) {
  for (xmlNode* n = node; n;) {
    xmlNode* next = n->next;
    if (n->type == XML_COMMENT_NODE) {
      xmlUnlinkNode(n);
      xmlFreeNode(n);
    } else if (n->type == XML_ELEMENT_NODE) {
      bool drop = false;
      for (auto tag : kDroppedTags) drop = drop || is_element(n, tag);
      if (!drop && !is_element(n, "body") && !is_element(n, "html") && !is_element(n, "p"))
        drop = has_class_word(n, kBoilerplateWords);
      if (drop) {
        xmlUnlinkNode(n);
        xmlFreeNode(n);
      } else {
        drop_boilerplate(n->children);
      }
    }
    n = next;
  }
}

// Readability's core idea: paragraphs vote for their parent (fully) and grandparent (half);
// the element with most votes holds the article.
xmlNode* best_container(xmlNode* body) {
  std::vector<xmlNode*> paragraphs;
  collect_elements(body, "p", paragraphs);
  std::unordered_map<xmlNode*, double> score;
  for (xmlNode* p : paragraphs) {
    std::string text = text_content(p);
    if (text.size() < 25) continue;
    double links = static_cast<double>(link_text_length(p)) / static_cast<double>(text.size());
    double weight = static_cast<double>(std::min<std::size_t>(text.size(), 1000)) * (1.0 - links);
    // Commas are a cheap signal of prose as opposed to lists of links or labels.
    weight += 20.0 * static_cast<double>(std::count(text.begin(), text.end(), ','));
    if (p->parent) score[p->parent] += weight;
    if (p->parent && p->parent->parent) score[p->parent->parent] += weight / 2;
  }
  xmlNode* best = nullptr;
  double best_score = 0;
  for (const auto& [node, s] : score)
    if (s > best_score) {
      best = node;
      best_score = s;
    }
  return best;
}

class BlockCollector {
 public:
  void collect(const xmlNode* container) { walk(container->children); flush(); }
  std::vector<Block> take() { return std::move(blocks_); }

 private:
  void add(BlockKind kind, std::string text) {
    if (text.empty()) return;
    blocks_.push_back(Block{kind, std::move(text)});
  }
  void flush() {
    std::string text = collapse_whitespace(pending_);
    pending_.clear();
    // Loose text between blocks is kept only when it reads like a sentence.
    if (text.size() >= 40) add(BlockKind::paragraph, std::move(text));
  }
  bool mostly_links(const xmlNode* n, const std::string& text) {
    return text.size() < 200 &&
           static_cast<double>(link_text_length(n)) > 0.6 * static_cast<double>(text.size());
  }
  void walk(const xmlNode* node) {
    for (const xmlNode* n = node; n; n = n->next) {
      if (is_inline(n)) {
        if (n->type == XML_ELEMENT_NODE) {
          std::string inner;
          append_inline_node(n, inner);
          pending_ += inner;
        } else if (n->content) {
          pending_ += reinterpret_cast<const char*>(n->content);
        }
        continue;
      }
      if (n->type != XML_ELEMENT_NODE) continue;
      if (is_element(n, "br")) {
        // Two line breaks in a row separate paragraphs in pages without <p>.
        if (n->next && is_element(n->next, "br")) flush();
        else pending_ += ' ';
        continue;
      }
      flush();
      if (is_element(n, "p")) {
        std::string text = inline_text(n);
        if (!mostly_links(n, text)) add(BlockKind::paragraph, std::move(text));
      } else if (is_heading(n)) {
        add(BlockKind::heading, inline_text(n));
      } else if (is_element(n, "h1")) {
        // The title is metadata, not a block.
      } else if (is_element(n, "li")) {
        std::string text = inline_text(n);
        if (!mostly_links(n, text)) add(BlockKind::list_item, std::move(text));
      } else if (is_element(n, "blockquote")) {
        std::size_t before = blocks_.size();
        walk(n->children);
        flush();
        for (std::size_t i = before; i < blocks_.size(); ++i) blocks_[i].kind = BlockKind::quote;
        if (blocks_.size() == before) add(BlockKind::quote, inline_text(n));
      } else if (is_element(n, "table")) {
        // Data tables do not survive plain-text rendering; their cells become paragraphs.
        walk(n->children);
      } else {
        walk(n->children);
      }
    }
  }

  std::vector<Block> blocks_;
  std::string pending_;
};

// A byline is a short text that starts with "By"/"Por"/..., or the text of an element whose
// class says it holds the author.
std::vector<std::string> find_byline(xmlNode* node) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    bool skip = false;
    for (auto tag : kDroppedTags) skip = skip || (is_element(n, tag) && !is_element(n, "header"));
    if (skip) continue;
    // The innermost element wins, so "By: A" is not read together with a date beside it.
    auto inner = find_byline(n->children);
    if (!inner.empty()) return inner;
    // Only a likely byline is read in full: a class that says so, or text that starts so.
    bool by_class = has_class_word(n, kBylineWords);
    if (!by_class && !starts_like_byline(first_text(n))) continue;
    auto short_enough = short_text(n, 80);
    if (short_enough && !short_enough->empty()) {
      const std::string& text = *short_enough;
      bool prefixed = starts_like_byline(text);
      if (prefixed || (by_class && !parse_any_date(text))) {
        auto authors = parse_byline(text);
        if (!authors.empty() && authors.front().size() < 60) return authors;
      }
    }
  }
  return {};
}

std::optional<Timestamp> find_visible_date(xmlNode* node, bool in_date_element = false) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type == XML_TEXT_NODE && in_date_element && n->content) {
      std::string text = collapse_whitespace(reinterpret_cast<const char*>(n->content));
      if (!text.empty() && text.size() < 80)
        if (auto t = parse_any_date(text)) return t;
      continue;
    }
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_element(n, "script") || is_element(n, "style")) continue;
    if (is_element(n, "time")) {
      if (auto t = parse_any_date(attribute(n, "datetime"))) return t;
    }
    bool date_element = in_date_element || is_element(n, "time") || has_class_word(n, kDateWords) ||
                        has_class_word(n, kBylineWords);
    if (auto t = find_visible_date(n->children, date_element)) return t;
  }
  return std::nullopt;
}

// "/2026/04/10/" or "/2025-05-12-" in the URL path.
std::optional<Timestamp> date_from_url(std::string_view url) {
  for (std::size_t i = 0; i + 10 <= url.size(); ++i) {
    if (url[i] != '/') continue;
    std::string candidate{url.substr(i + 1, 10)};
    if (candidate.size() == 10 && (candidate[4] == '/' || candidate[4] == '-') &&
        candidate[7] == candidate[4]) {
      candidate[4] = candidate[7] = '-';
      if (auto t = parse_iso8601(candidate)) return t;
    }
  }
  return std::nullopt;
}

std::string strip_site_name(const std::string& title, const std::string& site_name) {
  static constexpr std::array<std::string_view, 4> kSeparators = {" | ", " - ", " — ", " – "};
  for (auto sep : kSeparators) {
    auto pos = title.rfind(sep);
    if (pos == std::string::npos) continue;
    std::string tail = title.substr(pos + sep.size());
    std::size_t words = static_cast<std::size_t>(std::count(tail.begin(), tail.end(), ' ')) + 1;
    if ((!site_name.empty() && ascii_lower(tail) == ascii_lower(site_name)) || words <= 4)
      return title.substr(0, pos);
  }
  return title;
}

bool same_site(const std::string& a, const std::string& b) {
  auto bare = [](std::string host) {
    return host.starts_with("www.") ? host.substr(4) : host;
  };
  std::string ha = bare(url_host(a)), hb = bare(url_host(b));
  return !ha.empty() && ha == hb;
}

}  // namespace

std::expected<Article, Error> extract_article(std::string_view html, const ExtractOptions& options) {
  auto doc = parse_html(html, options.url, options.charset);
  if (!doc) return std::unexpected(doc.error());
  xmlNode* root = xmlDocGetRootElement(doc->get());
  PageMetadata meta = read_metadata(doc->get());

  // What the page states outside its main text is read before boilerplate removal takes the
  // header and byline elements away.
  std::vector<xmlNode*> h1s;
  collect_elements(root, "h1", h1s);
  std::string h1 = h1s.empty() ? std::string{} : text_content(h1s.front());
  std::vector<std::string> byline = find_byline(root);
  std::optional<Timestamp> visible_date = find_visible_date(root);

  drop_boilerplate(root);
  xmlNode* container = best_container(root);
  if (!container) return std::unexpected(Error{Error::Code::no_content, "no article text found"});
  BlockCollector collector;
  collector.collect(container);
  std::vector<Block> blocks = collector.take();
  // A byline or a date that sits inside the text container is not part of the article.
  std::erase_if(blocks, [&](const Block& b) {
    if (b.text.size() > 100) return false;
    std::string lower = ascii_lower(b.text);
    return lower.starts_with("by:") || lower.starts_with("por:") ||
           (lower.starts_with("by ") && !byline.empty() && b.text.find(byline.front()) != std::string::npos);
  });
  if (blocks.empty()) return std::unexpected(Error{Error::Code::no_content, "no article text found"});

  Article article;
  article.title = !meta.title.empty() ? meta.title
                  : !h1.empty()       ? h1
                                      : strip_site_name(meta.document_title, meta.site_name);
  article.title = clean_utf8(collapse_whitespace(article.title));
  article.authors = !meta.authors.empty() ? meta.authors : byline;
  for (auto& a : article.authors) a = clean_utf8(a);
  article.published = meta.published ? meta.published
                      : visible_date ? visible_date
                                     : date_from_url(options.url);
  for (auto& b : blocks) b.text = clean_utf8(b.text);
  article.blocks = std::move(blocks);

  std::string text = plain_text(article.blocks);
  article.language = detect_language(text);
  if (article.language.empty()) article.language = language_code(meta.language);
  if (article.language.empty()) article.language = language_code(options.language_hint);

  std::string canonical = options.url;
  if (!meta.canonical_url.empty() && !options.url.empty()) {
    auto resolved = resolve_url(options.url, meta.canonical_url);
    if (resolved && same_site(*resolved, options.url)) canonical = *resolved;
  }
  if (!canonical.empty()) {
    auto normalized = canonical_url(canonical);
    article.canonical_url = normalized ? *normalized : canonical;
  }
  return article;
}

}  // namespace normalize
