#include "store/database.h"

#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace store {
namespace {

Error sql_error(sqlite3* db, std::string_view what) {
  return Error{Error::Code::sql, std::string{what} + ": " + sqlite3_errmsg(db)};
}

}  // namespace

Statement::~Statement() {
  if (!borrowed_) return;
  sqlite3_reset(borrowed_);
  sqlite3_clear_bindings(borrowed_);
  *in_use_ = false;
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(get(), index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(get(), index, value);
  return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
  sqlite3_bind_text64(get(), index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Statement& Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob64(get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view{*value}) : bind_null(index);
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(get(), index);
  return *this;
}

std::expected<bool, Error> Statement::step() {
  int rc = sqlite3_step(get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return std::unexpected(sql_error(sqlite3_db_handle(get()), sqlite3_sql(get())));
}

std::expected<void, Error> Statement::run() {
  auto stepped = step();
  // Reset, so that the statement can be bound and run again (a loop of inserts).
  sqlite3_reset(get());
  if (!stepped) return std::unexpected(stepped.error());
  return {};
}

std::int64_t Statement::column_int(int index) const {
  return sqlite3_column_int64(get(), index);
}
double Statement::column_double(int index) const {
  return sqlite3_column_double(get(), index);
}
std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(get(), index);
  if (!text) return {};
  return std::string{reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(get(), index))};
}
std::string Statement::column_blob(int index) const {
  const void* bytes = sqlite3_column_blob(get(), index);
  if (!bytes) return {};
  return std::string{static_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(get(), index))};
}
std::optional<std::string> Statement::column_optional_text(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return column_text(index);
}
bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(get(), index) == SQLITE_NULL;
}

namespace {

// Whether the file is ours to use (see Database::open), read before anything is written.
std::expected<bool, Error> owned(Database& db, const std::filesystem::path& file, bool& marked) {
  auto read_int = [&](const char* sql) -> std::expected<std::int64_t, Error> {
    auto stmt = db.prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    return *row ? stmt->column_int(0) : 0;
  };
  auto id = read_int("PRAGMA application_id");
  if (!id) return std::unexpected(id.error());
  marked = *id == kApplicationId;
  if (marked) return true;
  auto tables = read_int("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'");
  if (!tables) return std::unexpected(tables.error());
  auto ours = read_int("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('sources', 'items')");
  if (!ours) return std::unexpected(ours.error());
  if (*id == 0 && (*tables == 0 || *ours == 2)) return true;
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%08x", static_cast<unsigned>(*id));
  return std::unexpected(Error{Error::Code::not_ours,
                               file.string() + ": not an ingest database (application_id " + hex + ", " +
                                   std::to_string(*tables) + " tables); it is left as it was"});
}

// A database in WAL mode (its header's read and write versions are 2) needs its -shm file
// (the WAL index) to be read: a reader who may not create it in the folder cannot read it.
// Said before SQLite answers "attempt to write a readonly database" to a read-only reader.
std::optional<Error> unreadable_wal(const std::filesystem::path& file) {
  std::ifstream in{file, std::ios::binary};
  char header[20] = {};
  if (!in.read(header, sizeof header) || header[18] != 2) return std::nullopt;
  std::filesystem::path shm = file.string() + "-shm";
  std::error_code ec;
  if (std::filesystem::exists(shm, ec)) return std::nullopt;
  std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : std::filesystem::path{"."};
  if (::access(folder.c_str(), W_OK) == 0) return std::nullopt;
  return Error{Error::Code::open_failed,
               file.string() + ": cannot be read without write access to " + folder.string() + ": its WAL index " +
                   shm.filename().string() + " is missing (any command that writes leaves it in place), and " +
                   "SQLite must create it there"};
}

}  // namespace

