// Tests for normalize/text.cpp: trimming, case, whitespace, UTF-8 cleaning and accent folding.
#include "normalize/text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace normalize {
namespace {

using namespace std::string_literals;

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    std::size_t length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    unsigned long cp = length == 1 ? b : length == 2 ? (b & 0x1Fu) : length == 3 ? (b & 0x0Fu) : (b & 0x07u);
    for (std::size_t k = 1; k < length; ++k) {
      auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3Fu);
    }
    if ((length == 2 && cp < 0x80) || (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += length;
  }
  return true;
}

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

TEST(Trim, RemovesAsciiWhitespaceAtBothEnds) {
  EXPECT_EQ(trim("  \t hello world \r\n"), "hello world");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \n "), "");
  EXPECT_EQ(trim("inner  space"), "inner  space");
}

TEST(AsciiCase, ChangesOnlyAsciiLetters) {
  EXPECT_EQ(ascii_lower("HeLLo MSK Día"), "hello msk día");
  EXPECT_EQ(ascii_upper("gmt+3 día"), "GMT+3 DíA");
}

TEST(CollapseWhitespace, CollapsesAsciiRunsAndTrims) {
  EXPECT_EQ(collapse_whitespace("  Cuba \t and\n\n Russia  "), "Cuba and Russia");
  EXPECT_EQ(collapse_whitespace(""), "");
  EXPECT_EQ(collapse_whitespace(" \t\n "), "");
}

TEST(CollapseWhitespace, TreatsNbspThinAndZeroWidthSpacesAsSpace) {
  EXPECT_EQ(collapse_whitespace("Cuba\u00A0and\u00A0Russia"), "Cuba and Russia");
  EXPECT_EQ(collapse_whitespace("490\u2009000 civilians"), "490 000 civilians");
  EXPECT_EQ(collapse_whitespace("a\u2009\u00A0 \u200Bb"), "a b");
  EXPECT_EQ(collapse_whitespace("\u00A0\u202Fleading and trailing\u3000\u2003"),
            "leading and trailing");
}

TEST(CollapseWhitespace, KeepsOtherMultibyteCharacters) {
  EXPECT_EQ(collapse_whitespace("Díaz-Canel  — «Россия»"), "Díaz-Canel — «Россия»");
}

TEST(CleanUtf8, LeavesValidNfcTextUnchanged) {
  const std::string text = "Díaz-Canel visitó Москву\tand\nSt. Petersburg — “ok” 😀";
  EXPECT_EQ(clean_utf8(text), text);
}

TEST(CleanUtf8, ReplacesInvalidBytesWithReplacementCharacter) {
  EXPECT_EQ(clean_utf8("abc\xFF" "def"), "abc" + kReplacement + "def");
  EXPECT_EQ(clean_utf8("caf\xE9"), "caf" + kReplacement);  // Latin-1 é

  for (std::string bad : {"\xC0\xAF"s, "\xED\xA0\x80"s, "x\xE2\x82"s, "\x80"s, "\xF5\x80\x80\x80"s}) {
    std::string cleaned = clean_utf8(bad);
    EXPECT_TRUE(is_valid_utf8(cleaned)) << "output of a bad sequence is not UTF-8";
    EXPECT_NE(cleaned.find(kReplacement), std::string::npos);
  }
}

TEST(CleanUtf8, DropsNulAndControlCharactersButKeepsTabAndNewline) {
  EXPECT_EQ(clean_utf8("a\0b"s), "ab");
  EXPECT_EQ(clean_utf8("a\x01\x07\x1B[0mb\x7F"), "a[0mb");
  EXPECT_EQ(clean_utf8("line\tone\nline two\r"), "line\tone\nline two");
}

TEST(CleanUtf8, AppliesNfc) {
  // "e" + COMBINING ACUTE ACCENT becomes the precomposed "é" (C3 A9).
  EXPECT_EQ(clean_utf8("Jose\xCC\x81 Marti\xCC\x81"), "Jos\xC3\xA9 Mart\xC3\xAD");
  EXPECT_EQ(clean_utf8("n\xCC\x83"), "ñ");
}

TEST(FoldAccentsAscii, FoldsLatinAccents) {
  EXPECT_EQ(fold_accents_ascii("miércoles"), "miercoles");
  EXPECT_EQ(fold_accents_ascii("Díaz-Canel Bermúdez"), "Diaz-Canel Bermudez");
  EXPECT_EQ(fold_accents_ascii("Moscú, ñandú, Ça, Ærø"), "Moscu, nandu, Ca, Ærø");
  EXPECT_EQ(fold_accents_ascii("sábado"), "sabado");
}

TEST(FoldAccentsAscii, KeepsAsciiAndCyrillicAsTheyAre) {
  EXPECT_EQ(fold_accents_ascii("plain ASCII, 2026."), "plain ASCII, 2026.");
  EXPECT_EQ(fold_accents_ascii("Куба и Россия"), "Куба и Россия");
}

TEST(FoldAccentsAscii, KeepsCyrillicLettersWhoseDiacriticIsPartOfTheLetter) {
  EXPECT_EQ(fold_accents_ascii("Май 2025"), "Май 2025");
  EXPECT_EQ(fold_accents_ascii("ёлка"), "ёлка");
}

}  // namespace
}  // namespace normalize
