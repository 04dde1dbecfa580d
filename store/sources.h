#pragma once
// Per-source fetch state: conditional-GET validators, last success, errors and when to look
// again. One row per feed, sitemap or section URL.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/failure.h"

namespace store {

struct SourceState {
  std::string outlet;
  std::string url;
  std::string kind;  // feed | sitemap | section
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::string> last_ok;
  std::optional<std::string> last_error;
  std::optional<FailureKind> error_kind;
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
std::expected<void, Error> record_source_failure(Database& db, const std::string& url, const Failure& failure,
                                                 const std::string& next_check);
std::expected<std::vector<SourceState>, Error> list_sources(Database& db);

// How much a source has published lately, for the scheduler: entries first seen from it in
// the week before `now`, and how long of that week it has been watched (since the first entry
// it gave, at most a week). Times are ISO 8601 UTC as the store writes them.
struct SourceActivityCounts {
  std::int64_t new_entries = 0;
  std::int64_t observed_seconds = 0;
};
std::expected<SourceActivityCounts, Error> source_activity(Database& db, const std::string& url,
                                                           const std::string& now);

// The earliest next_check among these sources; nothing when one has never been checked
// (it is due now) or the list is empty.
std::expected<std::optional<std::string>, Error> earliest_next_check(Database& db,
                                                                     const std::vector<std::string>& urls);

}  // namespace store
