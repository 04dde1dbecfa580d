#pragma once
// The near-duplicate index: MinHash fingerprints of stored items and corpus files, found by
// their band keys (dedup/minhash.h) so that a lookup reads a few candidates whatever the size
// of the store. Functions run inside the caller's transaction when there is one.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "dedup/minhash.h"
#include "store/database.h"

namespace store {

// Whose text a fingerprint is: an item or a corpus file.
struct FingerprintOwner {
  std::optional<std::int64_t> item_id;
  std::optional<std::string> corpus_file;
};

struct NearMatch {
  FingerprintOwner owner;
  dedup::Similarity similarity;
};

// Stores (or replaces) the owner's fingerprint and its band keys. An empty text's fingerprint
// is not stored: it would match nothing.
std::expected<void, Error> put_fingerprint(Database& db, const FingerprintOwner& owner,
                                           const dedup::Fingerprint& fingerprint);

// Removes the owner's fingerprint and its band keys, if it has one.
std::expected<void, Error> remove_fingerprint(Database& db, const FingerprintOwner& owner);

// The most similar stored text that is a near duplicate of `fingerprint`, corpus files first
// on a tie, leaving out the item `excluding_item` (the one being checked).
std::expected<std::optional<NearMatch>, Error> find_near_duplicate(Database& db,
                                                                   const dedup::Fingerprint& fingerprint,
                                                                   std::int64_t excluding_item);

// Every stored text that is a near duplicate of `fingerprint`, in no particular order,
// leaving out the item `excluding_item` (0: none).
std::expected<std::vector<NearMatch>, Error> near_duplicates(Database& db, const dedup::Fingerprint& fingerprint,
                                                             std::int64_t excluding_item);

// Whether the corpus file has a fingerprint (files registered before the index existed do not).
std::expected<bool, Error> has_corpus_fingerprint(Database& db, const std::string& corpus_file);

}  // namespace store
