#pragma once
// Opening the store: the SQLite file, migrated to this build's schema. The free functions in
// sources.h, items.h, review.h and corpus.h operate on the Database it holds.
#include <chrono>
#include <expected>
#include <filesystem>
#include <string>

#include "store/database.h"

namespace store {

struct StoreOptions {
  // How long a write waits for another process's write transaction before "database is locked".
  std::chrono::milliseconds busy_timeout{std::chrono::seconds{10}};
  // Runs PRAGMA quick_check first and refuses a damaged file, so that a pass never writes into
  // one. It reads the whole file once: the pass commands ask for it, the reviewer's do not.
  bool check_integrity = false;
};

// Creates the file's folder if needed, opens it and applies pending migrations. Every error
// names the file.
std::expected<Database, Error> open_store(const std::filesystem::path& file, const StoreOptions& options = {});

// Now, as ISO 8601 UTC ("2026-11-22T10:00:00Z"), the form every timestamp column holds.
std::string now_utc();

}  // namespace store
