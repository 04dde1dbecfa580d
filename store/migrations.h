#pragma once
// Numbered schema migrations. The database's user_version is the number of the last one
// applied; each runs in its own transaction together with the version bump, so a failure
// leaves the schema exactly as it was and stops start-up.
#include <expected>

#include "store/database.h"

namespace store {

std::expected<void, Error> migrate(Database& db);
// Applies the pending migrations numbered up to `up_to` only: tests build a database as an
// older release left it, then check that the newer migrations carry its rows over.
std::expected<void, Error> migrate(Database& db, int up_to);
// The number of the newest migration this build knows.
int latest_schema_version();
// The schema version the database holds (PRAGMA user_version).
std::expected<int, Error> schema_version(Database& db);

}  // namespace store
