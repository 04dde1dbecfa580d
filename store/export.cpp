#include "store/export.h"

#include <algorithm>
#include <map>
#include <cstdio>
#include <optional>

#include "dedup/minhash.h"
#include "fault/point.h"
#include "normalize/seed_format.h"
#include "normalize/text.h"
#include "normalize/url.h"
#include "store/corpus.h"
#include "store/corpus_folder.h"
#include "store/manifest.h"
#include "store/store.h"

namespace store {
namespace fs = std::filesystem;
namespace {

constexpr CrashPoints kExportPoints{"export.temp_written", "export.temp_synced", "export.linked",
                                    "export.renamed", "export.folder_synced"};

struct Approved {
  std::int64_t id = 0;
  std::string url;
  std::string title;
  std::string seed_text;
  std::string body_hash;
};

// The files this module writes into the folder, whose leftover temporaries it may remove.
bool written_by_export(std::string_view name) {
  return normalize::seed_file_number(name) >= 0 || name == kManifestName;
}

std::expected<std::vector<Approved>, Error> approved_in_publication_order(Database& db) {
  // julianday() reads the stated offset, so "10:00+03:00" sorts before "08:00Z" as it should,
  // which comparing the text would not; a date it cannot read counts as no date.
  auto stmt = db.prepare(
      "WITH approved AS (SELECT id, canonical_url, COALESCE(title, '') AS title, "
      "COALESCE(seed_text, '') AS seed_text, COALESCE(body_hash, '') AS body_hash, "
      "julianday(COALESCE(published, feed_published)) AS published_day, julianday(fetched_at) AS fetched_day "
      "FROM items WHERE state = 'approved') "
      "SELECT id, canonical_url, title, seed_text, body_hash FROM approved "
      "ORDER BY published_day IS NULL, published_day, "
      "CASE WHEN published_day IS NULL THEN fetched_day END NULLS LAST, id");
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<Approved> items;
  while (true) {
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    items.push_back(Approved{stmt->column_int(0), stmt->column_text(1), stmt->column_text(2),
                             stmt->column_text(3), stmt->column_text(4)});
  }
  return items;
}

struct FolderScan {
  int highest = -1;  // the highest number in the folder or registered, -1 for none
  // NNN_<id>.txt names the store does not know, by number: hand-copied files, or the files of
  // an export that died before its commit.
  std::vector<std::pair<int, std::string>> unregistered;
};

std::expected<int, Error> highest_registered(Database& db) {
  auto stmt = db.prepare("SELECT COALESCE(MAX(number), -1) FROM corpus_files");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  return static_cast<int>(stmt->column_int(0));
}

std::expected<FolderScan, Error> scan_folder(Database& db, const Folder& folder) {
  auto names = folder.names();
  if (!names) return std::unexpected(names.error());
  auto registered = highest_registered(db);
  if (!registered) return std::unexpected(registered.error());
  FolderScan scan;
  scan.highest = *registered;
  for (auto& name : *names) {
    int number = normalize::seed_file_number(name);
    if (number < 0) continue;
    // Any entry takes its number, even one that is not a regular file: its name is taken.
    scan.highest = std::max(scan.highest, number);
    auto known = db.prepare_cached("SELECT 1 FROM corpus_files WHERE file_name = ?1");
    if (!known) return std::unexpected(known.error());
    known->bind(1, name);
    auto row = known->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) scan.unregistered.emplace_back(number, std::move(name));
  }
  std::sort(scan.unregistered.begin(), scan.unregistered.end());
  return scan;
}

// Marks the item exported as `name` and registers the file, in the caller's transaction.
// False when the item is no longer approved: a reviewer changed their mind since the list
// was read.
std::expected<bool, Error> record_export(Database& db, const Approved& item, const std::string& name,
                                         int number, const std::string& hash) {
  auto update = db.prepare(
      "UPDATE items SET state = 'exported', corpus_file = ?2, updated_at = ?3 WHERE id = ?1 AND state = 'approved'");
  if (!update) return std::unexpected(update.error());
  if (auto r = update->bind(1, item.id).bind(2, name).bind(3, now_utc()).run(); !r) return std::unexpected(r.error());
  if (db.changes() == 0) return false;
  if (auto r = register_corpus_file(db, CorpusFile{name, number, item.title, item.url, hash}, item.id); !r)
    return std::unexpected(r.error());
  return true;
}

std::string item_label(const Approved& item) { return "item " + std::to_string(item.id) + " (" + item.url + ")"; }

// `name` carries the document id of `item`: an export wrote it, renamed it into place and died
// before its transaction committed. The file is the item's; it is registered as it is rather
// than written again under a new number. Returns whether it was adopted; a file that is not a
// readable corpus document is refused instead (the item stays approved), for a person to look
// at: writing the item again would put it in the corpus twice.
std::expected<bool, Error> adopt(Database& db, const Folder& folder, const std::string& name, int number,
                                 const Approved& item, ExportReport& report) {
  auto text = folder.read(name);
  if (!text) return std::unexpected(text.error());
  std::string hash = item.body_hash;
  if (*text != item.seed_text) {
    // The item was revised after the crashed export wrote it: register what the file holds.
    auto article = normalize::parse_seed(*text);
    if (!article) {
      report.refused.push_back((folder.path() / name).string() + ": holds the id of " + item_label(item) +
                               " but is not a corpus document (" + article.error().message +
                               "); not adopted, the item stays approved");
      return false;
    }
    hash = body_hash(normalize::plain_text(article->blocks));
  }
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto recorded = record_export(db, item, name, number, hash);
  if (!recorded) return std::unexpected(recorded.error());
  if (!*recorded) return false;
  fault::point("export.adopt_before_commit");
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  fault::point("export.adopted");
  return true;
}

enum class ItemOutcome { written, refused, repeats_corpus, no_longer_approved };

// The corpus file an approved item's text repeats, in words, or nothing. Checked at export
// time: the file may have been registered after the item was processed and decided.
std::expected<std::optional<std::string>, Error> repeated_corpus_file(Database& db, const Approved& item) {
  auto article = normalize::parse_seed(item.seed_text);
  dedup::Fingerprint fingerprint;
  if (article) fingerprint = dedup::fingerprint(normalize::plain_text(article->blocks));
  auto found = corpus_duplicate(db, item.body_hash, fingerprint);
  if (!found) return std::unexpected(found.error());
  if (!*found) return std::optional<std::string>{};
  std::string how{duplicate_kind_name((*found)->kind)};
  if ((*found)->similarity) {
    char similarity[16];
    std::snprintf(similarity, sizeof similarity, "%.2f", *(*found)->similarity);
    how += ", similarity " + std::string{similarity};
  }
  return std::optional<std::string>{*(*found)->corpus_file + " (" + how + ")"};
}

// The transaction is open while the file is written, so the item cannot be decided otherwise
// in between, and it commits only once the file is durable: a crash before the commit leaves
// a file the next export adopts, never a store that names a missing file.
std::expected<ItemOutcome, Error> export_item(Database& db, const Folder& folder, const Approved& item,
                                              int number, ExportReport& report) {
  const std::string name = normalize::seed_file_name(number, item.url);
  auto repeated = repeated_corpus_file(db, item);
  if (!repeated) return std::unexpected(repeated.error());
  if (*repeated) {
    report.refused.push_back(item_label(item) + " repeats the corpus file " + **repeated +
                             "; not exported, it stays approved");
    return ItemOutcome::repeats_corpus;
  }
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto recorded = record_export(db, item, name, number, item.body_hash);
  if (!recorded) return std::unexpected(recorded.error());
  if (!*recorded) return ItemOutcome::no_longer_approved;
  auto placed = write_durably(folder, name, item.seed_text, Placement::keep_existing, kExportPoints);
  if (!placed) return std::unexpected(placed.error());
  if (*placed == Placed::target_exists) {
    report.refused.push_back((folder.path() / name).string() + ": already exists and was not replaced; " +
                             item_label(item) + " stays approved");
    return ItemOutcome::refused;
  }
  fault::point("export.before_commit");
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  fault::point("export.committed");
  report.written.push_back(name);
  return ItemOutcome::written;
}

}  // namespace

