#pragma once
// Items through their states (docs/operations.md): discovered from a source (discovery.h),
// then stored with their seed text and verdict, or duplicate, or failed after the last retry,
// and revised when fetched again with other text. Each
// function is one transaction, so a crash between two calls loses and duplicates nothing.
#include <array>
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dedup/minhash.h"
#include "flag/flagger.h"
#include "store/database.h"
#include "store/failure.h"
#include "store/item_state.h"

namespace store {

// How deduplication links an item to what it repeats. The first three are found when a source
// lists the article (discovery.h), the rest when its page has been fetched and processed.
enum class DuplicateKind {
  url,          // the same page under another form of its URL (www., a slash, an AMP host)
  outlet_id,    // the same outlet article id under another slug (other_urls)
  translation,  // the same article id in another language edition: a new item, linked
  canonical,    // the page names a known item's URL as its canonical URL
  revision,     // a known article fetched again with other text: a revision of the item
  exact,        // the same body text (body hash) as an item or a corpus file
  near,         // nearly the same text (MinHash resemblance over the threshold)
};
inline constexpr std::array kDuplicateKinds = {DuplicateKind::url,      DuplicateKind::outlet_id,
                                               DuplicateKind::translation, DuplicateKind::canonical,
                                               DuplicateKind::revision, DuplicateKind::exact,
                                               DuplicateKind::near};
std::string_view duplicate_kind_name(DuplicateKind kind);
std::optional<DuplicateKind> duplicate_kind_named(std::string_view name);

// An item waiting to be fetched (new, or retried after a failure).
struct PendingItem {
  std::int64_t id = 0;
  std::string outlet;
  std::string canonical_url;
  std::string feed_title;
  std::optional<std::string> feed_published;
  std::int64_t attempts = 0;    // started, this one not included
  std::int64_t unfinished = 0;  // of which never finished (the process stopped or crashed)
  // Fetched before and marked to be checked again (a revision may have been published): the
  // URL to fetch (a changed slug's newest) and the body hash of the text held now.
  bool recheck = false;
  std::string fetch_url;
  std::optional<std::string> body_hash;
};

struct ProcessedItem {
  std::string title;
  std::vector<std::string> authors;
  std::optional<std::string> published;  // ISO 8601 with offset
  std::string language;
  std::string seed_text;
  std::string body_hash;
  flag::TopicVerdict verdict;
  dedup::Fingerprint fingerprint;  // of the plain body text
};

struct Duplicate {
  std::optional<std::int64_t> item_id;      // an earlier item, or
  std::optional<std::string> corpus_file;   // a corpus file
  DuplicateKind kind = DuplicateKind::exact;  // canonical, exact or near
  std::optional<double> similarity;         // near: estimated resemblance, 0..1
};

// An earlier version of an item, replaced when the article was fetched again with other text.
struct Revision {
  std::int64_t number = 0;  // 1 is the first version fetched
  std::string title;
  std::optional<std::string> body_hash;
  bool flagged = false;
  double score = 0;
  std::optional<std::string> fetched_at;
  std::string replaced_at;
};

// Another URL under which a known item was listed.
struct OtherUrl {
  std::string url;
  DuplicateKind kind = DuplicateKind::url;  // url or outlet_id
  std::string seen_at;
};

struct Decision {
  std::string decision;  // approved | rejected
  std::optional<std::string> note;
  std::string decided_at;
  // Who decided (operating-system user or --user); nullopt for decisions recorded before
  // schema 4, which did not keep it.
  std::optional<std::string> user;
  // Set when the decision was undone (the console's undo): when, and by whom.
  std::optional<std::string> undone_at;
  std::optional<std::string> undone_by;
};

struct ItemRecord {
  std::int64_t id = 0;
  std::string outlet;
  std::string canonical_url;
  ItemState state = ItemState::discovered;
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
  std::optional<DuplicateKind> duplicate_kind;
  std::optional<std::string> duplicate_file;
  std::optional<double> similarity;
  std::optional<std::int64_t> translation_of;
  std::vector<std::int64_t> translations;  // items that are translations of this one
  std::vector<Revision> revisions;
  std::vector<OtherUrl> other_urls;
  std::optional<std::string> fetched_at;  // last fetched (a recheck that found no change too)
  std::optional<std::string> stored_at;   // when the current text was stored
  std::optional<std::string> source_url;  // the feed, sitemap or section page that listed it
  std::int64_t attempts = 0;
  std::optional<FailureKind> error_kind;  // of the last failed attempt
  std::optional<std::string> last_error;  // its message
  std::optional<std::string> corpus_file;
  std::string discovered_at;
  std::string updated_at;
  std::vector<Decision> decisions;
};

// Items to fetch, oldest first: discovered ones whose next attempt is due, and fetched ones
// marked to be checked again.
std::expected<std::vector<PendingItem>, Error> due_items(Database& db, std::size_t limit);
// Counts an attempt at the item before the work on its page starts (one transaction), so
// that a page whose processing throws or kills the process is not tried first on every pass
// for ever: due_items() takes items with unfinished attempts last, and the pass gives up on
// one after its attempts. Every record_* below ends the attempt.
std::expected<void, Error> begin_attempt(Database& db, std::int64_t id);
// A fetch or extraction failure of the attempt begun. Once `max_attempts` have been begun the
// item becomes failed; before, it stays discovered with a later next_attempt.
std::expected<void, Error> record_item_failure(Database& db, std::int64_t id, const Failure& failure,
                                               std::int64_t max_attempts,
                                               const std::string& next_attempt);
// The item's extracted, rendered and flagged result, and its fingerprint in the near-duplicate
// index; state becomes flagged or stored. One transaction.
std::expected<void, Error> record_item_stored(Database& db, std::int64_t id,
                                              const ProcessedItem& item);
// The item duplicates an earlier item or a corpus file; it is kept, linked, never queued.
std::expected<void, Error> record_item_duplicate(Database& db, std::int64_t id,
                                                 const ProcessedItem& item,
                                                 const Duplicate& duplicate);
// The item was fetched again with different text: its current version becomes a revision,
// the new text and verdict replace it (a stored item whose new text is flagged joins the
// queue; a flagged one leaves it when no longer flagged; a reviewed one keeps its decision),
// its fingerprint is replaced, and it is no longer marked. One transaction.
std::expected<void, Error> record_revision(Database& db, std::int64_t id, const ProcessedItem& item);
// The item was checked again and has not changed (or could not be fetched): it is no longer
// marked.
std::expected<void, Error> finish_recheck(Database& db, std::int64_t id);
// What a processed page duplicates, checked in this order: the known item its own canonical
// URL names (`page_canonical`, when it differs from the item's), an item or corpus file with
// the same body text, one with nearly the same text (the MinHash index). Nothing if none.
std::expected<std::optional<Duplicate>, Error> find_duplicate(Database& db, std::int64_t id,
                                                              const std::string& item_canonical_url,
                                                              const std::string& page_canonical,
                                                              const ProcessedItem& item);
// The corpus file (the lowest numbered) with this exact body hash, if any.
std::expected<std::optional<Duplicate>, Error> exact_corpus_duplicate(Database& db, const std::string& body_hash);
// An item or a corpus file with this exact body hash, if any: a corpus file first.
std::expected<std::optional<Duplicate>, Error> find_exact_duplicate(Database& db,
                                                                    const std::string& body_hash,
                                                                    std::int64_t excluding_id);

std::expected<std::optional<ItemRecord>, Error> find_item(Database& db, std::int64_t id);

// Which items a listing holds, in which order; every filter given must hold.
struct QueueFilter {
  // The order, and the time `since_*` compares: an item's publication date (the page's, else
  // the feed's, else when it was fetched), or when it arrived (first listed and fetched).
  enum class Order { published, arrived };
  Order order = Order::published;
  // The states listed; empty: flagged (with include_unflagged, stored too).
  std::vector<ItemState> states;
  std::optional<std::string> outlet;  // the outlet's name; ASCII letters' case aside
  // On or after this calendar day (YYYY-MM-DD): a publication date read in its own offset, as
  // the listing shows it (a reviewer's "since the 10th" means what the listing says); an
  // arrival in UTC.
  std::optional<std::string> since_day;
  // At or after this instant (ISO 8601, any offset).
  std::optional<std::string> since_instant;
  bool include_unflagged = false;  // stored items too: all that can still be approved
};

// The items the filter selects: newest publication first (undated ones last, newest found
// first), or newest arrival first.
std::expected<std::vector<ItemRecord>, Error> review_queue(Database& db, const QueueFilter& filter = {});
// Every outlet the store knows, from its items and its sources, sorted.
std::expected<std::vector<std::string>, Error> known_outlets(Database& db);
std::expected<std::vector<ItemRecord>, Error> items_in_state(Database& db, ItemState state);
// Every state, with 0 for those without items.
std::expected<std::map<ItemState, std::int64_t>, Error> count_by_state(Database& db);
// What deduplication has caught: duplicates by kind (exact, near), other URLs by kind (url,
// outlet_id), translations and revisions.
std::expected<std::map<DuplicateKind, std::int64_t>, Error> count_dedup(Database& db);

}  // namespace store
