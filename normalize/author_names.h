#pragma once
// Author names as pages state them, cleaned into one person (or organisation) per entry:
// JSON-LD author names, <meta name=author> tags and visible bylines all carry lists,
// prefixes, e-mail addresses, profile links and the site's own name.
#include <string>
#include <string_view>
#include <vector>

namespace normalize {

// Splits and cleans raw author values: entities decoded, white space collapsed, a leading
// "By"/"Von"/"Por"/"Par"/"Автор" removed, lists split on commas, semicolons, "&" and the
// word "and" in en/es/pt/fr/de/ru/no ("A, B y C", "A und B"); e-mail addresses, links,
// values without a letter, dates and names longer than 80 bytes are dropped; duplicates
// (ignoring case) keep the first.
std::vector<std::string> clean_author_names(const std::vector<std::string>& raw);

// True when `name` is the publication rather than a person: it names a web domain
// ("mdr.de", "Deutsche Welle (www.dw.com)") or matches one of `site_names` (the page's
// og:site_name, application-name, JSON-LD publisher, or its host), ignoring case, spaces
// and punctuation.
// "Tollefson, Jeff" -> "Jeff Tollefson": Dublin Core and citation tags write the family
// name first. Any other value is returned as it is.
std::string family_name_last(std::string_view name);

bool is_site_name(std::string_view name, const std::vector<std::string>& site_names);

// True when `name` is a job title rather than a person: "News Reporter", "Staff Writer",
// "корреспондент", "correspondant" (a multi-word title, or a single word in lower case).
bool is_role(std::string_view name);

// True when `name` is a newsroom desk or a CMS account rather than a person: "Redaktion",
// "Redacción El Faro", "Editorial Staff", "admin", "webmaster", "Редакция".
bool is_desk_account(std::string_view name);

// The article's authors: the names from the page's metadata, unless every one of them names
// the site and the visible byline names someone else; the byline when the metadata has none.
// Both lists are cleaned with clean_author_names.
std::vector<std::string> choose_authors(const std::vector<std::string>& metadata,
                                        const std::vector<std::string>& byline,
                                        const std::vector<std::string>& site_names);

}  // namespace normalize
