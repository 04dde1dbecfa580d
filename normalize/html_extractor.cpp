#include "normalize/html_extractor.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "normalize/article_title.h"
#include "normalize/author_names.h"
#include "normalize/byline.h"
#include "normalize/html_document.h"
#include "normalize/language.h"
#include "normalize/main_content.h"
#include "normalize/metadata.h"
#include "normalize/text.h"
#include "normalize/url.h"

namespace normalize {
namespace {

// Elements that never hold article text.
constexpr std::array<const char*, 16> kDroppedTags = {
    "script", "style",  "noscript", "template", "nav",    "footer", "aside", "form",
    "button", "iframe", "svg",      "select",   "figure", "header", "menu",  "dialog"};

constexpr std::array<std::string_view, 11> kBylineWords = {
    "author", "authors", "autor", "autores", "byline", "firma", "byl", "writer", "creator", "por", "signature"};
constexpr std::array<std::string_view, 9> kDateWords = {
    "date", "time", "fecha", "published", "dateline", "timestamp", "datetime", "pubdate", "meta"};

// The value of an attribute as libxml2 stores it, without copying; empty when absent.
std::string_view attribute_view(const xmlNode* node, const char* name) {
  xmlAttr* attr = xmlHasProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!attr || !attr->children || attr->children->type != XML_TEXT_NODE || !attr->children->content)
    return {};
  return reinterpret_cast<const char*>(attr->children->content);
}

// True when a word of the element's class or id is in `vocabulary`.
template <std::size_t N>
bool has_class_word(const xmlNode* node, const std::array<std::string_view, N>& vocabulary) {
  bool found = false;
  for_each_class_word(node, [&](std::string_view word) {
    found = found || std::find(vocabulary.begin(), vocabulary.end(), word) != vocabulary.end();
  });
  return found;
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
  // German and French bylines open with a word that also opens sentences ("Par ailleurs"),
  // so a capital must follow it.
  auto then_capital = [&](std::size_t at) {
    return text.size() > at && ((text[at] >= 'A' && text[at] <= 'Z') || static_cast<unsigned char>(text[at]) >= 0xC3);
  };
  return lower.starts_with("by:") || lower.starts_with("by ") || lower.starts_with("por:") ||
         lower.starts_with("por ") || text.starts_with("Автор:") || lower == "by" || lower == "por" ||
         ((text.starts_with("Von ") || text.starts_with("Par ")) && then_capital(4));
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
    // Only a likely byline is read in full: a class or a rel/itemprop that says so, or text
    // that starts so.
    bool by_class = has_class_word(n, kBylineWords) || attribute_view(n, "rel") == "author" ||
                    attribute_view(n, "itemprop") == "author";
    if (!by_class && !starts_like_byline(first_text(n))) continue;
    // Eighty characters, not bytes: a Cyrillic byline takes twice the bytes.
    auto short_enough = short_text(n, 320);
    auto characters = [](const std::string& text) {
      return std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    };
    if (short_enough && !short_enough->empty() && characters(*short_enough) <= 80) {
      const std::string& text = *short_enough;
      bool prefixed = starts_like_byline(text);
      if (prefixed || (by_class && !parse_any_date(text))) {
        // A lone "By" yields no name, so the element around it (with the name) is read next.
        auto authors = clean_author_names(parse_byline(text));
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

// The words of a line above a headline ("Ukraine war", "Exklusiv"), which pages set inside
// the <h1> in a box of its own.
constexpr std::array<std::string_view, 9> kKickerWords = {
    "kicker", "overline", "topline", "dachzeile", "eyebrow", "roofline", "supertitle", "antetitulo", "rubric"};

void append_heading_text(const xmlNode* node, std::string& out) {
  for (const xmlNode* n = node->children; n; n = n->next) {
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
      out += reinterpret_cast<const char*>(n->content);
    } else if (n->type == XML_ELEMENT_NODE && !is_element(n, "script") && !is_element(n, "style") &&
               !has_class_word(n, kKickerWords)) {
      // A block inside a heading (a <span> styled as a line, a <br>) still separates words.
      if (is_element(n, "br")) out += ' ';
      append_heading_text(n, out);
    }
  }
}

// The article's <h1>: the first with text that is not the site's logo or name, without the
// kicker line a page sets inside it.
std::string find_h1(xmlNode* root, const std::vector<std::string>& site_names) {
  std::string found;
  walk_tree(root, [&](xmlNode* n) {
    if (!found.empty() || n->type != XML_ELEMENT_NODE) return false;
    if (!is_element(n, "h1")) return !is_element(n, "script") && !is_element(n, "style");
    std::string raw;
    append_heading_text(n, raw);
    std::string text = collapse_whitespace(raw);
    bool site = std::count(text.begin(), text.end(), ' ') < 6 && is_site_name(text, site_names);
    if (!site) found = std::move(text);
    return false;
  }, [](xmlNode*) {});
  return found;
}

// The names in an author line that opens or closes the text: "Texto: Marta Echeverría ·
// Fotos: Jordi Puig", "(Reportagem de Tiago Mendonça)", "Марина Звягинцева, корреспондент
// «Волжской зари»". Empty when the line is not one.
std::vector<std::string> author_line_names(const Block& block) {
  std::string text = plain_text({block});
  std::string_view line = trim(text);
  if (line.size() > 2 && line.front() == '(' && line.back() == ')') line = trim(line.substr(1, line.size() - 2));
  if (line.empty() || line.size() > 160) return {};
  for (std::string_view lead : {"Texto: ", "Texto de ", "Text: ", "Texte : ", "Texte: ", "Reportagem de ",
                                "Reportaje de ", "Reporting by ", "Words by ", "Текст: ", "Автор: ", "By ",
                                "Por ", "Par ", "Von "}) {
    if (!line.starts_with(lead)) continue;
    std::string rest{trim(line.substr(lead.size()))};
    if (!looks_like_byline("By " + rest)) return {};
    return clean_author_names({rest});
  }
  // "Name Surname, role ...": two to four capitalised words, then a job title.
  auto comma = line.find(", ");
  if (comma == std::string_view::npos) return {};
  std::string_view name = line.substr(0, comma), tail = line.substr(comma + 2);
  std::string_view role = tail.substr(0, tail.find(' '));
  auto words = std::count(name.begin(), name.end(), ' ') + 1;
  if (words < 2 || words > 4 || !is_role(role) || !looks_like_byline("By " + std::string{name})) return {};
  return clean_author_names({std::string{name}});
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


}  // namespace

std::expected<Article, Error> extract_article(std::string_view html, const ExtractOptions& options) {
  bool cut_short = false;
  auto doc = parse_html(html, options.url, options.charset, &cut_short);
  if (!doc) return std::unexpected(doc.error());
  xmlNode* root = xmlDocGetRootElement(doc->get());
  PageMetadata meta = read_metadata(doc->get());

  // What the page states outside its main text is read before boilerplate removal takes the
  // header and byline elements away.
  std::vector<std::string> site_names = site_names_with_host(meta.site_names, options.url);
  std::string h1 = find_h1(root, site_names);
  std::vector<std::string> byline = find_byline(root);
  std::optional<Timestamp> visible_date = find_visible_date(root);

  xmlNode* body = options.overrides.empty() ? nullptr : apply_overrides(doc->get(), options.overrides);
  std::vector<Block> blocks = extract_main_content(body ? body : root);
  // An override that no longer fits the outlet's pages must not cost the article.
  if (blocks.empty() && body) blocks = extract_main_content(root);
  // A byline or a date that sits inside the text container is not part of the article.
  std::erase_if(blocks, [&](const Block& b) {
    if (b.text.size() > 100) return false;
    std::string lower = ascii_lower(b.text);
    return lower.starts_with("by:") || lower.starts_with("por:") ||
           (lower.starts_with("by ") && !byline.empty() && b.text.find(byline.front()) != std::string::npos);
  });
  if (blocks.empty()) return std::unexpected(Error{Error::Code::no_content, "no article text found"});

  Article article;
  article.truncated = cut_short;
  article.title = clean_utf8(choose_title(TitleSources{meta.headline, meta.og_title, h1,
                                                       meta.twitter_title, meta.meta_title,
                                                       meta.document_title, site_names}));
  article.authors = choose_authors(meta.authors, byline, site_names);
  // No byline anywhere else: an author line at the start or the end of the text, which is
  // then no paragraph of it.
  for (bool last : {false, true}) {
    if (!article.authors.empty() || blocks.size() < 2) break;
    Block& candidate = last ? blocks.back() : blocks.front();
    if (candidate.kind != BlockKind::paragraph) continue;
    article.authors = author_line_names(candidate);
    if (!article.authors.empty()) blocks.erase(last ? blocks.end() - 1 : blocks.begin());
  }
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
