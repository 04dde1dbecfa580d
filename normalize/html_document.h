#pragma once
// libxml2's HTML parser behind RAII, plus the few DOM helpers the extractor needs.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

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
// that are clearly not HTML (NUL bytes, no markup).
std::expected<XmlDocument, Error> parse_html(std::string_view bytes, std::string_view url,
                                             std::string_view charset = {});

// The charset named by a BOM or an early <meta charset> / http-equiv, or empty.
std::string sniff_html_charset(std::string_view bytes);

// Element helpers. Names compare case-insensitively as libxml2 lowercases HTML names.
bool is_element(const xmlNode* node, const char* name);
std::string attribute(const xmlNode* node, const char* name);
// All descendant text, whitespace collapsed.
std::string text_content(const xmlNode* node);

}  // namespace normalize
