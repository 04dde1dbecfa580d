#pragma once
// The corpus folder: registering existing files (the seeds) for deduplication and numbering,
// and writing approved items as new files. Files are written to a temporary name, flushed
// and renamed, and recorded in the same step, so a crash never leaves half a file or a file
// the store does not know.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "store/database.h"

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

// Writes every approved item to `folder` as the next numbered file after the highest number
// present there or registered, marks it exported and registers it. Returns the new file
// names in order.
std::expected<std::vector<std::string>, Error> export_approved(Database& db,
                                                               const std::filesystem::path& folder);

// The body hash used for exact duplicates: FNV-1a 64 over the case-folded words (runs of
// Unicode letters and digits) of the text, so whitespace, punctuation and inline marks do not
// matter.
std::string body_hash(std::string_view plain_text);

}  // namespace store
