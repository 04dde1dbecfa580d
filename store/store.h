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
  // Access::create makes the file (and its folder) when missing: only the commands that fill
  // a store ask for it (a pass, import-corpus). Access::existing refuses a missing file with
  // Error::Code::no_database. Access::read_only also writes nothing (for a reader who may only
  // read): a store whose schema is older is then migrated only if the file can be written,
  // else refused saying so.
  Access access = Access::create;
};

// Opens the store and applies pending migrations (one process at a time: two opening a new
// store at once wait for each other). Every error names the file.
std::expected<Database, Error> open_store(const std::filesystem::path& file, const StoreOptions& options = {});

// Now, as ISO 8601 UTC ("2026-11-22T10:00:00Z"), the form every timestamp column holds.
std::string now_utc();
// The instant `delay` from now (before now when negative), in the same form.
std::string utc_after(std::chrono::seconds delay);

}  // namespace store
