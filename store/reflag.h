#pragma once
// Re-judging stored items after the topic rules change (`ingest reflag`). Only items not yet
// reviewed move: a stored item that the new rules flag joins the queue, a flagged one they no
// longer flag leaves it. Reviewed, exported and duplicate items keep their verdict and state.
#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "flag/flagger.h"
#include "store/database.h"
#include "store/item_state.h"

namespace store {

struct ReflagTarget {
  std::int64_t id = 0;
  ItemState state = ItemState::stored;  // stored or flagged
  std::string seed_text;
  std::string rules_version;  // of the verdict it holds
};

// Stored and flagged items with their seed text, oldest first.
std::expected<std::vector<ReflagTarget>, Error> items_to_reflag(Database& db);

// Replaces the item's verdict; its state follows (flagged or stored). Only a stored or flagged
// item is changed.
std::expected<void, Error> record_verdict(Database& db, std::int64_t id, const flag::TopicVerdict& verdict);

}  // namespace store
