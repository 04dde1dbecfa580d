#include "ingest/sources/xml_repair.h"

#include <algorithm>
#include <array>
#include <set>

#include "normalize/html_entities.h"

namespace ingest::sources {
namespace {

constexpr std::array<std::string_view, 5> kXmlNames = {"amp", "lt", "gt", "quot", "apos"};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_' || c == ':';
}

// Copies bytes[i..] up to and including `end` (or everything when it is missing); returns
// the index after it.
std::size_t copy_through(std::string_view bytes, std::size_t i, std::string_view end, std::string& out) {
  auto at = bytes.find(end, i);
  std::size_t stop = at == std::string_view::npos ? bytes.size() : at + end.size();
  out.append(bytes.substr(i, stop - i));
  return stop;
}

// The names a DOCTYPE's internal subset declares as general entities ("<!ENTITY name ...").
void collect_declared(std::string_view doctype, std::set<std::string, std::less<>>& declared) {
  for (auto at = doctype.find("<!ENTITY"); at != std::string_view::npos; at = doctype.find("<!ENTITY", at + 1)) {
    std::size_t i = at + 8;
    while (i < doctype.size() && (doctype[i] == ' ' || doctype[i] == '\t' || doctype[i] == '\n' || doctype[i] == '\r')) ++i;
    if (i < doctype.size() && doctype[i] == '%') continue;  // a parameter entity
    std::size_t start = i;
    while (i < doctype.size() && is_name_char(doctype[i])) ++i;
    if (i > start) declared.emplace(doctype.substr(start, i - start));
  }
}

// The length of a well-formed numeric reference at bytes[i] ("&#233;", "&#xE9;"), else 0.
std::size_t numeric_reference(std::string_view bytes, std::size_t i) {
  std::size_t j = i + 2;
  bool hex = j < bytes.size() && (bytes[j] == 'x' || bytes[j] == 'X');
  if (hex) ++j;
  std::size_t digits = j;
  while (j < bytes.size() && (hex ? std::isxdigit(static_cast<unsigned char>(bytes[j]))
                                  : std::isdigit(static_cast<unsigned char>(bytes[j]))))
    ++j;
  if (j == digits || j >= bytes.size() || bytes[j] != ';') return 0;
  return j + 1 - i;
}

}  // namespace

std::optional<std::string> repair_xml_references(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 64);
  std::set<std::string, std::less<>> declared;
  bool changed = false;
  for (std::size_t i = 0; i < bytes.size();) {
    char c = bytes[i];
    if (c == '<') {
      std::string_view rest = bytes.substr(i);
      if (rest.starts_with("<![CDATA[")) {
        i = copy_through(bytes, i, "]]>", out);
      } else if (rest.starts_with("<!--")) {
        i = copy_through(bytes, i, "-->", out);
      } else if (rest.starts_with("<!DOCTYPE")) {
        // With an internal subset the DOCTYPE ends at "]>"; without one at the first ">".
        auto bracket = rest.find('[');
        auto close = rest.find('>');
        std::size_t start = i;
        i = copy_through(bytes, i, bracket != std::string_view::npos && bracket < close ? "]>" : ">", out);
        collect_declared(bytes.substr(start, i - start), declared);
      } else {
        out.push_back(c);
        ++i;
      }
      continue;
    }
    if (c != '&') {
      out.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 < bytes.size() && bytes[i + 1] == '#') {
      if (std::size_t length = numeric_reference(bytes, i)) {
        out.append(bytes.substr(i, length));
        i += length;
        continue;
      }
    } else {
      std::size_t j = i + 1;
      while (j < bytes.size() && is_name_char(bytes[j])) ++j;
      if (j > i + 1 && j < bytes.size() && bytes[j] == ';') {
        std::string_view name = bytes.substr(i + 1, j - i - 1);
        if (std::ranges::find(kXmlNames, name) != kXmlNames.end() || declared.contains(name)) {
          out.append(bytes.substr(i, j + 1 - i));
          i = j + 1;
          continue;
        }
        if (auto code = normalize::html_entity_code(name)) {
          out += "&#" + std::to_string(static_cast<std::uint32_t>(*code)) + ";";
          i = j + 1;
          changed = true;
          continue;
        }
      }
    }
    // A bare ampersand, or a reference to a name nobody defines: the text as written.
    out += "&amp;";
    ++i;
    changed = true;
  }
  if (!changed) return std::nullopt;
  return out;
}

}  // namespace ingest::sources
