#include "store/corpus.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

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
    if (!known)
      if (auto r = register_corpus_file(db, file, std::nullopt); !r) return std::unexpected(r.error());
    if (auto r = put_fingerprint(db, FingerprintOwner{std::nullopt, name}, dedup::fingerprint(text_of_body)); !r)
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
