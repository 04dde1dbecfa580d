#pragma once
// Pages of items for the review console: one state at a time, filtered and sorted, with the
// few fields a row shows and the total the filter selects, so that a store of 100,000 items
// answers a page without reading the rest. The ids around an item in the same order give
// "next" and "previous".
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/failure.h"
#include "store/item_state.h"

namespace store {

struct ListingQuery {
  enum class Sort {
    arrival,      // when the item was first listed, newest first
    publication,  // the page's date, else the feed's, newest first; undated last
    score,        // the flagging score, highest first
  };
  ItemState state = ItemState::flagged;
  std::optional<std::string> outlet;    // the exact name (the console offers the names present)
  std::optional<std::string> language;  // ISO 639-1, as stored
  // On or after this day (YYYY-MM-DD) by the publication date as written (else the feed's,
  // else the fetch time).
  std::optional<std::string> since_day;
  std::optional<double> min_score;
  Sort sort = Sort::arrival;
  std::size_t limit = 50;
  std::size_t offset = 0;
};

struct ListedItem {
  std::int64_t id = 0;
  std::string outlet;
  std::string title;
  std::string url;
  std::optional<std::string> published;  // the page's date, else the feed's
  std::optional<std::string> language;
  double score = 0;
  ItemState state = ItemState::discovered;
  std::string discovered_at;
  std::optional<std::int64_t> duplicate_of;
  std::optional<std::string> duplicate_kind;
  std::optional<std::string> duplicate_file;
  std::optional<FailureKind> error_kind;
  std::optional<std::string> last_error;
  std::optional<std::string> corpus_file;
  std::optional<std::string> decided_by;  // the current decision's author, if any
  std::optional<std::string> decided_at;
};

struct Listing {
  std::vector<ListedItem> items;
  std::int64_t total = 0;  // how many the filter selects, all pages together
};

std::expected<Listing, Error> list_items(Database& db, const ListingQuery& query);

// The items just before and after `id` in the query's order (limit and offset aside); nullopt
// at either end, or both when the item is not among those selected.
struct Neighbours {
  std::optional<std::int64_t> previous;
  std::optional<std::int64_t> next;
};
std::expected<Neighbours, Error> neighbours(Database& db, const ListingQuery& query, std::int64_t id);

// The items kept as duplicates of item `id`, by id.
std::expected<std::vector<std::int64_t>, Error> duplicates_of(Database& db, std::int64_t id);

// The distinct outlets and languages of items in `state`, sorted (from indexes).
std::expected<std::vector<std::string>, Error> outlets_in_state(Database& db, ItemState state);
std::expected<std::vector<std::string>, Error> languages_in_state(Database& db, ItemState state);

}  // namespace store
