#include "dedup/shingles.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <string>

namespace dedup {
namespace {

// FNV-1a over the shingle's bytes, then a splitmix64 finaliser: FNV alone leaves the high bits
// of short inputs poorly mixed, and MinHash takes the high bits.
std::uint64_t hash_bytes(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBULL;
  h ^= h >> 31;
  return h;
}

bool is_word_character(UChar32 c) {
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK;
}

// The text's words, case-folded, as UTF-8. Invalid UTF-8 separates words.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && is_word_character(c)) {
      UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
      char buffer[4];
      std::int32_t used = 0;
      UBool error = false;
      U8_APPEND(reinterpret_cast<std::uint8_t*>(buffer), used, 4, folded, error);
      if (!error) word.append(buffer, static_cast<std::size_t>(used));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace

std::vector<std::uint64_t> shingle_hashes(std::string_view text) {
  std::vector<std::string> words = words_of(text);
  std::vector<std::uint64_t> hashes;
  if (words.empty()) return hashes;
  std::size_t width = std::min(kShingleWords, words.size());
  hashes.reserve(words.size() - width + 1);
  std::string shingle;
  for (std::size_t i = 0; i + width <= words.size(); ++i) {
    shingle.clear();
    for (std::size_t k = 0; k < width; ++k) {
      if (k) shingle.push_back(' ');
      shingle += words[i + k];
    }
    hashes.push_back(hash_bytes(shingle));
  }
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  return hashes;
}

}  // namespace dedup
