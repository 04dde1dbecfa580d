#pragma once
// A reviewer's decisions. Each decision is recorded with its time, who made it and the note,
// and moves the item's state, in one transaction.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace store {

enum class ReviewAction { approve, reject };

// What one decision did.
struct DecisionOutcome {
  std::int64_t item_id = 0;
  std::string previous_state;  // flagged | stored | approved | rejected
  std::string decision;        // approved | rejected: the item's state now
  std::optional<std::string> note;
  std::optional<std::string> user;
  std::string decided_at;  // ISO 8601 UTC
};

// Only flagged or stored items can be decided; a decided item can be decided again
// (changing one's mind) until it is exported. Fails with not_found (no such item) or
// invalid_state (exported, a duplicate, not fetched yet, failed), with a message that names
// the item and says why; nothing is recorded then. `user` is stored as given: the caller
// knows who is running it.
std::expected<DecisionOutcome, Error> decide(Database& db, std::int64_t id, ReviewAction verdict,
                                             const std::optional<std::string>& note,
                                             const std::optional<std::string>& user = std::nullopt);

// The console's decision: like decide(), but only for an item still awaiting one (flagged or
// stored). An item already approved or rejected fails with already_decided, whose message
// names who decided it and when ("approved by ana at 2026-…"), and nothing changes: a second
// reviewer never overwrites the first. To change a decision, undo it first.
std::expected<DecisionOutcome, Error> decide_undecided(Database& db, std::int64_t id, ReviewAction verdict,
                                                       const std::optional<std::string>& note,
                                                       const std::string& user);

// What undoing a decision did.
struct UndoOutcome {
  std::int64_t item_id = 0;
  std::string undone;  // approved | rejected: the decision undone
  std::string state;   // flagged | stored: the item's state now
  std::string undone_at;
};

// Undoes the item's current decision: the decision stays in the history, marked undone by
// `user`, and the item awaits a decision again: flagged or stored, as its verdict says. Only the
// person who decided, or an admin, may. Errors: not_found (no item); invalid_state (not
// decided, or exported: then too late); forbidden (decided by someone else).
std::expected<UndoOutcome, Error> undo_decision(Database& db, std::int64_t id, const std::string& user,
                                                bool admin);

// One of a person's recent decisions, for the console's side list.
struct RecentDecision {
  std::int64_t item_id = 0;
  std::string title;
  std::string decision;  // approved | rejected
  std::string decided_at;
  std::optional<std::string> undone_at;
  std::string state;  // the item's state now
  // Still undoable: not undone, the item's current decision, not exported.
  bool undoable = false;
};

// The user's last `limit` decisions, newest first.
std::expected<std::vector<RecentDecision>, Error> recent_decisions(Database& db, const std::string& user,
                                                                   std::size_t limit);

}  // namespace store
