#include "store/corpus.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "dedup/minhash.h"
#include "normalize/seed_format.h"
#include "normalize/text.h"
#include "store/fingerprints.h"
#include "store/store.h"

namespace store {
namespace fs = std::filesystem;

std::expected<void, Error> register_corpus_file(Database& db, const CorpusFile& file,
                                                std::optional<std::int64_t> item_id) {
  auto stmt = db.prepare(
      "INSERT INTO corpus_files (file_name, number, title, canonical_url, body_hash, item_id, "
      "registered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (file_name) DO NOTHING");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, file.file_name)
      .bind(2, static_cast<std::int64_t>(file.number))
      .bind(3, file.title)
      .bind(4, file.canonical_url)
      .bind(5, file.body_hash)
      .bind(7, now_utc());
  if (item_id) stmt->bind(6, *item_id);
  else stmt->bind_null(6);
  return stmt->run();
}

std::string body_hash(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  auto mix = [&hash](std::uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) {
      hash ^= (value >> shift) & 0xFF;
      hash *= 0x100000001b3ULL;
    }
  };
  // Words are runs of letters and digits, compared case-folded; everything between them
  // (spaces of any kind, punctuation, typographic quotes) counts as one separator.
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  bool in_word = false;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    bool word = c >= 0 && u_isalnum(c);
    if (word) {
      if (!in_word) mix(' ');
      mix(static_cast<std::uint32_t>(u_foldCase(c, U_FOLD_CASE_DEFAULT)));
    }
    in_word = word;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

namespace {

// Items not yet exported whose text `file` holds, made its duplicates (in the caller's
// transaction): out of the queue, their fingerprint out of the index as a duplicate's is.
std::expected<void, Error> take_out_duplicates(Database& db, const std::string& file, const std::string& hash,
                                               const dedup::Fingerprint& fingerprint, ImportReport& report) {
  std::map<std::int64_t, CorpusDuplicate> found;
  auto waiting = db.prepare_cached(
      "SELECT id, state FROM items WHERE body_hash = ?1 AND state IN ('stored', 'flagged', 'approved')");
  if (!waiting) return std::unexpected(waiting.error());
  waiting->bind(1, hash);
  while (true) {
    auto row = waiting->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    found[waiting->column_int(0)] = CorpusDuplicate{waiting->column_int(0), file, DuplicateKind::exact, std::nullopt,
                                                    state_named(waiting->column_text(1)).value_or(ItemState::stored)};
  }
  auto near = near_duplicates(db, fingerprint, 0);
  if (!near) return std::unexpected(near.error());
  for (const auto& match : *near) {
    if (!match.owner.item_id || found.contains(*match.owner.item_id)) continue;
    // Taken afresh each time: a cached statement is reset when the one handed out goes.
    auto state_of =
        db.prepare_cached("SELECT state FROM items WHERE id = ?1 AND state IN ('stored', 'flagged', 'approved')");
    if (!state_of) return std::unexpected(state_of.error());
    state_of->bind(1, *match.owner.item_id);
    auto row = state_of->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) continue;
    auto state = state_named(state_of->column_text(0));
    if (!state) continue;
    found[*match.owner.item_id] =
        CorpusDuplicate{*match.owner.item_id, file, DuplicateKind::near, match.similarity.resemblance, *state};
  }
  auto mark = db.prepare_cached(
      "UPDATE items SET state = 'duplicate', duplicate_of = NULL, duplicate_file = ?2, duplicate_kind = ?3, "
      "similarity = ?4, updated_at = ?5 WHERE id = ?1");
  if (!mark) return std::unexpected(mark.error());
  for (const auto& [id, duplicate] : found) {
    mark->bind(1, id).bind(2, file).bind(3, std::string{duplicate_kind_name(duplicate.kind)});
    if (duplicate.similarity) mark->bind(4, *duplicate.similarity);
    else mark->bind_null(4);
    if (auto r = mark->bind(5, now_utc()).run(); !r) return r;
    if (auto r = remove_fingerprint(db, FingerprintOwner{id, std::nullopt}); !r) return r;
    report.duplicates.push_back(duplicate);
  }
  return {};
}

}  // namespace

std::expected<std::optional<Duplicate>, Error> corpus_duplicate(Database& db, const std::string& hash,
                                                                const dedup::Fingerprint& fingerprint) {
  auto exact = exact_corpus_duplicate(db, hash);
  if (!exact || *exact) return exact;
  auto near = near_duplicates(db, fingerprint, 0);
  if (!near) return std::unexpected(near.error());
  std::optional<Duplicate> best;
  for (const auto& match : *near)
    if (match.owner.corpus_file && (!best || match.similarity.resemblance > *best->similarity))
      best = Duplicate{std::nullopt, match.owner.corpus_file, DuplicateKind::near, match.similarity.resemblance};
  return best;
}

std::expected<ImportReport, Error> import_corpus(Database& db, const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    return std::unexpected(Error{Error::Code::io, folder.string() + ": not a folder"});
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.is_regular_file() && normalize::seed_file_number(entry.path().filename().string()) >= 0)
      files.push_back(entry.path());
  if (ec) return std::unexpected(Error{Error::Code::io, folder.string() + ": " + ec.message()});
  std::sort(files.begin(), files.end());

  ImportReport report;
  for (const auto& path : files) {
    std::string name = path.filename().string();
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      report.errors.push_back(path.string() + ": cannot read");
      continue;
    }
    auto article = normalize::parse_seed(text.str());
    if (!article) {
      report.errors.push_back(path.string() + ": " + article.error().message);
      continue;
    }
    std::string text_of_body = normalize::plain_text(article->blocks);
    CorpusFile file{name, normalize::seed_file_number(name), article->title, article->canonical_url,
                    body_hash(text_of_body)};
    auto exists = db.prepare("SELECT 1 FROM corpus_files WHERE file_name = ?1");
    if (!exists) return std::unexpected(exists.error());
    exists->bind(1, name);
    auto row = exists->step();
    if (!row) return std::unexpected(row.error());
    bool known = *row;
    // A file registered before the near-duplicate index existed gets its fingerprint now.
    auto fingerprinted = has_corpus_fingerprint(db, name);
    if (!fingerprinted) return std::unexpected(fingerprinted.error());
    if (known && *fingerprinted) {
      report.known.push_back(name);
      continue;
    }
    auto tx = Transaction::begin(db);
    if (!tx) return std::unexpected(tx.error());
    auto fingerprint = dedup::fingerprint(text_of_body);
    if (!known)
      if (auto r = register_corpus_file(db, file, std::nullopt); !r) return std::unexpected(r.error());
    if (auto r = put_fingerprint(db, FingerprintOwner{std::nullopt, name}, fingerprint); !r)
      return std::unexpected(r.error());
    if (auto r = take_out_duplicates(db, name, file.body_hash, fingerprint, report); !r)
      return std::unexpected(r.error());
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    if (known) {
      report.known.push_back(name);
      continue;
    }
    report.registered.push_back(name);
  }
  return report;
}

}  // namespace store
