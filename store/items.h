#pragma once
// Items through their states (docs/operations.md): discovered from a source, then stored
// with their seed text and verdict, or duplicate, or failed after the last retry. Each
// function is one transaction, so a crash between two calls loses and duplicates nothing.
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "flag/flagger.h"
#include "store/database.h"

namespace store {

struct DiscoveredItem {
  std::string outlet;
  std::string canonical_url;
  std::string source_url;
  std::string feed_title;
  std::optional<std::string> feed_published;  // ISO 8601
};

// An item waiting to be fetched (new, or retried after a failure).
struct PendingItem {
  std::int64_t id = 0;
  std::string outlet;
  std::string canonical_url;
  std::string feed_title;
  std::optional<std::string> feed_published;
  std::int64_t attempts = 0;
};

struct ProcessedItem {
  std::string title;
  std::vector<std::string> authors;
  std::optional<std::string> published;  // ISO 8601 with offset
  std::string language;
  std::string seed_text;
  std::string body_hash;
  flag::Verdict verdict;
};

struct Duplicate {
  std::optional<std::int64_t> item_id;      // an earlier item, or
  std::optional<std::string> corpus_file;   // a corpus file
  std::string kind;                         // "exact"
};

struct Decision {
  std::string decision;  // approved | rejected
  std::optional<std::string> note;
  std::string decided_at;
};

struct ItemRecord {
  std::int64_t id = 0;
  std::string outlet;
  std::string canonical_url;
  std::string state;
  std::string title;
  std::vector<std::string> authors;
  std::optional<std::string> published;
  std::optional<std::string> language;
  std::optional<std::string> seed_text;
  bool flagged = false;
  double score = 0;
  std::vector<flag::Evidence> evidence;
  std::optional<std::string> rules_version;
  std::optional<std::int64_t> duplicate_of;
  std::optional<std::string> duplicate_kind;
  std::optional<std::string> duplicate_file;
  std::int64_t attempts = 0;
  std::optional<std::string> last_error;
  std::optional<std::string> corpus_file;
  std::string discovered_at;
  std::string updated_at;
  std::vector<Decision> decisions;
};

// Records a newly seen URL. Returns the new item's id, or nullopt when the URL is already
// known (the store's first line of deduplication).
std::expected<std::optional<std::int64_t>, Error> add_discovered(Database& db,
                                                                 const DiscoveredItem& item);
// Items in state discovered whose next attempt is due, oldest first.
std::expected<std::vector<PendingItem>, Error> due_items(Database& db, std::size_t limit);
// A fetch or extraction failure. After `max_attempts` the item becomes failed; before, it
// stays discovered with a later next_attempt.
std::expected<void, Error> record_item_failure(Database& db, std::int64_t id,
                                               const std::string& reason,
                                               std::int64_t max_attempts,
                                               const std::string& next_attempt);
// The item's extracted, rendered and flagged result; state becomes flagged or stored.
std::expected<void, Error> record_item_stored(Database& db, std::int64_t id,
                                              const ProcessedItem& item);
// The item duplicates an earlier item or a corpus file; it is kept, linked, never queued.
std::expected<void, Error> record_item_duplicate(Database& db, std::int64_t id,
                                                 const ProcessedItem& item,
                                                 const Duplicate& duplicate);
// An item or a corpus file with this exact body hash, if any.
std::expected<std::optional<Duplicate>, Error> find_exact_duplicate(Database& db,
                                                                    const std::string& body_hash,
                                                                    std::int64_t excluding_id);

std::expected<std::optional<ItemRecord>, Error> find_item(Database& db, std::int64_t id);
// Flagged items awaiting review, newest publication first.
std::expected<std::vector<ItemRecord>, Error> review_queue(Database& db);
std::expected<std::vector<ItemRecord>, Error> items_in_state(Database& db, const std::string& state);
std::expected<std::map<std::string, std::int64_t>, Error> count_by_state(Database& db);

}  // namespace store
