#pragma once
// The units texts are compared in: three-word shingles. Words are runs of letters, digits and
// combining marks (any script), case-folded with ICU, so case, punctuation, whitespace and
// inline markup do not change a text's shingles.
#include <cstdint>
#include <string_view>
#include <vector>

namespace dedup {

// Words per shingle. Three is short enough that a corrected word disturbs only three
// shingles, and long enough that two texts on one subject share few of them.
constexpr std::size_t kShingleWords = 3;

// The distinct 64-bit hashes of the text's shingles, sorted. A text of fewer than three words
// has one shingle of all its words; an empty text has none.
std::vector<std::uint64_t> shingle_hashes(std::string_view text);

}  // namespace dedup
