#pragma once
// A 64-bit SimHash (Charikar) over word shingles: texts that share most of their three-word
// sequences get fingerprints a few bits apart, whatever else surrounds them (a different
// outlet's boilerplate, a corrected sentence), while two articles on the same event, written
// separately, share few shingles and land far apart.
#include <array>
#include <cstdint>
#include <string_view>

namespace dedup {

// Words are runs of letters and digits (any script), case-folded with ICU; shingles are three
// consecutive words. A text of fewer than three words is fingerprinted by its words.
std::uint64_t simhash(std::string_view text);

// How many bits two fingerprints differ in.
int hamming_distance(std::uint64_t a, std::uint64_t b);

// The fingerprint cut into four 16-bit bands. Two fingerprints at most 3 bits apart agree on
// at least one band (pigeonhole), so an index keyed by (band number, band value) finds every
// such pair by looking at four keys, not at every stored fingerprint.
std::array<std::uint16_t, 4> bands(std::uint64_t fingerprint);

}  // namespace dedup
