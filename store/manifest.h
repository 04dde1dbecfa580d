#pragma once
// manifest.jsonl, the corpus folder's index: one JSON object per line per document, in number
// order, regenerated whole from the store and the folder after every export, so it lists
// exactly the documents present (NNN_<16 hex>.txt regular files), never one that is missing.
//
// A line: {"file", "number", "id", "url", "outlet", "title", "published", "fetched",
// "body_hash"}, every key always present, null when unknown.
//   id         the store's item id; null for imported files (the seeds) and for files the store
//              does not know (copied in by hand)
//   published  ISO 8601 with the publisher's offset (the page's date, else the feed's); for
//              imported files, the date their text states
//   fetched    ISO 8601 UTC, when the article was last fetched; null for imported files
//   body_hash  store::body_hash of the plain body text (16 hex): what exact-duplicate
//              detection compares. Not a checksum of the file's bytes: it ignores case,
//              punctuation and the seed format's marks.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/corpus_folder.h"
#include "store/database.h"

namespace store {

inline constexpr std::string_view kManifestName = "manifest.jsonl";

struct ManifestEntry {
  std::string file;
  int number = 0;
  std::optional<std::int64_t> id;
  std::optional<std::string> url;
  std::optional<std::string> outlet;
  std::optional<std::string> title;
  std::optional<std::string> published;
  std::optional<std::string> fetched;
  std::optional<std::string> body_hash;
  bool operator==(const ManifestEntry&) const = default;
};

// One entry per document in the folder, by number then name: exported files from their item,
// imported files from their registration and their own text, unknown files from their text
// alone (a file that does not parse keeps only its name and number).
std::expected<std::vector<ManifestEntry>, Error> manifest_entries(Database& db, const Folder& folder);

// The manifest's text: one line per entry, each ending in "\n".
std::string render_manifest(const std::vector<ManifestEntry>& entries);
// Reads the manifest's text back; io naming the line for a line that is not such an object.
std::expected<std::vector<ManifestEntry>, Error> parse_manifest(std::string_view text);

// Regenerates manifest.jsonl and writes it durably (corpus_folder.h), with crash points
// "manifest.before_write", ".temp_written", ".temp_synced", ".renamed" and ".written". Writes
// nothing when the file already holds exactly that text; returns whether it wrote.
std::expected<bool, Error> update_manifest(Database& db, const Folder& folder);

}  // namespace store
