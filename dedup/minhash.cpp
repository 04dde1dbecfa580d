#include "dedup/minhash.h"

#include <algorithm>
#include <limits>

#include "dedup/shingles.h"

namespace dedup {
namespace {

std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Slot i hashes a shingle as the high 32 bits of a_i * x + b_i (multiply-shift, a_i odd): one
// multiplication per slot, and the shingle hashes are already well mixed. The constants are
// derived from fixed seeds, so fingerprints stored by one build are read by the next.
struct SlotHashes {
  std::array<std::uint64_t, kSlots> a{};
  std::array<std::uint64_t, kSlots> b{};
  SlotHashes() {
    for (std::size_t i = 0; i < kSlots; ++i) {
      a[i] = splitmix(2 * i + 1) | 1;
      b[i] = splitmix(2 * i + 2);
    }
  }
};

const SlotHashes& slot_hashes() {
  static const SlotHashes hashes;
  return hashes;
}

// |A ∩ B| estimated from the resemblance J = |A ∩ B| / |A ∪ B| and the two sizes.
double estimated_intersection(const Fingerprint& a, const Fingerprint& b, double j) {
  return j * (double(a.shingles) + double(b.shingles)) / (1.0 + j);
}

// The shorter text's share in the longer, from their resemblance `j`.
double containment_at(const Fingerprint& a, const Fingerprint& b, double j) {
  if (j == 0) return 0;
  double shorter = double(std::min(a.shingles, b.shingles));
  return std::min(1.0, estimated_intersection(a, b, j) / shorter);
}

}  // namespace

Fingerprint fingerprint_of_shingles(const std::vector<std::uint64_t>& shingle_hashes) {
  Fingerprint f;
  f.shingles = static_cast<std::uint32_t>(std::min<std::size_t>(shingle_hashes.size(),
                                                                std::numeric_limits<std::uint32_t>::max()));
  f.minima.fill(std::numeric_limits<std::uint32_t>::max());
  const SlotHashes& h = slot_hashes();
  for (std::uint64_t x : shingle_hashes)
    for (std::size_t i = 0; i < kSlots; ++i)
      f.minima[i] = std::min(f.minima[i], static_cast<std::uint32_t>((h.a[i] * x + h.b[i]) >> 32));
  return f;
}

Fingerprint fingerprint(std::string_view text) { return fingerprint_of_shingles(shingle_hashes(text)); }

double resemblance(const Fingerprint& a, const Fingerprint& b) {
  if (a.shingles == 0 || b.shingles == 0) return 0;
  std::size_t equal = 0;
  for (std::size_t i = 0; i < kSlots; ++i) equal += a.minima[i] == b.minima[i];
  return double(equal) / double(kSlots);
}

double containment(const Fingerprint& a, const Fingerprint& b) {
  return containment_at(a, b, resemblance(a, b));
}

std::optional<Similarity> near_duplicate(const Fingerprint& a, const Fingerprint& b) {
  double j = resemblance(a, b);
  Similarity s{j, containment_at(a, b, j)};
  if (s.resemblance >= kNearResemblance) return s;
  // Containment is only trusted when the lengths are comparable: for a short text inside a
  // long one, the few equal slots it rests on are mostly chance.
  double ratio = double(std::min(a.shingles, b.shingles)) / double(std::max(a.shingles, b.shingles));
  if (ratio >= kContainmentMinLengthRatio && s.containment >= kNearContainment) return s;
  return std::nullopt;
}

std::array<std::int64_t, kBands> band_keys(const Fingerprint& fingerprint) {
  std::array<std::int64_t, kBands> keys{};
  for (std::size_t band = 0; band < kBands; ++band) {
    std::uint64_t h = splitmix(0xB5AD4ECEDA1CE2A9ULL * (band + 1));
    for (std::size_t row = 0; row < kRowsPerBand; ++row)
      h = splitmix(h ^ fingerprint.minima[band * kRowsPerBand + row]);
    keys[band] = static_cast<std::int64_t>(h);
  }
  return keys;
}

std::string encode(const Fingerprint& fingerprint) {
  std::string blob;
  blob.reserve(kSlots * 4);
  for (std::uint32_t m : fingerprint.minima)
    for (int shift = 0; shift < 32; shift += 8) blob.push_back(static_cast<char>((m >> shift) & 0xFF));
  return blob;
}

std::optional<Fingerprint> decode(std::string_view blob, std::uint32_t shingles) {
  if (blob.size() != kSlots * 4) return std::nullopt;
  Fingerprint f;
  f.shingles = shingles;
  for (std::size_t i = 0; i < kSlots; ++i) {
    std::uint32_t m = 0;
    for (std::size_t k = 0; k < 4; ++k)
      m |= std::uint32_t{static_cast<unsigned char>(blob[i * 4 + k])} << (8 * k);
    f.minima[i] = m;
  }
  return f;
}

}  // namespace dedup
