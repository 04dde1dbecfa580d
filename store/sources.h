#pragma once
// Per-source fetch state: conditional-GET validators, last success, errors and when to look
// again. One row per feed, sitemap or section URL.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace store {

struct SourceState {
  std::string outlet;
  std::string url;
  std::string kind;  // feed | sitemap | section
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::string> last_ok;
  std::optional<std::string> last_error;
  std::optional<std::string> error_kind;
  std::int64_t error_count = 0;
  std::optional<std::string> error_since;
  std::optional<std::string> next_check;
};

// Adds the source if new; an existing row keeps its state (the outlet name is updated).
std::expected<void, Error> register_source(Database& db, const std::string& outlet,
                                           const std::string& url, const std::string& kind);
std::expected<std::optional<SourceState>, Error> find_source(Database& db, const std::string& url);
// A successful fetch (a 304 included): clears the error, stores the new validators.
std::expected<void, Error> record_source_success(Database& db, const std::string& url,
                                                 const std::optional<std::string>& etag,
                                                 const std::optional<std::string>& last_modified,
                                                 const std::string& next_check);
// A failed fetch: counts it, keeps the time of the first failure in a row.
std::expected<void, Error> record_source_failure(Database& db, const std::string& url,
                                                 const std::string& error_kind,
                                                 const std::string& message,
                                                 const std::string& next_check);
std::expected<std::vector<SourceState>, Error> list_sources(Database& db);

}  // namespace store
