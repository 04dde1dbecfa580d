#pragma once
// Exporting approved items into the corpus folder as NNN_<id>.txt, such that a crash (kill -9,
// power cut) at any moment and another export afterwards leave the folder as one uninterrupted
// export would: no partial file, no number used twice, no gap, every approved item exactly
// once, and a manifest.jsonl (manifest.h) that lists exactly the files present.
//
// How: the folder is locked (one export at a time) and leftover temporaries of a crashed run
// are removed. A file the store does not know whose name carries an approved item's document
// id is that item's file, written by a run that died before its commit: it is adopted
// (registered, the item marked exported) instead of being written again. Then each remaining
// item, in publication order, is written durably without ever replacing a file
// (corpus_folder.h) under the next number, and registered and marked exported in one
// transaction that commits after the file is durable. The manifest is regenerated last.
//
// Crash points (fault/point.h), in the order one export passes them:
//   export.adopt_before_commit, export.adopted     per adopted file
//   export.temp_written, export.temp_synced, export.renamed, export.folder_synced,
//   export.before_commit, export.committed           per item written
//   manifest.before_write, manifest.temp_written, manifest.temp_synced, manifest.renamed,
//   manifest.written                                 when the manifest changes
// (export.linked and manifest.linked only where the filesystem refuses RENAME_NOREPLACE).
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "store/database.h"

namespace store {

struct ExportReport {
  std::vector<std::string> written;              // new files, in the order written
  std::vector<std::string> adopted;              // files of a crashed export, now registered
  std::vector<std::string> refused;              // one message per item not written; it stays approved
  std::vector<std::string> removed_temporaries;  // leftovers of a crashed export
  bool manifest_written = false;                 // false: it already listed exactly these files
};

// Exports every approved item into `folder` (created when missing). Numbers continue after
// the highest present in the folder or registered in the store. Items go in publication order:
// by the instant of their date (the page's, else the feed's; offsets taken into account), then
// id; items without a date come last, by fetch time, then id. A taken name (a file that
// appeared after the number was chosen) is refused for that item, reported and never
// replaced; the other items go on. A second export with nothing newly approved writes
// nothing. io for a folder that cannot be created, locked (another export runs), listed or
// written; sql for the store. Files written before such a failure stay registered and
// exported.
std::expected<ExportReport, Error> export_corpus(Database& db, const std::filesystem::path& folder);

// export_corpus for callers that want only the new file names (written, then adopted); a
// refused item makes it fail with io, naming the file.
std::expected<std::vector<std::string>, Error> export_approved(Database& db,
                                                               const std::filesystem::path& folder);

}  // namespace store
