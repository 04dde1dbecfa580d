#include "store/review.h"

#include "store/store.h"

namespace store {
namespace {

// Why an item in `state` cannot be decided, in words a reviewer can act on.
Error not_decidable(std::int64_t id, const std::string& state, const Statement& row) {
  std::string item = "item " + std::to_string(id);
  if (state == "exported") {
    std::string file = row.column_optional_text(1).value_or("the corpus");
    return Error{Error::Code::invalid_state,
                 item + " is already exported to " + file + "; its decision can no longer change"};
  }
  if (state == "duplicate") {
    std::string original = !row.column_is_null(2) ? "item " + std::to_string(row.column_int(2))
                                                   : "corpus file " + row.column_optional_text(3).value_or("?");
    return Error{Error::Code::invalid_state,
                 item + " is a duplicate of " + original + "; duplicates are not reviewed"};
  }
  if (state == "failed")
    return Error{Error::Code::invalid_state, item + " failed to fetch and holds no text to review"};
  return Error{Error::Code::invalid_state, item + " is " + state + "; only stored and flagged items can be reviewed"};
}

}  // namespace

std::expected<DecisionOutcome, Error> decide(Database& db, std::int64_t id, ReviewAction verdict,
                                             const std::optional<std::string>& note,
                                             const std::optional<std::string>& user) {
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto current = db.prepare("SELECT state, corpus_file, duplicate_of, duplicate_file FROM items WHERE id = ?1");
  if (!current) return std::unexpected(current.error());
  current->bind(1, id);
  auto row = current->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::unexpected(Error{Error::Code::not_found, "no item " + std::to_string(id)});
  std::string state = current->column_text(0);
  if (state != "flagged" && state != "stored" && state != "approved" && state != "rejected")
    return std::unexpected(not_decidable(id, state, *current));
  DecisionOutcome outcome{id, state, verdict == ReviewAction::approve ? "approved" : "rejected", note, user, now_utc()};
  auto insert = db.prepare(
      "INSERT INTO decisions (item_id, decision, note, decided_at, user) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert) return std::unexpected(insert.error());
  if (auto r = insert->bind(1, id).bind(2, outcome.decision).bind(3, note).bind(4, outcome.decided_at).bind(5, user).run();
      !r)
    return std::unexpected(r.error());
  auto update = db.prepare("UPDATE items SET state = ?2, updated_at = ?3 WHERE id = ?1");
  if (!update) return std::unexpected(update.error());
  if (auto r = update->bind(1, id).bind(2, outcome.decision).bind(3, outcome.decided_at).run(); !r)
    return std::unexpected(r.error());
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  return outcome;
}

}  // namespace store
