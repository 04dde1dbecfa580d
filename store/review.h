#pragma once
// A reviewer's decisions. Each decision is recorded with its time, who made it and the note,
// and moves the item's state, in one transaction.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>

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

}  // namespace store
