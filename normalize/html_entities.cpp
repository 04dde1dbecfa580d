#include "normalize/html_entities.h"

#include <libxml/HTMLparser.h>
#include <unicode/utf8.h>

#include <array>
#include <charconv>
#include <utility>

namespace normalize {
namespace {

// The named references seen in news feeds: HTML's basics, typography, and the Latin letters
// of the outlets' languages. Not the full HTML table; unknown names stay as written.
constexpr std::array<std::pair<std::string_view, char32_t>, 54> kNamed = {{
    {"amp", U'&'},      {"lt", U'<'},       {"gt", U'>'},       {"quot", U'"'},
    {"apos", U'\''},    {"nbsp", U'\u00A0'}, {"rsquo", U'\u2019'}, {"lsquo", U'\u2018'},
    {"rdquo", U'\u201D'}, {"ldquo", U'\u201C'}, {"sbquo", U'\u201A'}, {"bdquo", U'\u201E'},
    {"laquo", U'\u00AB'}, {"raquo", U'\u00BB'}, {"ndash", U'\u2013'}, {"mdash", U'\u2014'},
    {"hellip", U'\u2026'}, {"middot", U'\u00B7'}, {"bull", U'\u2022'}, {"copy", U'\u00A9'},
    {"reg", U'\u00AE'},  {"trade", U'\u2122'}, {"deg", U'\u00B0'},  {"euro", U'\u20AC'},
    {"aacute", U'\u00E1'}, {"eacute", U'\u00E9'}, {"iacute", U'\u00ED'}, {"oacute", U'\u00F3'},
    {"uacute", U'\u00FA'}, {"Aacute", U'\u00C1'}, {"Eacute", U'\u00C9'}, {"Iacute", U'\u00CD'},
    {"Oacute", U'\u00D3'}, {"Uacute", U'\u00DA'}, {"ntilde", U'\u00F1'}, {"Ntilde", U'\u00D1'},
    {"uuml", U'\u00FC'},  {"Uuml", U'\u00DC'},  {"ouml", U'\u00F6'},  {"auml", U'\u00E4'},
    {"ccedil", U'\u00E7'}, {"Ccedil", U'\u00C7'}, {"agrave", U'\u00E0'}, {"egrave", U'\u00E8'},
    {"ecirc", U'\u00EA'}, {"ocirc", U'\u00F4'}, {"atilde", U'\u00E3'}, {"otilde", U'\u00F5'},
    {"iexcl", U'\u00A1'}, {"iquest", U'\u00BF'}, {"ordm", U'\u00BA'}, {"ordf", U'\u00AA'},
    {"szlig", U'\u00DF'}, {"shy", U'\u00AD'},
}};

void append_utf8(std::string& out, char32_t c) {
  uint8_t buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, 4, static_cast<UChar32>(c), error);
  if (!error) out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

// Decodes the reference starting at text[0] == '&'; returns its length, 0 if none.
std::size_t decode_one(std::string_view text, std::string& out) {
  auto semicolon = text.find(';');
  if (semicolon == std::string_view::npos || semicolon < 2 || semicolon > 10) return 0;
  std::string_view name = text.substr(1, semicolon - 1);
  if (name.front() == '#') {
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string_view digits = name.substr(hex ? 2 : 1);
    std::uint32_t code = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
    // NUL, surrogates and values beyond Unicode are not characters.
    if (ec != std::errc{} || end != digits.data() + digits.size() || code == 0 || code > 0x10FFFF ||
        (code >= 0xD800 && code <= 0xDFFF))
      return 0;
    append_utf8(out, static_cast<char32_t>(code));
    return semicolon + 1;
  }
  if (auto code = html_entity_code(name)) {
    append_utf8(out, *code);
    return semicolon + 1;
  }
  return 0;
}

}  // namespace

std::optional<char32_t> html_entity_code(std::string_view name) {
  for (const auto& [entity, code] : kNamed)
    if (name == entity) return code;
  if (name.empty() || name.size() > 10) return std::nullopt;
  std::string zero_terminated{name};
  if (const htmlEntityDesc* known = htmlEntityLookup(reinterpret_cast<const xmlChar*>(zero_terminated.c_str())))
    return static_cast<char32_t>(known->value);
  return std::nullopt;
}

std::string decode_html_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) amp = text.size();
    out.append(text.substr(i, amp - i));  // text without references goes across in one piece
    i = amp;
    if (i == text.size()) break;
    if (std::size_t used = decode_one(text.substr(i), out)) {
      i += used;
      continue;
    }
    out.push_back(text[i++]);
  }
  return out;
}

}  // namespace normalize
