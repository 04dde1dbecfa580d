// Field readers shared by the feed parsers: text that may or may not be HTML, author names,
// the first readable of several date elements.
#include <algorithm>
#include <cctype>

#include "ingest/sources/feed_formats.h"
#include "ingest/sources/xml_document.h"
#include "normalize/text.h"

namespace ingest::sources {
namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// "</b>", "</p>": a closing tag is the markup that plain text almost never contains.
bool has_closing_tag(std::string_view text) {
  for (auto at = text.find("</"); at != std::string_view::npos; at = text.find("</", at + 2)) {
    std::size_t end = at + 2;
    while (end < text.size() && is_word_char(text[end])) ++end;
    if (end > at + 2 && end < text.size() && text[end] == '>') return true;
  }
  return false;
}

// "&amp;", "&#8217;", "&eacute;": a reference that survived XML decoding was escaped on purpose.
bool has_character_reference(std::string_view text) {
  for (auto at = text.find('&'); at != std::string_view::npos; at = text.find('&', at + 1)) {
    std::size_t end = at + 1;
    if (end < text.size() && text[end] == '#') ++end;
    std::size_t name = end;
    while (end < text.size() && is_word_char(text[end])) ++end;
    if (end > name && end < text.size() && text[end] == ';') return true;
  }
  return false;
}

bool is_email_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '+' || c == '-';
}

}  // namespace

std::string plain_text_or_html(std::string_view text) {
  // feedparser (mixin.looks_like_html) also refuses the HTML reading when a tag is not an
  // HTML element or a name is not an HTML entity; we do not keep its element list, so a title
  // such as "</Kremlin> leaks" is read as HTML here and kept verbatim there.
  if (has_closing_tag(text) || has_character_reference(text)) return strip_markup(text);
  return normalize::collapse_whitespace(text);
}

std::string author_name(std::string_view text) {
  std::string name{normalize::trim(text)};
  auto at = name.find('@');
  if (at == std::string::npos) return name;
  std::size_t begin = at, end = at + 1;
  while (begin > 0 && is_email_char(name[begin - 1])) --begin;
  while (end < name.size() && is_email_char(name[end])) ++end;
  std::string_view domain{name.data() + at + 1, end - at - 1};
  if (begin == at || domain.find('.') == std::string_view::npos) return name;
  std::string email = name.substr(begin, end - begin);
  std::string rest = name.substr(0, begin) + name.substr(end);
  for (std::string_view wrapper : {"()", "<>"})
    for (auto pos = rest.find(wrapper); pos != std::string::npos; pos = rest.find(wrapper))
      rest.erase(pos, wrapper.size());
  std::string_view trimmed = normalize::trim(rest);
  if (trimmed.starts_with('(')) trimmed.remove_prefix(1);
  if (trimmed.ends_with(')')) trimmed.remove_suffix(1);
  trimmed = normalize::trim(trimmed);
  return trimmed.empty() ? email : std::string{trimmed};
}

void add_author(std::vector<std::string>& authors, std::string name) {
  if (name.empty() || std::find(authors.begin(), authors.end(), name) != authors.end()) return;
  authors.push_back(std::move(name));
}

std::optional<normalize::Timestamp> read_first_feed_date(std::initializer_list<const xmlNode*> nodes,
                                                         ParsedFeed& feed) {
  for (const xmlNode* node : nodes)
    if (auto date = read_feed_date(node, feed)) return date;
  return std::nullopt;
}

}  // namespace ingest::sources