std::expected<Database, Error> Database::open(const std::filesystem::path& file,
                                              std::chrono::milliseconds busy_timeout, Access access) {
  if (access == Access::read_only)
    if (auto error = unreadable_wal(file)) return std::unexpected(*error);
  sqlite3* raw = nullptr;
  int flags = access == Access::read_only ? SQLITE_OPEN_READONLY
              : access == Access::existing ? SQLITE_OPEN_READWRITE
                                           : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
  // sqlite3_open_v2 hands out a handle even on failure; it must be closed either way.
  Database db{raw};
  if (rc != SQLITE_OK)
    return std::unexpected(Error{Error::Code::open_failed,
                                 file.string() + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory")});
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, static_cast<int>(std::min<std::chrono::milliseconds::rep>(busy_timeout.count(), INT_MAX)));
  bool marked = false;
  if (auto ours = owned(db, file, marked); !ours) {
    if (ours.error().code == Error::Code::not_ours) return std::unexpected(ours.error());
    return std::unexpected(Error{Error::Code::open_failed, file.string() + ": " + ours.error().message});
  }
  std::vector<std::string> pragmas{"PRAGMA foreign_keys=ON"};
  if (access != Access::read_only) {
    // journal_size_limit: with the WAL kept (below), the last connection to close empties it
    // only when a limit is set; the limit also caps the WAL's size after a checkpoint.
    pragmas.insert(pragmas.begin(), {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                                     "PRAGMA journal_size_limit=67108864"});
    // PRAGMA takes no bound parameters; the id is a compile-time integer.
    if (!marked) pragmas.push_back("PRAGMA application_id = " + std::to_string(kApplicationId));
  }
  for (const auto& pragma : pragmas) {
    // Two processes switching a new file to WAL at once: the one that would deadlock gets
    // SQLITE_BUSY at once, without the busy handler. It tries again, within the busy timeout.
    auto deadline = std::chrono::steady_clock::now() + busy_timeout;
    while (true) {
      int done = sqlite3_exec(raw, pragma.c_str(), nullptr, nullptr, nullptr);
      if (done == SQLITE_OK) break;
      if ((done & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline)
        return std::unexpected(Error{Error::Code::open_failed, file.string() + ": " + pragma + ": " + sqlite3_errmsg(raw)});
      sqlite3_sleep(5);
    }
  }
  if (access != Access::read_only) {
    // The -wal and -shm files stay when the last writer closes (the WAL emptied, its content
    // in the database): a reader who may only read the folder can then open the database
    // read-only, which it could not if SQLite had to create the index for it.
    int persist = 1;
    sqlite3_file_control(raw, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  }
  return db;
}

std::expected<Statement, Error> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  Statement owned{stmt};
  if (rc != SQLITE_OK) return std::unexpected(sql_error(db_.get(), sql));
  return owned;
}

std::expected<Statement, Error> Database::prepare_cached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &stmt, nullptr);
    std::unique_ptr<sqlite3_stmt, StatementFinalizer> owned{stmt};
    if (rc != SQLITE_OK) return std::unexpected(sql_error(db_.get(), sql));
    it = cache_.emplace(sql, Cached{std::move(owned)}).first;
  }
  if (*it->second.in_use) return prepare(sql);
  *it->second.in_use = true;
  return Statement{it->second.stmt.get(), it->second.in_use.get()};
}

Database::~Database() {
  // Cached statements go before the connection (sqlite3_close_v2 would wait for them).
  cache_.clear();
}

std::expected<void, Error> Database::execute(std::string_view sql) {
  std::string text{sql};
  char* message = nullptr;
  int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message);
  std::unique_ptr<char, decltype(&sqlite3_free)> owned{message, sqlite3_free};
  if (rc != SQLITE_OK)
    return std::unexpected(Error{Error::Code::sql, message ? message : sqlite3_errstr(rc)});
  return {};
}

std::string Database::file_name() const {
  const char* name = sqlite3_db_filename(db_.get(), "main");
  return name ? name : "";
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_.get()); }
int Database::changes() const { return sqlite3_changes(db_.get()); }

std::expected<Transaction, Error> Transaction::begin(Database& db) {
  if (auto r = db.execute("BEGIN IMMEDIATE"); !r) return std::unexpected(r.error());
  return Transaction{&db};
}

Transaction::~Transaction() {
  if (db_) (void)db_->execute("ROLLBACK");
}

std::expected<void, Error> Transaction::commit() {
  if (auto r = db_->execute("COMMIT"); !r) return r;
  db_ = nullptr;
  return {};
}

}  // namespace store
