#pragma once
// Article metadata stated by the page itself: JSON-LD, OpenGraph / article:* and plain
// <meta> tags, <link rel=canonical>, <html lang> and <title>. Each field keeps the first
// value found in that order of trust; empty means the page did not say.
#include <libxml/tree.h>

#include <optional>
#include <string>
#include <vector>

#include "normalize/timestamp.h"

namespace normalize {

struct PageMetadata {
  std::string title;          // JSON-LD headline, else og:title
  std::string document_title; // <title> as written
  std::string site_name;      // og:site_name or JSON-LD publisher
  std::vector<std::string> authors;
  std::optional<Timestamp> published;
  std::string canonical_url;  // rel=canonical, else og:url, else JSON-LD url (unresolved)
  std::string language;       // <html lang> or JSON-LD inLanguage, as written
};

// Reads the metadata of a parsed HTML document. Never fails: malformed JSON-LD blocks are
// skipped.
PageMetadata read_metadata(xmlDoc* doc);

}  // namespace normalize
