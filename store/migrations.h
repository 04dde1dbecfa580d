#pragma once
// Numbered schema migrations. The database's user_version is the number of the last one
// applied; each runs in its own transaction together with the version bump, so a failure
// leaves the schema exactly as it was and stops start-up.
#include <expected>

#include "store/database.h"

namespace store {

std::expected<void, Error> migrate(Database& db);
// The number of the newest migration this build knows.
int latest_schema_version();

}  // namespace store
