#include "store/sources.h"

#include <algorithm>

#include "store/store.h"

namespace store {
namespace {

constexpr const char* kSourceColumns =
    "outlet, url, kind, etag, last_modified, last_ok, last_error, error_kind, error_count, "
    "error_since, next_check";

SourceState read_source(const Statement& s) {
  SourceState state;
  state.outlet = s.column_text(0);
  state.url = s.column_text(1);
  state.kind = s.column_text(2);
  state.etag = s.column_optional_text(3);
  state.last_modified = s.column_optional_text(4);
  state.last_ok = s.column_optional_text(5);
  state.last_error = s.column_optional_text(6);
  if (auto kind = s.column_optional_text(7)) state.error_kind = failure_kind_named(*kind).value_or(FailureKind::other);
  state.error_count = s.column_int(8);
  state.error_since = s.column_optional_text(9);
  state.next_check = s.column_optional_text(10);
  return state;
}

}  // namespace

std::expected<void, Error> register_source(Database& db, const std::string& outlet,
                                           const std::string& url, const std::string& kind) {
  auto stmt = db.prepare_cached(
      "INSERT INTO sources (outlet, url, kind) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (url) DO UPDATE SET outlet = excluded.outlet, kind = excluded.kind");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, outlet).bind(2, url).bind(3, kind).run();
}

std::expected<std::optional<SourceState>, Error> find_source(Database& db, const std::string& url) {
  auto stmt = db.prepare_cached(std::string{"SELECT "} + kSourceColumns + " FROM sources WHERE url = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, url);
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<SourceState>{};
  return std::optional<SourceState>{read_source(*stmt)};
}

std::expected<void, Error> record_source_success(Database& db, const std::string& url,
                                                 const std::optional<std::string>& etag,
                                                 const std::optional<std::string>& last_modified,
                                                 const std::string& next_check) {
  auto stmt = db.prepare_cached(
      "UPDATE sources SET etag = ?2, last_modified = ?3, last_ok = ?4, last_error = NULL, "
      "error_kind = NULL, error_count = 0, error_since = NULL, next_check = ?5 WHERE url = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, url).bind(2, etag).bind(3, last_modified).bind(4, now_utc()).bind(5, next_check).run();
}

std::expected<void, Error> record_source_failure(Database& db, const std::string& url, const Failure& failure,
                                                 const std::string& next_check) {
  auto stmt = db.prepare_cached(
      "UPDATE sources SET last_error = ?2, error_kind = ?3, error_count = error_count + 1, "
      "error_since = COALESCE(error_since, ?4), next_check = ?5 WHERE url = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, url)
      .bind(2, failure.message)
      .bind(3, std::string{failure_kind_name(failure.kind)})
      .bind(4, now_utc())
      .bind(5, next_check)
      .run();
}

std::expected<std::vector<SourceState>, Error> list_sources(Database& db) {
  auto stmt = db.prepare_cached(std::string{"SELECT "} + kSourceColumns + " FROM sources ORDER BY outlet, url");
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<SourceState> out;
  while (true) {
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(read_source(*stmt));
  }
  return out;
}

std::expected<SourceActivityCounts, Error> source_activity(Database& db, const std::string& url,
                                                           const std::string& now) {
  // Both subqueries read the (source_url, discovered_at) index: a count over one week of one
  // source, and its first entry.
  auto stmt = db.prepare_cached(
      "SELECT (SELECT COUNT(*) FROM items WHERE source_url = ?1 "
      "        AND discovered_at >= strftime('%Y-%m-%dT%H:%M:%SZ', ?2, '-7 days')), "
      "       COALESCE(MIN(604800, CAST(strftime('%s', ?2) AS INTEGER) - "
      "                CAST(strftime('%s', (SELECT MIN(discovered_at) FROM items WHERE source_url = ?1)) AS INTEGER)), 0)");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, url).bind(2, now);
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  SourceActivityCounts counts;
  if (*row) {
    counts.new_entries = stmt->column_int(0);
    counts.observed_seconds = std::max<std::int64_t>(0, stmt->column_int(1));
  }
  return counts;
}

std::expected<std::optional<std::string>, Error> earliest_next_check(Database& db,
                                                                     const std::vector<std::string>& urls) {
  std::optional<std::string> earliest;
  for (const auto& url : urls) {
    auto state = find_source(db, url);
    if (!state) return std::unexpected(state.error());
    if (!*state || !(*state)->next_check) return std::optional<std::string>{};
    if (!earliest || *(*state)->next_check < *earliest) earliest = (*state)->next_check;
  }
  return earliest;
}

}  // namespace store
