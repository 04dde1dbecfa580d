#include "store/corpus.h"

#include <fcntl.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "normalize/seed_format.h"
#include "normalize/text.h"
#include "store/fingerprints.h"
#include "store/store.h"

namespace store {
namespace fs = std::filesystem;
namespace {

struct FileCloser {
  void operator()(int* fd) const {
    if (*fd >= 0) ::close(*fd);
    delete fd;
  }
};

// Writes `contents` to folder/name through a temporary file in the same folder: write, fsync,
// rename, fsync the folder. Readers see either no file or the whole file.
std::expected<void, Error> write_atomically(const fs::path& folder, const std::string& name,
                                            const std::string& contents) {
  fs::path final_path = folder / name;
  fs::path temp_path = folder / ("." + name + ".tmp");
  std::unique_ptr<int, FileCloser> fd{
      new int{::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)}};
  auto fail = [&](const char* what) {
    std::string message = temp_path.string() + ": " + what + ": " + std::strerror(errno);
    std::error_code ignored;
    fs::remove(temp_path, ignored);
    return std::unexpected(Error{Error::Code::io, message});
  };
  if (*fd < 0) return fail("cannot create");
  std::size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(*fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write failed");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(*fd) != 0) return fail("fsync failed");
  if (::close(*fd) != 0) {
    *fd = -1;
    return fail("close failed");
  }
  *fd = -1;
  std::error_code ec;
  fs::rename(temp_path, final_path, ec);
  if (ec) return fail("rename failed");
  std::unique_ptr<int, FileCloser> dir{new int{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)}};
  if (*dir >= 0) ::fsync(*dir);  // makes the rename durable; failure here loses nothing
  return {};
}

std::expected<void, Error> register_file(Database& db, const CorpusFile& file,
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

std::expected<int, Error> highest_number(Database& db, const fs::path& folder) {
  int highest = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec))
    highest = std::max(highest, normalize::seed_file_number(entry.path().filename().string()));
  if (ec) return std::unexpected(Error{Error::Code::io, folder.string() + ": " + ec.message()});
  auto stmt = db.prepare("SELECT COALESCE(MAX(number), -1) FROM corpus_files");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  return std::max(highest, static_cast<int>(stmt->column_int(0)));
}

}  // namespace

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
      if (auto r = register_file(db, file, std::nullopt); !r) return std::unexpected(r.error());
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

std::expected<std::vector<std::string>, Error> export_approved(Database& db, const fs::path& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return std::unexpected(Error{Error::Code::io, folder.string() + ": " + ec.message()});
  auto approved = db.prepare(
      "SELECT id, canonical_url, COALESCE(title, ''), COALESCE(seed_text, ''), COALESCE(body_hash, '') "
      "FROM items WHERE state = 'approved' ORDER BY id");
  if (!approved) return std::unexpected(approved.error());
  struct Pending {
    std::int64_t id;
    std::string url, title, text, hash;
  };
  std::vector<Pending> pending;
  while (true) {
    auto row = approved->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    pending.push_back({approved->column_int(0), approved->column_text(1), approved->column_text(2),
                       approved->column_text(3), approved->column_text(4)});
  }
  std::vector<std::string> written;
  for (const auto& item : pending) {
    auto highest = highest_number(db, folder);
    if (!highest) return std::unexpected(highest.error());
    int number = *highest + 1;
    std::string name = normalize::seed_file_name(number, item.url);
    // The store is updated in a transaction that commits only after the file is in place;
    // a crash after the rename leaves a file the next export finds by its number and skips
    // over, never a second copy under the same number.
    auto tx = Transaction::begin(db);
    if (!tx) return std::unexpected(tx.error());
    if (auto r = write_atomically(folder, name, item.text); !r) return std::unexpected(r.error());
    if (auto r = register_file(db, CorpusFile{name, number, item.title, item.url, item.hash}, item.id); !r)
      return std::unexpected(r.error());
    auto update = db.prepare("UPDATE items SET state = 'exported', corpus_file = ?2, updated_at = ?3 WHERE id = ?1");
    if (!update) return std::unexpected(update.error());
    if (auto r = update->bind(1, item.id).bind(2, name).bind(3, now_utc()).run(); !r)
      return std::unexpected(r.error());
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    written.push_back(name);
  }
  return written;
}

}  // namespace store
