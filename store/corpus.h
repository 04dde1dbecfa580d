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

namespace store {

struct CorpusFile {
  std::string file_name;
  int number = 0;
  std::string title;
  std::string canonical_url;
  std::string body_hash;
};

struct ImportReport {
  std::vector<std::string> registered;  // file names newly registered
  std::vector<std::string> known;       // already registered before
  std::vector<std::string> errors;      // one message per unreadable file, naming it
};

// Reads every NNN_<16 hex>.txt in `folder` with the seed parser and registers it. A file that
// cannot be read or parsed is reported in errors; the others are still registered.
std::expected<ImportReport, Error> import_corpus(Database& db, const std::filesystem::path& folder);

// Records a corpus file and the item it came from (none for imported files). A name already
// registered is left as it was. Runs in the caller's transaction.
std::expected<void, Error> register_corpus_file(Database& db, const CorpusFile& file,
                                                std::optional<std::int64_t> item_id);

// The body hash used for exact duplicates: FNV-1a 64 over the case-folded words (runs of
// Unicode letters and digits) of the text, so whitespace, punctuation and inline marks do not
// matter.
std::string body_hash(std::string_view plain_text);

}  // namespace store
