#pragma once
// libxml2's HTML parser behind RAII, plus the few DOM helpers the extractor needs.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstring>
#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "normalize/error.h"

namespace normalize {

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocument = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Parses HTML bytes into a DOM. `charset` is the HTTP header's charset when known; otherwise
// a BOM or <meta charset> decides, and UTF-8 is assumed when nothing is declared (libxml2's
// own default would be ISO-8859-1). Network access is off. Fails with bad_input for bytes
// that are clearly not HTML (NUL bytes, no markup). libxml2 stops at a text node of more than
// 10,000,000 bytes; `*cut_short` (when given) is then set, and the document holds what came
// before.
std::expected<XmlDocument, Error> parse_html(std::string_view bytes, std::string_view url,
                                             std::string_view charset = {}, bool* cut_short = nullptr);

// The charset named by a BOM or an early <meta charset> / http-equiv, or empty.
std::string sniff_html_charset(std::string_view bytes);

// Element helpers. Names compare case-insensitively as libxml2 lowercases HTML names.
bool is_element(const xmlNode* node, const char* name);
std::string attribute(const xmlNode* node, const char* name);
// All descendant text, whitespace collapsed.
std::string text_content(const xmlNode* node);

// Calls `visit(word)` for each word of the element's class and id attributes: runs of ASCII
// letters and digits, lowercased; words longer than 40 characters are skipped. Runs for every
// element of every page, so it does not allocate.
template <class Visit>
void for_each_class_word(const xmlNode* node, Visit&& visit) {
  for (const xmlAttr* attr = node->properties; attr; attr = attr->next) {
    const char* name = reinterpret_cast<const char*>(attr->name);
    if (std::strcmp(name, "class") != 0 && std::strcmp(name, "id") != 0) continue;
    if (!attr->children || !attr->children->content) continue;
    std::string_view text = reinterpret_cast<const char*>(attr->children->content);
    auto is_word_char = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && !is_word_char(text[i])) ++i;
      std::size_t start = i;
      while (i < text.size() && is_word_char(text[i])) ++i;
      std::size_t length = i - start;
      if (length == 0 || length > 40) continue;
      char lower[40];
      for (std::size_t k = 0; k < length; ++k) {
        char c = text[start + k];
        lower[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
      }
      visit(std::string_view{lower, length});
    }
  }
}

// The first element named `name` (lowercase) below `root` in document order, or null.
// libxml2's HTML parser lowercases element names, so a plain comparison does.
const xmlNode* first_element(xmlNode* root, const char* name);

// Visits the nodes below `top` (not `top` itself) in document order without recursion, so a
// tree of any depth costs no stack. `enter(node)` is called for every node reached; when it
// returns true for an element, its children are visited and then `leave(node)` is called.
// Neither callback may unlink or free nodes.
template <class Enter, class Leave>
void walk_tree(xmlNode* top, Enter&& enter, Leave&& leave) {
  if (!top) return;
  xmlNode* n = top->children;
  while (n) {
    bool descend = enter(n) && n->type == XML_ELEMENT_NODE;
    if (descend && n->children) {
      n = n->children;
      continue;
    }
    if (descend) leave(n);
    for (;;) {
      if (n->next) {
        n = n->next;
        break;
      }
      n = n->parent;
      if (!n || n == top) return;
      leave(n);
    }
  }
}

}  // namespace normalize
