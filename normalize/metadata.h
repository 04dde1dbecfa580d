#pragma once
// Article metadata stated by the page itself: JSON-LD, OpenGraph / article:* and plain
// <meta> tags, <link rel=canonical>, <html lang> and <title>. Each field keeps the first
// value found in that order of trust; empty means the page did not say. The title sources
// are also kept one by one, because pages disagree and the choice is made by agreement
// (normalize/article_title.h).
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
  // Every title source, entities decoded: JSON-LD headline, og:title, twitter:title, and
  // <meta name=title> (or dc.title, parsely-title, sailthru.title).
  std::string headline, og_title, twitter_title, meta_title;
  // Every name the page gives itself: og:site_name, application-name, JSON-LD publisher.
  std::vector<std::string> site_names;
  // JSON-LD author names when any is a person, else <meta> author tags (author,
  // article:author, dc.creator, parsely-author, sailthru.author, citation_author), else the
  // JSON-LD organisations; names are cleaned (normalize/author_names.h).
  std::vector<std::string> authors;
  // JSON-LD datePublished, else article:published_time and the other <meta> date tags,
  // else itemprop=datePublished; never a modification date.
  std::optional<Timestamp> published;
  std::string canonical_url;  // rel=canonical, else og:url, else JSON-LD url (unresolved)
  std::string language;       // <html lang> or JSON-LD inLanguage, as written
};

// Reads the metadata of a parsed HTML document. Never fails: malformed JSON-LD blocks are
// skipped.
PageMetadata read_metadata(xmlDoc* doc);

}  // namespace normalize
