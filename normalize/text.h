#pragma once
// Small text utilities shared by the extractor, the seed format and the date parsers.
// All take and return UTF-8; none allocate more than their result.
#include <string>
#include <string_view>

namespace normalize {

std::string_view trim(std::string_view text);
std::string ascii_lower(std::string_view text);
std::string ascii_upper(std::string_view text);
// Collapses every run of Unicode-ish whitespace (ASCII space, tab, newlines, NBSP, thin and
// zero-width spaces) to one ASCII space and trims both ends.
std::string collapse_whitespace(std::string_view text);
// Replaces bytes that are not valid UTF-8 with U+FFFD, drops NUL and other C0 controls
// except tab and newline, then applies Unicode NFC.
std::string clean_utf8(std::string_view text);
// The byte offset of the first sequence that is not valid UTF-8, or npos when all is valid.
std::size_t first_invalid_utf8(std::string_view text);
// Latin letters with accents folded to ASCII ("miércoles" -> "miercoles"); other characters
// are kept. For matching words whose accents writers drop inconsistently.
std::string fold_accents_ascii(std::string_view text);

}  // namespace normalize
