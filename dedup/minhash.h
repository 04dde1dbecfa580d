#pragma once
// MinHash fingerprints of texts and the banded keys the store indexes them by.
//
// A fingerprint keeps, for each of 64 independent hash functions, the smallest hash over the
// text's shingles. Two texts agree on a slot with probability equal to the Jaccard
// resemblance of their shingle sets, so the share of equal slots estimates it (standard error
// at most 0.0625). A copy under another outlet's boilerplate, a corrected version or a wire
// story cut short keeps most shingles (median resemblance 0.75-0.92 on fundus-dev copies,
// docs/benchmarks.md); two articles written separately, even on the same event, share almost
// none (at most 0.047 over 11,780 pairs).
//
// The 64 slots are cut into 16 bands of 2; each band is hashed into one key. Texts sharing a
// key are candidates; at resemblance 0.5 a pair shares at least one key with probability
// 0.99, at 0.02 with under 0.01, so a lookup reads a handful of candidates, not the store.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dedup {

constexpr std::size_t kSlots = 64;
// The bands use the first 32 slots; all 64 estimate the resemblance. Bands of two slots
// make a resemblance of 0.5 share a key 99% of the time (four-slot bands: 64%).
constexpr std::size_t kBands = 16;
constexpr std::size_t kRowsPerBand = 2;
static_assert(kBands * kRowsPerBand <= kSlots);

// The calibrated thresholds (docs/benchmarks.md, "Near-duplicate calibration"): estimated
// resemblance at or above kNearResemblance, or, for texts of comparable length, the shorter
// one contained in the longer at kNearContainment.
constexpr double kNearResemblance = 0.5;
constexpr double kNearContainment = 0.9;
constexpr double kContainmentMinLengthRatio = 0.25;

struct Fingerprint {
  std::array<std::uint32_t, kSlots> minima{};
  std::uint32_t shingles = 0;  // distinct shingles in the text; 0 for an empty text

  bool operator==(const Fingerprint&) const = default;
};

Fingerprint fingerprint(std::string_view text);
Fingerprint fingerprint_of_shingles(const std::vector<std::uint64_t>& shingle_hashes);

// Estimated Jaccard resemblance of the two texts' shingle sets, 0..1 (0 if either is empty).
double resemblance(const Fingerprint& a, const Fingerprint& b);

// Estimated share of the shorter text's shingles found in the longer one, 0..1.
double containment(const Fingerprint& a, const Fingerprint& b);

// Why two texts are near duplicates, or nullopt when they are not.
struct Similarity {
  double resemblance = 0;
  double containment = 0;
};
std::optional<Similarity> near_duplicate(const Fingerprint& a, const Fingerprint& b);

// One key per band; equal keys mean equal minima in that band (up to 64-bit collisions).
std::array<std::int64_t, kBands> band_keys(const Fingerprint& fingerprint);

// A fixed-size little-endian encoding for storage (4 bytes per slot), and its reading; a blob of
// the wrong size is nullopt.
std::string encode(const Fingerprint& fingerprint);
std::optional<Fingerprint> decode(std::string_view blob, std::uint32_t shingles);

}  // namespace dedup
