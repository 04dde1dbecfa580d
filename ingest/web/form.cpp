#include "ingest/web/form.h"

#include <unicode/utf8.h>

#include <charconv>

namespace ingest::web {
namespace {

constexpr std::size_t kMaxFields = 1000;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::expected<std::string, std::string> decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= text.size()) return std::unexpected("a '%' without two hex digits");
      int high = hex_digit(text[i + 1]), low = hex_digit(text[i + 2]);
      if (high < 0 || low < 0) return std::unexpected("a '%' without two hex digits");
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += c;
    }
  }
  // Valid UTF-8 without control characters (tab and line breaks aside, which a note holds).
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(out.data());
  const auto length = static_cast<std::int32_t>(out.size());
  for (std::int32_t at = 0; at < length;) {
    UChar32 cp = 0;
    U8_NEXT(bytes, at, length, cp);
    if (cp < 0) return std::unexpected("a value that is not UTF-8");
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7f)
      return std::unexpected("a control character in a value");
  }
  return out;
}

}  // namespace

std::optional<std::string> Form::get(std::string_view name) const {
  for (const auto& [key, value] : fields)
    if (key == name) return value;
  return std::nullopt;
}

std::optional<std::string> Form::non_empty(std::string_view name) const {
  auto value = get(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

std::vector<std::string> Form::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : fields)
    if (key == name) out.push_back(value);
  return out;
}

std::expected<Form, std::string> parse_form(std::string_view text) {
  Form form;
  while (!text.empty()) {
    auto amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (pair.empty()) continue;
    if (form.fields.size() == kMaxFields) return std::unexpected("more than 1000 fields");
    auto eq = pair.find('=');
    auto name = decode(pair.substr(0, eq));
    if (!name) return std::unexpected(name.error());
    auto value = decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
    if (!value) return std::unexpected(value.error());
    form.fields.emplace_back(std::move(*name), std::move(*value));
  }
  return form;
}

std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t value = 0;
  if (text.empty() || text.front() == '-') return std::nullopt;
  auto read = std::from_chars(text.data(), text.data() + text.size(), value);
  if (read.ec != std::errc{} || read.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string_view query_of(std::string_view target) {
  auto q = target.find('?');
  return q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string{pair.substr(eq + 1)};
  }
  return std::nullopt;
}

}  // namespace ingest::web