std::expected<ExportReport, Error> export_corpus(Database& db, const fs::path& path) {
  auto folder = Folder::open(path);
  if (!folder) return std::unexpected(folder.error());
  if (auto r = folder->lock(); !r) return std::unexpected(r.error());
  ExportReport report;
  auto removed = remove_temporaries(*folder, written_by_export);
  if (!removed) return std::unexpected(removed.error());
  report.removed_temporaries = std::move(*removed);

  auto items = approved_in_publication_order(db);
  if (!items) return std::unexpected(items.error());
  auto scan = scan_folder(db, *folder);
  if (!scan) return std::unexpected(scan.error());

  std::map<std::string, std::size_t, std::less<>> by_document_id;
  for (std::size_t i = 0; i < items->size(); ++i) by_document_id.emplace(normalize::document_id((*items)[i].url), i);
  std::vector<bool> settled(items->size(), false);
  for (const auto& [number, name] : scan->unregistered) {
    // seed_file_number accepted the name, so it is "<digits>_<16 hex>.txt".
    std::string_view document_id = std::string_view{name}.substr(name.find('_') + 1, 16);
    auto match = by_document_id.find(document_id);
    if (match == by_document_id.end() || settled[match->second]) continue;
    auto adopted = adopt(db, *folder, name, number, (*items)[match->second], report);
    if (!adopted) return std::unexpected(adopted.error());
    if (*adopted) report.adopted.push_back(name);
    settled[match->second] = true;
  }

  int next = scan->highest + 1;
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (settled[i]) continue;
    auto outcome = export_item(db, *folder, (*items)[i], next, report);
    if (!outcome) return std::unexpected(outcome.error());
    if (*outcome == ItemOutcome::written) {
      ++next;
    } else if (*outcome == ItemOutcome::refused) {
      // Someone else took the number; continue after whatever the folder holds now.
      auto rescan = scan_folder(db, *folder);
      if (!rescan) return std::unexpected(rescan.error());
      next = std::max(next + 1, rescan->highest + 1);
    }
  }

  auto manifest = update_manifest(db, *folder);
  if (!manifest) return std::unexpected(manifest.error());
  report.manifest_written = *manifest;
  return report;
}

std::expected<std::vector<std::string>, Error> export_approved(Database& db, const fs::path& folder) {
  auto report = export_corpus(db, folder);
  if (!report) return std::unexpected(report.error());
  if (!report->refused.empty()) return std::unexpected(Error{Error::Code::io, report->refused.front()});
  std::vector<std::string> names = std::move(report->written);
  names.insert(names.end(), report->adopted.begin(), report->adopted.end());
  return names;
}

}  // namespace store
