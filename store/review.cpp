#include "store/review.h"

#include "store/store.h"

namespace store {

std::expected<void, Error> decide(Database& db, std::int64_t id, Verdict verdict,
                                  const std::optional<std::string>& note) {
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto current = db.prepare("SELECT state FROM items WHERE id = ?1");
  if (!current) return std::unexpected(current.error());
  current->bind(1, id);
  auto row = current->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::unexpected(Error{Error::Code::not_found, "no item " + std::to_string(id)});
  std::string state = current->column_text(0);
  if (state != "flagged" && state != "stored" && state != "approved" && state != "rejected")
    return std::unexpected(Error{Error::Code::invalid_state,
                                 "item " + std::to_string(id) + " is " + state + ", not awaiting review"});
  const char* decision = verdict == Verdict::approve ? "approved" : "rejected";
  std::string now = now_utc();
  auto insert = db.prepare(
      "INSERT INTO decisions (item_id, decision, note, decided_at) VALUES (?1, ?2, ?3, ?4)");
  if (!insert) return std::unexpected(insert.error());
  if (auto r = insert->bind(1, id).bind(2, std::string_view{decision}).bind(3, note).bind(4, now).run(); !r)
    return r;
  auto update = db.prepare("UPDATE items SET state = ?2, updated_at = ?3 WHERE id = ?1");
  if (!update) return std::unexpected(update.error());
  if (auto r = update->bind(1, id).bind(2, std::string_view{decision}).bind(3, now).run(); !r) return r;
  return tx->commit();
}

}  // namespace store
