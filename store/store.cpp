#include "store/store.h"

#include <chrono>
#include <system_error>

#include "normalize/timestamp.h"
#include "store/migrations.h"

namespace store {

std::expected<Database, Error> open_store(const std::filesystem::path& file) {
  if (file.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec)
      return std::unexpected(Error{Error::Code::open_failed,
                                   file.parent_path().string() + ": " + ec.message()});
  }
  auto db = Database::open(file);
  if (!db) return db;
  if (auto migrated = migrate(*db); !migrated)
    return std::unexpected(Error{migrated.error().code, file.string() + ": " + migrated.error().message});
  return db;
}

std::string now_utc() {
  auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return normalize::format_iso8601_utc(normalize::Timestamp{now, {}, true});
}

}  // namespace store
