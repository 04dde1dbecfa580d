#include "normalize/text.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cctype>
#include <memory>

namespace normalize {
namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Multi-byte spaces seen in news HTML: NBSP, en/em/thin spaces, zero-width space, narrow
// NBSP, ideographic space. Returns the byte length of the space at `pos`, or 0.
std::size_t unicode_space_length(std::string_view text, std::size_t pos) {
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  std::size_t left = text.size() - pos;
  if (left >= 2 && at(0) == 0xC2 && at(1) == 0xA0) return 2;
  if (left >= 3 && at(0) == 0xE2 && at(1) == 0x80 &&
      ((at(2) >= 0x80 && at(2) <= 0x8B) || at(2) == 0xAF))
    return 3;
  if (left >= 3 && at(0) == 0xE3 && at(1) == 0x80 && at(2) == 0x80) return 3;
  return 0;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string ascii_lower(std::string_view text) {
  std::string out{text};
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string ascii_upper(std::string_view text) {
  std::string out{text};
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string collapse_whitespace(std::string_view text) {
  // Bytes that may start whitespace: the ASCII spaces and the lead bytes of the Unicode
  // spaces above. Everything else is copied in runs, which is most of any text.
  static constexpr auto kMaybeSpace = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) table[c] = true;
    for (std::size_t c : {0xC2u, 0xE2u, 0xE3u}) table[c] = true;
    return table;
  }();
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run = i;
    while (run < text.size()) {
      if (!kMaybeSpace[static_cast<unsigned char>(text[run])]) {
        ++run;
      } else if (text[run] == ' ' && run > i && run + 1 < text.size() &&
                 !kMaybeSpace[static_cast<unsigned char>(text[run + 1])]) {
        run += 2;  // one space between words is already what the result holds
      } else {
        break;
      }
    }
    if (run > i) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.append(text.substr(i, run - i));
      i = run;
      continue;
    }
    std::size_t space = is_ascii_space(text[i]) ? 1 : unicode_space_length(text, i);
    if (space) {
      pending_space = true;
      i += space;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(text[i++]);
  }
  return out;
}

std::size_t first_invalid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::string_view::npos;
}

std::string clean_utf8(std::string_view text) {
  std::string valid;
  valid.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      valid += "\xEF\xBF\xBD";
      continue;
    }
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) continue;
    valid.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return valid;
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(valid);
  if (nfc->isNormalized(unicode, status) && U_SUCCESS(status)) return valid;
  status = U_ZERO_ERROR;
  icu::UnicodeString normalized = nfc->normalize(unicode, status);
  if (U_FAILURE(status)) return valid;
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

std::string fold_accents_ascii(std::string_view text) {
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string{text};
  // The transliterator is costly to build and not thread-safe to share, so each thread
  // keeps its own. Its filter keeps it to Latin letters: the breve of Cyrillic "й" is part of
  // the letter, not an accent.
  thread_local std::unique_ptr<icu::Transliterator> folder = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t{icu::Transliterator::createInstance(
        "[[:Latin:][:Mn:]]; NFD; [:Nonspacing Mark:] Remove; NFC", UTRANS_FORWARD, status)};
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  if (!folder) return std::string{text};
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  folder->transliterate(unicode);
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

}  // namespace normalize
