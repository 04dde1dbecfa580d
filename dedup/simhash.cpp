#include "dedup/simhash.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <bit>
#include <string>
#include <vector>

namespace dedup {
namespace {

// FNV-1a over the shingle's bytes, then a splitmix64 finaliser: FNV alone leaves the high bits
// of short inputs poorly mixed, and SimHash weighs every bit alike.
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

// The text's words, case-folded, as UTF-8.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK)) {
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

std::uint64_t simhash(std::string_view text) {
  std::vector<std::string> words = words_of(text);
  std::array<int, 64> votes{};
  auto vote = [&votes](std::uint64_t h) {
    for (int bit = 0; bit < 64; ++bit) votes[bit] += (h >> bit) & 1 ? 1 : -1;
  };
  constexpr std::size_t kShingle = 3;
  if (words.size() < kShingle) {
    for (const auto& w : words) vote(hash_bytes(w));
  } else {
    std::string shingle;
    for (std::size_t i = 0; i + kShingle <= words.size(); ++i) {
      shingle.clear();
      for (std::size_t k = 0; k < kShingle; ++k) {
        if (k) shingle.push_back(' ');
        shingle += words[i + k];
      }
      vote(hash_bytes(shingle));
    }
  }
  std::uint64_t fingerprint = 0;
  for (int bit = 0; bit < 64; ++bit)
    if (votes[bit] > 0) fingerprint |= std::uint64_t{1} << bit;
  return fingerprint;
}

int hamming_distance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

std::array<std::uint16_t, 4> bands(std::uint64_t fingerprint) {
  return {static_cast<std::uint16_t>(fingerprint), static_cast<std::uint16_t>(fingerprint >> 16),
          static_cast<std::uint16_t>(fingerprint >> 32), static_cast<std::uint16_t>(fingerprint >> 48)};
}

}  // namespace dedup
