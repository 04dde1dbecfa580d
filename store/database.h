#pragma once
// A thin RAII layer over SQLite: a connection, prepared statements and transactions. All SQL
// goes through Statement with bound parameters; nothing here formats values into SQL.
// A Database and its Statements belong to one thread at a time.
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/error.h"

namespace store {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  // A statement borrowed from the database's cache: reset and handed back on destruction.
  Statement(sqlite3_stmt* stmt, bool* in_use) : borrowed_(stmt), in_use_(in_use) {}
  Statement(Statement&& other) noexcept
      : stmt_(std::move(other.stmt_)), borrowed_(other.borrowed_), in_use_(other.in_use_) {
    other.borrowed_ = nullptr;
    other.in_use_ = nullptr;
  }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite. Binding copies the value.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view{value}); }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view{value}); }
  Statement& bind(int index, const std::optional<std::string>& value);
  Statement& bind_null(int index);
  // Binary data (fingerprints), stored as a BLOB rather than as text.
  Statement& bind_blob(int index, std::string_view bytes);

  // Advances to the next row: true when a row is available, false when done.
  std::expected<bool, Error> step();
  // Runs a statement that returns no rows.
  std::expected<void, Error> run();

  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::string column_text(int index) const;
  std::optional<std::string> column_optional_text(int index) const;
  std::string column_blob(int index) const;
  bool column_is_null(int index) const;

 private:
  sqlite3_stmt* get() const { return borrowed_ ? borrowed_ : stmt_.get(); }
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt_;
  sqlite3_stmt* borrowed_ = nullptr;
  bool* in_use_ = nullptr;
};

// How a file is opened: created if missing, only if it exists, or only read.
enum class Access { create, existing, read_only };

// PRAGMA application_id of every database this program writes ("INGS"): a file marked
// otherwise, or unmarked with tables that are not ours, is another program's and is refused.
inline constexpr std::int32_t kApplicationId = 0x494E4753;

class Database {
 public:
  // Opens (with Access::create, creates) the file, with WAL journaling, synchronous=NORMAL,
  // foreign keys on and a busy timeout (how long a write waits for another process's), so a
  // reviewer's command and the daemon can share it. Before anything is written the file must
  // be ours: marked with kApplicationId, or empty, or unmarked with this program's tables (a
  // database from before the mark, which is then marked); anything else is refused with
  // Error::Code::not_ours and left byte for byte. Read-only access writes nothing, not even
  // the journal mode.
  static std::expected<Database, Error> open(const std::filesystem::path& file,
                                            std::chrono::milliseconds busy_timeout = std::chrono::seconds{10},
                                            Access access = Access::create);

  std::expected<Statement, Error> prepare(std::string_view sql);
  // Like prepare, but keeps the compiled statement for the next call with the same SQL:
  // for the statements every item runs. A statement still in use is prepared afresh.
  std::expected<Statement, Error> prepare_cached(const std::string& sql);
  // Runs constant SQL with no parameters (schema changes, pragmas).
  std::expected<void, Error> execute(std::string_view sql);
  std::int64_t last_insert_id() const;
  int changes() const;
  sqlite3* handle() const { return db_.get(); }
  // The file's absolute path, for messages that must say which database failed.
  std::string file_name() const;

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  struct Cached {
    std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt;
    std::unique_ptr<bool> in_use = std::make_unique<bool>(false);
  };
  // Declared before db_ so the statements are finalized before the connection closes.
  std::unique_ptr<sqlite3, SqliteCloser> db_;
  std::map<std::string, Cached, std::less<>> cache_;

 public:
  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;
  ~Database();
};

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() succeeded.
// Immediate, so that two writers wait for each other up front instead of failing on upgrade.
class Transaction {
 public:
  static std::expected<Transaction, Error> begin(Database& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  std::expected<void, Error> commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace store
