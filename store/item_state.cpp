#include "store/item_state.h"

namespace store {

std::string_view state_name(ItemState state) {
  switch (state) {
    case ItemState::discovered: return "discovered";
    case ItemState::fetched: return "fetched";
    case ItemState::extracted: return "extracted";
    case ItemState::duplicate: return "duplicate";
    case ItemState::stored: return "stored";
    case ItemState::flagged: return "flagged";
    case ItemState::approved: return "approved";
    case ItemState::rejected: return "rejected";
    case ItemState::exported: return "exported";
    case ItemState::failed: return "failed";
  }
  return "?";
}

std::optional<ItemState> state_named(std::string_view name) {
  for (ItemState state : kItemStates)
    if (state_name(state) == name) return state;
  return std::nullopt;
}

}  // namespace store
