#pragma once
// The article's title, chosen among what the page states: JSON-LD headline, og:title,
// twitter:title, <meta name=title>, the first <h1> and the <title> element. Pages disagree
// (a kicker before the title, the site's name after it, a shorter social-media title), so
// the choice goes by agreement between the sources rather than by a fixed order.
#include <string>
#include <string_view>
#include <vector>

namespace normalize {

struct TitleSources {
  std::string headline;        // JSON-LD headline
  std::string og_title;
  std::string h1;              // the first <h1> with text
  std::string twitter_title;
  std::string meta_title;      // <meta name=title>, dc.title, ...
  std::string document_title;  // <title>
  std::vector<std::string> site_names;  // og:site_name, application-name, publisher, host
};

// Each source, with entities decoded and white space collapsed, votes for its own text and,
// with half its weight, for the text before each of its " | ", " - ", " – ", " — ", " · ",
// " :: ", " » " or " / " separators; only a text that some source states whole (after the
// site's name is cut off) can win. Ties go to the more trusted source, in the order of
// the fields above. Empty when no source has text.
std::string choose_title(const TitleSources& sources);

// `title` without a trailing (or leading) part that names the site: "Title | Site",
// "Site - Title", "Title - Section | Site"; the site is one of `site_names` (compared
// ignoring case and punctuation), a web domain, or, when `site_names` is empty, a short
// tail of at most four words after the last separator.
std::string strip_site_name(const std::string& title, const std::vector<std::string>& site_names);

// `site_names` plus the host of `url` ("www.bild.de" -> "bild.de" and "bild"), for pages
// that name themselves only in their address.
std::vector<std::string> site_names_with_host(std::vector<std::string> site_names,
                                              std::string_view url);

}  // namespace normalize
