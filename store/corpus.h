#pragma once
// The corpus folder: registering existing files (the seeds) for deduplication and numbering,
// and the body hash. Writing approved items into it is export.h's, included here so that one
// header serves the corpus's callers.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/export.h"
#include "store/items.h"

namespace store {

struct CorpusFile {
  std::string file_name;
  int number = 0;
  std::string title;
  std::string canonical_url;
  std::string body_hash;
};

// An item that was waiting for review or export and turned out to repeat a corpus file.
struct CorpusDuplicate {
  std::int64_t item_id = 0;
  std::string corpus_file;
  DuplicateKind kind = DuplicateKind::exact;  // exact or near
  std::optional<double> similarity;           // near: the estimated resemblance
  ItemState was = ItemState::flagged;         // stored, flagged or approved
};

struct ImportReport {
  std::vector<std::string> registered;  // file names newly registered
  std::vector<std::string> known;       // already registered before
  std::vector<std::string> errors;      // one message per unreadable file, naming it
  // Items already in the store (stored, flagged or approved, not yet exported) that a newly
  // registered file holds: they are now duplicates of it and leave the queue.
  std::vector<CorpusDuplicate> duplicates;
};

// Reads every NNN_<16 hex>.txt in `folder` with the seed parser and registers it. A file that
// cannot be read or parsed is reported in errors; the others are still registered. Each new
// file is checked against the items not yet exported, so the corpus deduplicates whatever
// the order: a pass before the import finds the same duplicates as a pass after it.
std::expected<ImportReport, Error> import_corpus(Database& db, const std::filesystem::path& folder);

// Records a corpus file and the item it came from (none for imported files). A name already
// registered is left as it was. Runs in the caller's transaction.
std::expected<void, Error> register_corpus_file(Database& db, const CorpusFile& file,
                                                std::optional<std::int64_t> item_id);

// The registered corpus file whose text this is (same body hash) or nearly is (the MinHash
// index), if any: export refuses such an item.
std::expected<std::optional<Duplicate>, Error> corpus_duplicate(Database& db, const std::string& body_hash,
                                                                const dedup::Fingerprint& fingerprint);

// The body hash used for exact duplicates: FNV-1a 64 over the case-folded words (runs of
// Unicode letters and digits) of the text, so whitespace, punctuation and inline marks do not
// matter.
std::string body_hash(std::string_view plain_text);

}  // namespace store
