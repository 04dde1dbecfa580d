#include "store/fingerprints.h"

namespace store {

std::expected<void, Error> remove_fingerprint(Database& db, const FingerprintOwner& owner) {
  std::optional<std::int64_t> previous;
  {
    // One statement per kind of owner, each on its own unique index: "item_id IS ?1 AND
    // corpus_file IS ?2" is planned on the item_id index, which for a corpus file (item_id
    // NULL) walks every corpus row and made importing a corpus quadratic.
    auto old = owner.item_id ? db.prepare_cached("SELECT id FROM fingerprints WHERE item_id = ?1")
                             : db.prepare_cached("SELECT id FROM fingerprints WHERE corpus_file = ?1");
    if (!old) return std::unexpected(old.error());
    if (owner.item_id) old->bind(1, *owner.item_id);
    else old->bind(1, owner.corpus_file);
    auto row = old->step();
    if (!row) return std::unexpected(row.error());
    if (*row) previous = old->column_int(0);
  }
  if (previous) {
    auto drop_bands = db.prepare_cached("DELETE FROM fingerprint_bands WHERE fingerprint_id = ?1");
    if (!drop_bands) return std::unexpected(drop_bands.error());
    if (auto r = drop_bands->bind(1, *previous).run(); !r) return r;
    auto drop = db.prepare_cached("DELETE FROM fingerprints WHERE id = ?1");
    if (!drop) return std::unexpected(drop.error());
    if (auto r = drop->bind(1, *previous).run(); !r) return r;
  }
  return {};
}

std::expected<void, Error> put_fingerprint(Database& db, const FingerprintOwner& owner,
                                           const dedup::Fingerprint& fingerprint) {
  if (fingerprint.shingles == 0) return {};
  // Replacing: the old keys go with the old row.
  if (auto r = remove_fingerprint(db, owner); !r) return r;
  auto insert = db.prepare_cached(
      "INSERT INTO fingerprints (item_id, corpus_file, shingles, minima) VALUES (?1, ?2, ?3, ?4)");
  if (!insert) return std::unexpected(insert.error());
  if (owner.item_id) insert->bind(1, *owner.item_id);
  else insert->bind_null(1);
  insert->bind(2, owner.corpus_file)
      .bind(3, static_cast<std::int64_t>(fingerprint.shingles))
      .bind_blob(4, dedup::encode(fingerprint));
  if (auto r = insert->run(); !r) return r;
  std::int64_t id = db.last_insert_id();
  auto band = db.prepare_cached(
      "INSERT OR IGNORE INTO fingerprint_bands (key, fingerprint_id) VALUES (?1, ?2)");
  if (!band) return std::unexpected(band.error());
  for (std::int64_t key : dedup::band_keys(fingerprint))
    if (auto r = band->bind(1, key).bind(2, id).run(); !r) return r;
  return {};
}

std::expected<std::vector<NearMatch>, Error> near_duplicates(Database& db, const dedup::Fingerprint& fingerprint,
                                                             std::int64_t excluding_item) {
  std::vector<NearMatch> found;
  if (fingerprint.shingles == 0) return found;
  auto keys = dedup::band_keys(fingerprint);
  // One statement for the 16 keys: each is a point lookup in the band index, and DISTINCT
  // reads a candidate sharing several bands once.
  static const std::string sql = [] {
    std::string text =
        "SELECT DISTINCT f.id, f.item_id, f.corpus_file, f.shingles, f.minima FROM fingerprint_bands b "
        "JOIN fingerprints f ON f.id = b.fingerprint_id WHERE b.key IN (";
    for (std::size_t i = 0; i < dedup::kBands; ++i) text += (i ? ",?" : "?") + std::to_string(i + 1);
    return text + ") AND (f.item_id IS NULL OR f.item_id != ?" + std::to_string(dedup::kBands + 1) + ")";
  }();
  auto stmt = db.prepare_cached(sql);
  if (!stmt) return std::unexpected(stmt.error());
  for (std::size_t i = 0; i < keys.size(); ++i) stmt->bind(static_cast<int>(i + 1), keys[i]);
  stmt->bind(static_cast<int>(keys.size() + 1), excluding_item);
  while (true) {
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    auto candidate = dedup::decode(stmt->column_blob(4), static_cast<std::uint32_t>(stmt->column_int(3)));
    if (!candidate) continue;  // a damaged row cannot match; the rest of the index still works
    auto similarity = dedup::near_duplicate(fingerprint, *candidate);
    if (!similarity) continue;
    FingerprintOwner owner;
    if (!stmt->column_is_null(1)) owner.item_id = stmt->column_int(1);
    owner.corpus_file = stmt->column_optional_text(2);
    found.push_back(NearMatch{std::move(owner), *similarity});
  }
  return found;
}

std::expected<std::optional<NearMatch>, Error> find_near_duplicate(Database& db,
                                                                   const dedup::Fingerprint& fingerprint,
                                                                   std::int64_t excluding_item) {
  auto found = near_duplicates(db, fingerprint, excluding_item);
  if (!found) return std::unexpected(found.error());
  std::optional<NearMatch> best;
  for (auto& match : *found) {
    bool better = !best || match.similarity.resemblance > best->similarity.resemblance ||
                  (match.similarity.resemblance == best->similarity.resemblance && match.owner.corpus_file &&
                   !best->owner.corpus_file);
    if (better) best = std::move(match);
  }
  return best;
}

std::expected<bool, Error> has_corpus_fingerprint(Database& db, const std::string& corpus_file) {
  auto stmt = db.prepare_cached("SELECT 1 FROM fingerprints WHERE corpus_file = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, corpus_file);
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  return *row;
}

}  // namespace store
