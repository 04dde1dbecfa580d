#pragma once
// Opening the store: the SQLite file, migrated to this build's schema. The free functions in
// sources.h, items.h, review.h and corpus.h operate on the Database it holds.
#include <expected>
#include <filesystem>
#include <string>

#include "store/database.h"

namespace store {

// Creates the file's folder if needed, opens it and applies pending migrations.
std::expected<Database, Error> open_store(const std::filesystem::path& file);

// Now, as ISO 8601 UTC ("2026-11-22T10:00:00Z"), the form every timestamp column holds.
std::string now_utc();

}  // namespace store
