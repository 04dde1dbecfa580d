#pragma once
// The stored copy of each origin's (scheme://host:port) robots.txt outcome, with its expiry. The fetch engine
// decides what the outcome means; the store only keeps it.
#include <expected>
#include <optional>
#include <string>

#include "store/database.h"

namespace store {

struct StoredRobots {
  std::string outcome;  // rules | allow_all | unreachable
  std::string body;     // the file, for rules
  std::string error_kind;
  std::string message;
  std::string expires_at;  // ISO 8601 UTC
};

// The origin's entry if it has not expired yet.
std::expected<std::optional<StoredRobots>, Error> find_robots(Database& db, const std::string& origin);
std::expected<void, Error> save_robots(Database& db, const std::string& origin, const StoredRobots& robots);

}  // namespace store
