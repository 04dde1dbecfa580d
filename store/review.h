#pragma once
// A reviewer's decisions. Each decision is recorded (who decided is the operating-system
// user running the command, kept in the note if given) and moves the item's state, in one
// transaction.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>

#include "store/database.h"

namespace store {

enum class Verdict { approve, reject };

// Only flagged or stored items can be decided; a decided item can be decided again
// (changing one's mind) until it is exported. Fails with not_found or invalid_state.
std::expected<void, Error> decide(Database& db, std::int64_t id, Verdict verdict,
                                  const std::optional<std::string>& note);

}  // namespace store
