#pragma once
// The states an item passes through (docs/operations.md):
//   discovered -> (fetched -> extracted ->) duplicate | stored -> flagged -> approved | rejected -> exported
// and failed after its last attempt. The one list of them: the schema's CHECK constraint is
// tested against it, `ingest status` and the ingest_items metric report every state from it.
#include <array>
#include <optional>
#include <string_view>

namespace store {

enum class ItemState {
  discovered,  // listed by a source, not fetched yet (or waiting for a retry)
  fetched,     // reserved for stages kept apart; a pass goes from discovered to the result
  extracted,   // in one transaction, so no item rests in these two
  duplicate,   // the same article as an earlier item or a corpus file: kept, linked, never queued
  stored,      // processed, not flagged
  flagged,     // processed and flagged: in the review queue
  approved,
  rejected,
  exported,    // written to the corpus
  failed,      // out of attempts; its error kind and message say why
};

inline constexpr std::array kItemStates = {
    ItemState::discovered, ItemState::fetched,  ItemState::extracted, ItemState::duplicate, ItemState::stored,
    ItemState::flagged,    ItemState::approved, ItemState::rejected,  ItemState::exported,  ItemState::failed};

// The name stored in items.state and shown to people ("flagged").
std::string_view state_name(ItemState state);
// The state of a name, or nothing for a word that names none.
std::optional<ItemState> state_named(std::string_view name);

}  // namespace store
