#pragma once
// An item's trail through the store, oldest first: found in a source, fetched and judged,
// each later version of its text, each review decision, exported (`ingest history`).
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/items.h"

namespace store {

// One version of an item's text and the verdict it got.
struct VersionRecord {
  std::int64_t number = 0;  // 1 is the first version fetched
  std::string title;
  bool flagged = false;
  double score = 0;
  // The rules that judged it: known for the current version only (revisions keep no rules).
  std::optional<std::string> rules_version;
  std::optional<Duplicate> duplicate;  // the current version, when it repeats something
};

struct HistoryEvent {
  enum class Kind {
    discovered,  // listed by a source: `source`
    fetched,     // the first version: `version`
    revised,     // a later version replaced the one before: `version`
    decided,     // approved or rejected: `decision`
    exported,    // written to the corpus: `corpus_file`
    failed,      // the last fetch or extraction failure: `error` (`final` once no retry is left)
  };
  Kind kind = Kind::discovered;
  std::string at;  // ISO 8601 UTC
  std::optional<std::string> source;
  std::optional<VersionRecord> version;
  std::optional<Decision> decision;
  std::optional<std::string> corpus_file;
  std::optional<FailureKind> error_kind;  // failed
  std::optional<std::string> error;
  std::int64_t attempts = 0;  // failed
  bool final = false;         // failed: the item is failed for good
};

struct ItemHistory {
  ItemRecord item;
  std::vector<HistoryEvent> events;  // oldest first; events of the same second in trail order
};

// The history of item `id`, or nullopt if there is none.
std::expected<std::optional<ItemHistory>, Error> item_history(Database& db, std::int64_t id);

// An event in words, as `ingest history` and the console show it: its name ("fetched",
// "approved", ...) and what it says ("version 2: flagged, score 3.5 (rules-v1)"). A version's
// title is mentioned only when it differs from `previous_title`, the version before's.
std::string history_event_name(const HistoryEvent& event);
std::string history_event_detail(const HistoryEvent& event, const std::string& previous_title);

}  // namespace store
