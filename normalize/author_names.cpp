#include "normalize/author_names.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

#include "normalize/html_entities.h"
#include "normalize/text.h"

namespace normalize {
namespace {

// Byline words that pages leave in metadata ("By Jane Doe", "Von Max Muster").
constexpr std::array<std::string_view, 9> kPrefixes = {"by", "von", "por", "par", "de",
                                                       "text", "texto", "автор", "от"};
// Words that join two names, padded with spaces so they only match whole words.
constexpr std::array<std::string_view, 9> kJoiners = {" and ", " und ", " y ", " e ", " et ",
                                                      " og ", " och ", " и ", " & "};

bool has_letter(std::string_view text) {
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    if (c > 0 && u_isalpha(c)) return true;
  }
  return false;
}

// Lower-case letters and digits only, so "STERN.de" and "stern de" compare equal.
std::string fold(std::string_view text) {
  std::string out;
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    if (c < 0 || !u_isalnum(c)) continue;
    if (c < 0x80) {
      out += static_cast<char>(u_tolower(c));
      continue;
    }
    // Other scripts fold too ("ИРИНА" and "Ирина"); a letter whose lower case is longer in
    // UTF-8 than four bytes cannot occur, so the buffer holds any.
    char lower[4];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(lower), length, 4, u_tolower(c), error);
    if (error) out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    else out.append(lower, static_cast<std::size_t>(length));
  }
  return out;
}

// One short word with no capital letter and no dot: a desk code or initials.
bool is_lowercase_code(std::string_view name) {
  if (name.find(' ') != std::string_view::npos || name.find('.') != std::string_view::npos ||
      name.size() > 4)
    return false;
  // News agencies that write their names in lower case.
  for (std::string_view agency : {"dpa", "afp", "ap", "sid", "apa", "kna", "epd", "efe", "ansa"})
    if (name == agency) return false;
  for (int32_t i = 0; i < static_cast<int32_t>(name.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(name.data()), i, static_cast<int32_t>(name.size()), c);
    if (c < 0 || !u_islower(c)) return false;
  }
  return true;
}

// "www.dw.com", "mdr.de", "Lrt.lt": a dot with letters on both sides and no space after it.
bool names_a_domain(std::string_view name) {
  for (std::size_t dot = name.find('.'); dot != std::string_view::npos; dot = name.find('.', dot + 1)) {
    if (dot == 0 || dot + 2 >= name.size()) continue;
    auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (letter(name[dot - 1]) && letter(name[dot + 1]) && letter(name[dot + 2])) {
      std::size_t end = dot + 1;
      while (end < name.size() && letter(name[end])) ++end;
      // "Dr.Max" is not a domain; a top-level domain is short and ends the word.
      if (end - dot - 1 <= 4 && (end == name.size() || name[end] == ' ' || name[end] == ')' ||
                                 name[end] == '/' || name[end] == ','))
        return true;
    }
  }
  return false;
}

// "Story by Ana", "Written by Ana", "Escrito por Ana": a lead-in of one or two words.
std::string_view strip_lead_in(std::string_view name) {
  for (std::string_view by : {" by ", " By ", " por ", " Por "}) {
    auto pos = name.find(by);
    if (pos == std::string_view::npos || pos > 20) continue;
    if (std::count(name.begin(), name.begin() + static_cast<std::ptrdiff_t>(pos), ' ') > 1) continue;
    return trim(name.substr(pos + by.size()));
  }
  return name;
}

std::string strip_prefix(std::string_view name) {
  name = strip_lead_in(trim(name));
  for (auto prefix : kPrefixes) {
    if (name.size() <= prefix.size() + 1) continue;
    if (ascii_lower(name.substr(0, prefix.size())) != prefix &&
        name.substr(0, prefix.size()) != prefix && !(prefix == "автор" && name.starts_with("Автор")))
      continue;
    char next = name[prefix.size()];
    if (next == ':' || (next == ' ' && prefix != "de")) {
      std::string_view rest = trim(name.substr(prefix.size() + 1));
      if (!rest.empty() && rest.front() == ':') rest = trim(rest.substr(1));
      return std::string{rest};
    }
  }
  return std::string{name};
}

