#include "metrics/names.h"

#include <cstddef>
#include <optional>

namespace metrics {
namespace {

bool is_letter_or_underscore(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The length of the well-formed UTF-8 sequence starting at `at`, or nullopt. The ranges
// are those of the Unicode standard's table 3-7, which rules out overlong forms, surrogates
// and code points past U+10FFFF by the second byte.
std::optional<std::size_t> sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return std::nullopt;
  }
  if (text.size() - at < length) return std::nullopt;
  if (byte(1) < low || byte(1) > high) return std::nullopt;
  for (std::size_t i = 2; i < length; ++i)
    if (byte(i) < 0x80 || byte(i) > 0xBF) return std::nullopt;
  return length;
}

}  // namespace

bool is_metric_name(std::string_view name) {
  if (name.empty() || !(is_letter_or_underscore(name[0]) || name[0] == ':')) return false;
  for (char c : name)
    if (!(is_letter_or_underscore(c) || is_digit(c) || c == ':')) return false;
  return true;
}

bool is_label_name(std::string_view name) {
  if (name.empty() || !is_letter_or_underscore(name[0]) || name.starts_with("__")) return false;
  for (char c : name)
    if (!(is_letter_or_underscore(c) || is_digit(c))) return false;
  return true;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const auto length = sequence_length(text, at);
    if (!length) return false;
    at += *length;
  }
  return true;
}

std::string to_valid_utf8(std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string valid;
  valid.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    if (const auto length = sequence_length(text, at)) {
      valid.append(text.substr(at, *length));
      at += *length;
    } else {
      // One replacement per bad byte: simple, and a label value stays recognisable.
      valid.append(kReplacement);
      ++at;
    }
  }
  return valid;
}

}  // namespace metrics
