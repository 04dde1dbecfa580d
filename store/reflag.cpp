#include "store/reflag.h"

#include "store/item_fields.h"
#include "store/store.h"

namespace store {

std::expected<std::vector<ReflagTarget>, Error> items_to_reflag(Database& db) {
  auto stmt = db.prepare(
      "SELECT id, state, seed_text, COALESCE(rules_version, '') FROM items "
      "WHERE state IN ('stored', 'flagged') AND seed_text IS NOT NULL ORDER BY id");
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<ReflagTarget> out;
  while (true) {
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back({stmt->column_int(0), state_named(stmt->column_text(1)).value_or(ItemState::stored), stmt->column_text(2),
                   stmt->column_text(3)});
  }
  return out;
}

std::expected<void, Error> record_verdict(Database& db, std::int64_t id, const flag::TopicVerdict& verdict) {
  auto stmt = db.prepare_cached(
      "UPDATE items SET flagged = ?2, score = ?3, evidence = ?4, rules_version = ?5, updated_at = ?6, "
      "state = CASE WHEN ?2 THEN 'flagged' ELSE 'stored' END WHERE id = ?1 AND state IN ('stored', 'flagged')");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, id)
      .bind(2, static_cast<std::int64_t>(verdict.flagged))
      .bind(3, verdict.score)
      .bind(4, evidence_json(verdict.evidence))
      .bind(5, verdict.rules_version)
      .bind(6, now_utc())
      .run();
}

}  // namespace store
