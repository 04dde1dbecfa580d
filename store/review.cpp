#include "store/review.h"

#include "store/rows.h"
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

// The item's current decision (the last one not undone), if any: id, decision, user, time.
struct CurrentDecision {
  std::int64_t id = 0;
  std::string decision;
  std::optional<std::string> user;
  std::string decided_at;
};

std::expected<std::optional<CurrentDecision>, Error> current_decision(Database& db, std::int64_t item) {
  auto stmt = db.prepare_cached(
      "SELECT id, decision, user, decided_at FROM decisions WHERE item_id = ?1 AND undone_at IS NULL "
      "ORDER BY id DESC LIMIT 1");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, item);
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<CurrentDecision>{};
  return std::optional<CurrentDecision>{
      CurrentDecision{stmt->column_int(0), stmt->column_text(1), stmt->column_optional_text(2), stmt->column_text(3)}};
}

std::expected<DecisionOutcome, Error> record_decision(Database& db, std::int64_t id, ReviewAction verdict,
                                                      const std::optional<std::string>& note,
                                                      const std::optional<std::string>& user, bool only_undecided) {
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
  if (only_undecided && (state == "approved" || state == "rejected")) {
    auto last = current_decision(db, id);
    if (!last) return std::unexpected(last.error());
    std::string by = *last ? (*last)->user.value_or("someone") + " at " + (*last)->decided_at : "someone";
    return std::unexpected(Error{Error::Code::already_decided, "item " + std::to_string(id) + " was already " + state + " by " + by});
  }
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

}  // namespace

std::expected<DecisionOutcome, Error> decide(Database& db, std::int64_t id, ReviewAction verdict,
                                             const std::optional<std::string>& note,
                                             const std::optional<std::string>& user) {
  return record_decision(db, id, verdict, note, user, false);
}

std::expected<DecisionOutcome, Error> decide_undecided(Database& db, std::int64_t id, ReviewAction verdict,
                                                       const std::optional<std::string>& note,
                                                       const std::string& user) {
  return record_decision(db, id, verdict, note, user, true);
}

std::expected<UndoOutcome, Error> undo_decision(Database& db, std::int64_t id, const std::string& user, bool admin) {
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto item = db.prepare_cached("SELECT state, COALESCE(flagged, 0), corpus_file FROM items WHERE id = ?1");
  if (!item) return std::unexpected(item.error());
  item->bind(1, id);
  auto row = item->step();
  if (!row) return std::unexpected(row.error());
  const std::string name = "item " + std::to_string(id);
  if (!*row) return std::unexpected(Error{Error::Code::not_found, "no " + name});
  const std::string state = item->column_text(0);
  const bool flagged = item->column_int(1) != 0;
  if (state == "exported")
    return std::unexpected(Error{Error::Code::invalid_state, name + " is already exported to " +
                                                                 item->column_optional_text(2).value_or("the corpus") +
                                                                 "; its decision can no longer be undone"});
  if (state != "approved" && state != "rejected")
    return std::unexpected(Error{Error::Code::invalid_state, name + " is " + state + ": there is no decision to undo"});
  auto last = current_decision(db, id);
  if (!last) return std::unexpected(last.error());
  if (!*last) return std::unexpected(Error{Error::Code::invalid_state, name + " has no decision to undo"});
  if (!admin && (*last)->user != user)
    return std::unexpected(Error{Error::Code::forbidden, name + " was " + (*last)->decision + " by " +
                                                             (*last)->user.value_or("someone else") +
                                                             "; only they or an admin can undo it"});
  // Back to awaiting a decision, where the item's verdict (its current text's) puts it.
  const std::string back = flagged ? "flagged" : "stored";
  UndoOutcome outcome{id, (*last)->decision, back, now_utc()};
  auto mark = db.prepare_cached("UPDATE decisions SET undone_at = ?2, undone_by = ?3 WHERE id = ?1");
  if (!mark) return std::unexpected(mark.error());
  if (auto r = mark->bind(1, (*last)->id).bind(2, outcome.undone_at).bind(3, user).run(); !r)
    return std::unexpected(r.error());
  auto update = db.prepare_cached("UPDATE items SET state = ?2, updated_at = ?3 WHERE id = ?1");
  if (!update) return std::unexpected(update.error());
  if (auto r = update->bind(1, id).bind(2, back).bind(3, outcome.undone_at).run(); !r)
    return std::unexpected(r.error());
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  return outcome;
}

std::expected<std::vector<RecentDecision>, Error> recent_decisions(Database& db, const std::string& user,
                                                                   std::size_t limit) {
  // A decision is undoable while it is its item's newest, not undone, and the item not
  // exported: exactly what undo_decision accepts from its author.
  auto stmt = db.prepare_cached(
      "SELECT d.item_id, COALESCE(i.title, i.feed_title, ''), d.decision, d.decided_at, d.undone_at, i.state, "
      "  d.undone_at IS NULL AND i.state IN ('approved', 'rejected') AND d.id = "
      "    (SELECT MAX(id) FROM decisions WHERE item_id = d.item_id AND undone_at IS NULL) "
      "FROM decisions d JOIN items i ON i.id = d.item_id WHERE d.user = ?1 ORDER BY d.id DESC LIMIT ?2");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, user).bind(2, static_cast<std::int64_t>(limit));
  return read_rows(*stmt, +[](const Statement& s) {
    return RecentDecision{s.column_int(0),           s.column_text(1), s.column_text(2), s.column_text(3),
                          s.column_optional_text(4), s.column_text(5), s.column_int(6) != 0};
  });
}

}  // namespace store
