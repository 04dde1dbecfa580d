#include "store/store.h"

#include <algorithm>
#include <chrono>
#include <system_error>

#include <unistd.h>

#include "normalize/timestamp.h"
#include "normalize/seed_format.h"
#include "normalize/url.h"
#include "store/fingerprints.h"
#include "store/migrations.h"

namespace store {
namespace {

// Items stored before schema 3 get their URL key and, when they hold text and are not
// duplicates, their fingerprint: old and new items are then deduplicated alike. One
// transaction; it finds nothing to do once done (the URL key is indexed, NULLs included), and
// is done again after a crash.
std::expected<void, Error> backfill_dedup(Database& db) {
  {
    auto any = db.prepare("SELECT 1 FROM items WHERE url_key IS NULL LIMIT 1");
    if (!any) return std::unexpected(any.error());
    auto row = any->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
  }
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  struct Old {
    std::int64_t id;
    std::string url;
    std::optional<std::string> seed_text;
    std::string state;
  };
  std::vector<Old> items;
  {
    auto stmt = db.prepare("SELECT id, canonical_url, seed_text, state FROM items WHERE url_key IS NULL");
    if (!stmt) return std::unexpected(stmt.error());
    while (true) {
      auto row = stmt->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      items.push_back({stmt->column_int(0), stmt->column_text(1), stmt->column_optional_text(2), stmt->column_text(3)});
    }
  }
  auto update = db.prepare("UPDATE items SET url_key = ?2 WHERE id = ?1");
  if (!update) return std::unexpected(update.error());
  for (const auto& item : items) {
    if (auto r = update->bind(1, item.id).bind(2, normalize::url_key(item.url)).run(); !r) return r;
    if (!item.seed_text || item.state == "duplicate") continue;
    auto article = normalize::parse_seed(*item.seed_text);
    if (!article) continue;  // unreadable text cannot be matched; the item itself stays
    auto fingerprint = dedup::fingerprint(normalize::plain_text(article->blocks));
    if (auto r = put_fingerprint(db, FingerprintOwner{item.id, std::nullopt}, fingerprint); !r) return r;
  }
  return tx->commit();
}

}  // namespace

namespace {

// What PRAGMA quick_check found wrong (its first lines), or nothing. A file that is not a
// database at all fails here too, with SQLite's "file is not a database".
std::expected<void, Error> quick_check(Database& db) {
  auto stmt = db.prepare("PRAGMA quick_check(3)");
  if (!stmt) return std::unexpected(stmt.error());
  std::string problems;
  while (true) {
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    std::string line = stmt->column_text(0);
    std::ranges::replace(line, '\n', ' ');  // one message, one line
    if (line != "ok") problems += (problems.empty() ? "" : "; ") + line;
  }
  if (problems.empty()) return {};
  return std::unexpected(Error{Error::Code::sql, "damaged database (PRAGMA quick_check: " + problems + ")"});
}

}  // namespace

std::expected<Database, Error> open_store(const std::filesystem::path& file, const StoreOptions& options) {
  auto named = [&file](const Error& e) { return std::unexpected(Error{e.code, file.string() + ": " + e.message}); };
  std::error_code ec;
  if (options.access == Access::create) {
    if (file.has_parent_path()) {
      std::filesystem::create_directories(file.parent_path(), ec);
      if (ec)
        return std::unexpected(Error{Error::Code::open_failed, file.parent_path().string() + ": " + ec.message()});
    }
  } else if (!std::filesystem::exists(file, ec)) {
    return std::unexpected(Error{Error::Code::no_database, "no ingest database at " + file.string()});
  }
  auto db = Database::open(file, options.busy_timeout, options.access);
  if (!db) return db;
  if (options.access == Access::read_only) {
    auto version = schema_version(*db);
    if (!version) return named(version.error());
    if (*version == latest_schema_version()) return db;
    if (*version > latest_schema_version())
      return std::unexpected(Error{Error::Code::migration_failed, file.string() + ": database schema version " +
                                                                      std::to_string(*version) +
                                                                      " is newer than this program's " +
                                                                      std::to_string(latest_schema_version())});
    if (::access(file.c_str(), W_OK) != 0)
      return std::unexpected(Error{Error::Code::open_failed,
                                   file.string() + ": schema version " + std::to_string(*version) +
                                       " is older than this program's " + std::to_string(latest_schema_version()) +
                                       " and the file cannot be written here; a command that writes (ingest --once) "
                                       "by its owner upgrades it"});
    // Older and writable: upgraded once, as a writer would.
    StoreOptions writing = options;
    writing.access = Access::existing;
    return open_store(file, writing);
  }
  if (options.check_integrity)
    if (auto checked = quick_check(*db); !checked) return named(checked.error());
  if (auto migrated = migrate(*db); !migrated) return named(migrated.error());
  if (auto r = backfill_dedup(*db); !r) return named(r.error());
  return db;
}

std::string utc_after(std::chrono::seconds delay) {
  auto when = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) + delay;
  return normalize::format_iso8601_utc(normalize::Timestamp{when, {}, true});
}

std::string now_utc() { return utc_after(std::chrono::seconds{0}); }

}  // namespace store