// A name ends before a parenthesis or a role written after a separator: "Ana (Reuters)"
// keeps "Ana"; "Ana | Editor" keeps "Ana".
std::string cut_tail(std::string name) {
  for (std::string_view separator : {" (", " | ", " - ", " — ", " – ", " · ", " / "})
    if (auto pos = name.find(separator); pos != std::string::npos && pos > 0) name.resize(pos);
  return std::string{trim(name)};
}

void split_on_joiners(std::string_view text, std::vector<std::string>& out) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t joiner = 0;
    if (text[i] == ',' || text[i] == ';') joiner = 1;
    for (auto j : kJoiners)
      if (text.substr(i).starts_with(j)) joiner = j.size();
    if (joiner) {
      out.emplace_back(trim(text.substr(start, i - start)));
      i += joiner;
      start = i;
    } else {
      ++i;
    }
  }
  out.emplace_back(trim(text.substr(start)));
}

// Starts with a lower-case letter: a role or a place after a name's comma ("enviado especial
// a Quito", "correspondant à Bruxelles", "обозреватель").
bool starts_lower(std::string_view text) {
  if (text.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  return c > 0 && u_islower(c);
}

}  // namespace

bool is_role(std::string_view name) {
  std::string folded = fold(name);
  for (std::string_view role :
       {"reporter", "correspondent", "writer", "journalist", "editor", "columnist", "redakteur",
        "redakteurin", "korrespondent", "periodista", "corresponsal", "journaliste", "correspondant",
        "repórter", "correspondente", "корреспондент", "обозреватель", "журналист"})
    if (folded.size() >= role.size() && folded.compare(folded.size() - role.size(), role.size(), role) == 0 &&
        (name.find(' ') != std::string_view::npos || starts_lower(name)))
      return true;
  return false;
}

std::string family_name_last(std::string_view name) {
  name = trim(name);
  auto comma = name.find(", ");
  if (comma == std::string_view::npos || name.find(',', comma + 1) != std::string_view::npos)
    return std::string{name};
  std::string_view family = trim(name.substr(0, comma)), given = trim(name.substr(comma + 2));
  if (family.empty() || given.empty()) return std::string{name};
  return std::string{given} + " " + std::string{family};
}

std::vector<std::string> clean_author_names(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  std::vector<std::string> seen;
  for (const auto& value : raw) {
    std::string text = collapse_whitespace(decode_html_entities(value));
    if (text.find("://") != std::string::npos || text.starts_with("www.")) continue;
    std::vector<std::string> parts;
    split_on_joiners(strip_prefix(text), parts);
    for (std::string& part : parts) {
      // A list split on its commas leaves the joiner on the last name: "y Beatriz Olmedo".
      for (std::string_view joiner : {"y ", "e ", "et ", "und ", "and ", "и ", "og ", "och "})
        if (part.starts_with(joiner) && !starts_lower(std::string_view{part}.substr(joiner.size())))
          part.erase(0, joiner.size());
      std::string name = cut_tail(strip_prefix(part));
      if (name.empty() || name.size() > 80 || !has_letter(name)) continue;
      // A byline word alone ("By") is what is left when the name sits in the next element.
      std::string lower = ascii_lower(name);
      if (std::find(kPrefixes.begin(), kPrefixes.end(), lower) != kPrefixes.end() ||
          name == "Автор")
        continue;
      if (name.find('@') != std::string::npos || name.find("://") != std::string::npos) continue;
      // Initials and desk codes ("red", "amw") are not names; "nieuwsblad.be" is kept.
      if (is_lowercase_code(name)) continue;
      // "12 March 2024" and "Updated 10:45" are dates the byline ran into.
      if (name.find_first_of("0123456789") != std::string::npos) continue;
      std::string key = fold(name);
      if (std::find(seen.begin(), seen.end(), key) != seen.end() || is_role(name)) continue;
      seen.push_back(key);
      out.push_back(std::move(name));
    }
  }
  // A role or a place written after a name ("enviado especial a Quito", "avec AFP") is no
  // one's name, once some name stands beside it.
  if (std::any_of(out.begin(), out.end(), [](const std::string& n) { return !starts_lower(n); }))
    std::erase_if(out, [](const std::string& n) { return starts_lower(n) && n.find(' ') != std::string::npos; });
  return out;
}

