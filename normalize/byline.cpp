#include "normalize/byline.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>

#include "normalize/text.h"

namespace normalize {
namespace {

constexpr std::array<std::string_view, 8> kBylinePrefixes = {
    "by:", "by ", "por:", "por ", "автор:", "автор ", "par:", "par "};
constexpr std::array<std::string_view, 6> kJoiners = {", ", " and ", " y ", " и ", " et ", " e "};

std::string_view strip_prefix(std::string_view text, bool& had_prefix) {
  text = trim(text);
  had_prefix = false;
  // "Автор" is Cyrillic: compare bytes after lowering only the ASCII prefixes, and the
  // Cyrillic one in both common capitalisations.
  std::string lower = ascii_lower(text.substr(0, std::min<std::size_t>(text.size(), 16)));
  for (auto prefix : kBylinePrefixes) {
    if (lower.starts_with(prefix) || text.starts_with(prefix) ||
        (prefix.starts_with("автор") &&
         text.starts_with(std::string{"Автор"} + std::string{prefix.substr(prefix.size() - 1)}))) {
      had_prefix = true;
      return trim(text.substr(prefix.size()));
    }
  }
  return text;
}

bool starts_with_capital(std::string_view word) {
  if (word.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, static_cast<int32_t>(word.size()), c);
  return c > 0 && (u_isupper(c) || u_istitle(c));
}

}  // namespace

std::vector<std::string> parse_byline(std::string_view text) {
  bool had_prefix = false;
  std::string rest = collapse_whitespace(strip_prefix(text, had_prefix));
  // A byline often continues with a date or a role after a separator: "A · October 15".
  for (std::string_view separator : {"·", "|", "•", " — ", " – ", " - "})
    if (auto pos = rest.find(separator); pos != std::string::npos) rest.resize(pos);
  std::vector<std::string> authors;
  // A comma ending a name is the list's ("By A,, B"): kept, format_byline wrote "By A, and B",
  // which is no byline, and the seed's authors were lost (found by fuzz/seed_fuzz).
  auto add = [&authors](std::string_view name) {
    name = trim(name);
    while (name.ends_with(',')) name = trim(name.substr(0, name.size() - 1));
    if (!name.empty()) authors.emplace_back(name);
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i < rest.size();) {
    std::size_t joiner = 0;
    for (auto j : kJoiners)
      if (std::string_view{rest}.substr(i).starts_with(j)) joiner = j.size();
    if (joiner) {
      add(std::string_view{rest}.substr(start, i - start));
      i += joiner;
      start = i;
    } else {
      ++i;
    }
  }
  add(std::string_view{rest}.substr(start));
  // Names have no digits; "2025" after "October 15," is the rest of a date.
  std::erase_if(authors, [](const std::string& name) {
    return name.find_first_of("0123456789") != std::string::npos;
  });
  return authors;
}

bool looks_like_byline(std::string_view line) {
  bool had_prefix = false;
  strip_prefix(line, had_prefix);
  if (!had_prefix) return false;
  auto authors = parse_byline(line);
  if (authors.empty()) return false;
  for (const auto& name : authors) {
    // A bound on each name, not on the line: format_byline's "By A, B and C" of many authors
    // outgrew the 120 bytes the whole line was allowed, and the seed read it back as a
    // paragraph (found by fuzz/seed_fuzz).
    if (name.size() > 100) return false;
    // Every word of a name is capitalised, apart from particles such as "de" or "van".
    std::size_t words = 0, capitals = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
      if (i == name.size() || name[i] == ' ') {
        if (i > start) {
          ++words;
          if (starts_with_capital(std::string_view{name}.substr(start, i - start))) ++capitals;
        }
        start = i + 1;
      }
    }
    if (words == 0 || words > 6 || capitals * 2 <= words || !starts_with_capital(name))
      return false;
  }
  return true;
}

std::string format_byline(const std::vector<std::string>& authors) {
  std::string out = "By ";
  for (std::size_t i = 0; i < authors.size(); ++i) {
    if (i > 0) out += (i + 1 == authors.size()) ? " and " : ", ";
    out += authors[i];
  }
  return out;
}

}  // namespace normalize
