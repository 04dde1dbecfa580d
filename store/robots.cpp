#include "store/robots.h"

#include "store/store.h"

namespace store {

std::expected<std::optional<StoredRobots>, Error> find_robots(Database& db, const std::string& origin) {
  auto stmt = db.prepare_cached(
      "SELECT outcome, COALESCE(body, ''), COALESCE(error_kind, ''), COALESCE(message, ''), expires_at "
      "FROM robots WHERE origin = ?1 AND expires_at > ?2");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, origin).bind(2, now_utc());
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<StoredRobots>{};
  return std::optional<StoredRobots>{StoredRobots{stmt->column_text(0), stmt->column_text(1), stmt->column_text(2),
                                                  stmt->column_text(3), stmt->column_text(4)}};
}

std::expected<void, Error> save_robots(Database& db, const std::string& origin, const StoredRobots& robots) {
  auto stmt = db.prepare_cached(
      "INSERT INTO robots (origin, outcome, body, error_kind, message, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (origin) DO UPDATE SET outcome = excluded.outcome, body = excluded.body, "
      "error_kind = excluded.error_kind, message = excluded.message, expires_at = excluded.expires_at");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, origin)
      .bind(2, robots.outcome)
      .bind(3, robots.body)
      .bind(4, robots.error_kind)
      .bind(5, robots.message)
      .bind(6, robots.expires_at)
      .run();
}

}  // namespace store