bool is_desk_account(std::string_view name) {
  // The first word, after an article, names a desk or a CMS account: "Redacción El Faro",
  // "La rédaction", "Editorial Staff". fold() lowers every script.
  name = trim(name);
  std::string first = fold(name.substr(0, name.find(' ')));
  for (std::string_view article : {"la", "the", "die", "el", "a", "le"})
    if (first == article && name.find(' ') != std::string_view::npos) {
      name = trim(name.substr(name.find(' ')));
      first = fold(name.substr(0, name.find(' ')));
    }
  for (std::string_view desk :
       {"admin", "administrator", "administrador", "webmaster", "editorial", "staff", "redacción",
        "redaccion", "redação", "redacao", "rédaction", "redaction", "redaktion", "redazione",
        "newsroom", "newsdesk", "web", "equipo", "équipe", "equipe", "team", "редакция", "администратор"})
    if (first == desk) return true;
  return false;
}

bool is_site_name(std::string_view name, const std::vector<std::string>& site_names) {
  if (names_a_domain(name)) return true;
  std::string folded = fold(name);
  if (folded.empty()) return false;
  for (const auto& site : site_names) {
    // Some pages put the article's title in application-name; a name has few words.
    if (std::count(site.begin(), site.end(), ' ') > 3) continue;
    std::string s = fold(site);
    if (s.size() < 2) continue;
    if (folded == s || (s.size() >= 3 && folded.find(s) != std::string::npos) ||
        (folded.size() >= 3 && s.find(folded) != std::string::npos))
      return true;
  }
  return false;
}

std::vector<std::string> choose_authors(const std::vector<std::string>& metadata,
                                        const std::vector<std::string>& byline,
                                        const std::vector<std::string>& site_names) {
  std::vector<std::string> from_metadata = clean_author_names(metadata);
  std::vector<std::string> from_byline = clean_author_names(byline);
  // A desk or CMS account ("Redaktion", "admin") stands in the metadata for the reporters
  // that the visible byline names. Alone, it stays: the corpus signs some articles so
  // ("Redacción de CiberCuba", seed 004).
  auto is_person = [&](const std::string& name) { return !is_site_name(name, site_names) && !is_desk_account(name); };
  if (std::none_of(from_metadata.begin(), from_metadata.end(), is_person) &&
      std::any_of(from_byline.begin(), from_byline.end(), is_person))
    return from_byline;
  // The publisher listed beside the reporters is not an author: "David Straub, MDR".
  if (std::any_of(from_metadata.begin(), from_metadata.end(),
                  [&](const std::string& name) { return !is_site_name(name, site_names); }))
    std::erase_if(from_metadata, [&](const std::string& name) { return is_site_name(name, site_names); });
  bool only_site = std::all_of(from_metadata.begin(), from_metadata.end(),
                               [&](const std::string& name) { return is_site_name(name, site_names); });
  bool byline_names_people =
      std::any_of(from_byline.begin(), from_byline.end(),
                  [&](const std::string& name) { return !is_site_name(name, site_names); });
  if (from_metadata.empty() || (only_site && byline_names_people)) return from_byline;
  // The visible byline names everyone the metadata does, and more ("Ana y Beatriz (EFE)"
  // against a JSON-LD that lists Ana).
  auto in_byline = [&](const std::string& name) {
    return std::any_of(from_byline.begin(), from_byline.end(),
                       [&](const std::string& b) { return fold(b) == fold(name); });
  };
  std::vector<std::string> byline_people = from_byline;
  std::erase_if(byline_people, [&](const std::string& name) { return !is_person(name); });
  if (byline_people.size() > from_metadata.size() && std::all_of(from_metadata.begin(), from_metadata.end(), in_byline))
    return byline_people;
  return from_metadata;
}

}  // namespace normalize
