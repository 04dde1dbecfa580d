#include "store/discovery.h"


#include "normalize/url.h"
#include "store/sources.h"
#include "store/store.h"

namespace store {
namespace {

struct KnownItem {
  std::int64_t id = 0;
  std::string state;
  std::string canonical_url;
  std::optional<std::string> feed_updated;
  bool through_other_url = false;  // found through item_urls
};

// States in which an item holds fetched text; only those can be checked again for a revision.
constexpr const char* kProcessed = "('stored', 'flagged', 'duplicate', 'approved', 'rejected', 'exported')";

std::expected<std::optional<KnownItem>, Error> find_known(Database& db, const std::string& canonical,
                                                          const std::string& key) {
  auto by_url = db.prepare_cached(
      "SELECT id, state, canonical_url, feed_updated FROM items WHERE canonical_url = ?1 "
      "UNION ALL SELECT id, state, canonical_url, feed_updated FROM items WHERE url_key = ?2 LIMIT 1");
  if (!by_url) return std::unexpected(by_url.error());
  by_url->bind(1, canonical).bind(2, key);
  auto row = by_url->step();
  if (!row) return std::unexpected(row.error());
  if (*row)
    return KnownItem{by_url->column_int(0), by_url->column_text(1), by_url->column_text(2),
                     by_url->column_optional_text(3), false};
  auto by_other = db.prepare_cached(
      "SELECT i.id, i.state, i.canonical_url, i.feed_updated FROM item_urls u "
      "JOIN items i ON i.id = u.item_id WHERE u.url_key = ?1");
  if (!by_other) return std::unexpected(by_other.error());
  by_other->bind(1, key);
  row = by_other->step();
  if (!row) return std::unexpected(row.error());
  if (*row)
    return KnownItem{by_other->column_int(0), by_other->column_text(1), by_other->column_text(2),
                     by_other->column_optional_text(3), true};
  return std::optional<KnownItem>{};
}

// Records another URL of a known item; false when it was already recorded.
std::expected<bool, Error> add_other_url(Database& db, std::int64_t item_id, const std::string& key,
                                         const std::string& kind, const std::string& url) {
  auto stmt = db.prepare_cached(
      "INSERT INTO item_urls (url_key, item_id, kind, url, seen_at) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (url_key) DO NOTHING");
  if (!stmt) return std::unexpected(stmt.error());
  if (auto r = stmt->bind(1, key).bind(2, item_id).bind(3, kind).bind(4, url).bind(5, now_utc()).run(); !r)
    return std::unexpected(r.error());
  return db.changes() > 0;
}

// Marks an item with fetched text to be fetched again (from `url` when given); false when the
// item has no text yet (it will be fetched anyway) or is already marked.
std::expected<bool, Error> mark_for_recheck(Database& db, std::int64_t item_id,
                                            const std::optional<std::string>& url) {
  auto stmt = db.prepare_cached(std::string{"UPDATE items SET recheck = 1, fetch_url = COALESCE(?2, fetch_url), "} +
                                "updated_at = ?3 WHERE id = ?1 AND recheck = 0 AND state IN " + kProcessed);
  if (!stmt) return std::unexpected(stmt.error());
  if (auto r = stmt->bind(1, item_id).bind(2, url).bind(3, now_utc()).run(); !r) return std::unexpected(r.error());
  return db.changes() > 0;
}

std::expected<void, Error> set_feed_updated(Database& db, std::int64_t item_id, const std::string& date) {
  auto stmt = db.prepare_cached("UPDATE items SET feed_updated = ?2 WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, item_id).bind(2, date).run();
}

std::expected<Discovery, Error> seen_again(Database& db, const DiscoveredItem& item, const std::string& key,
                                           const KnownItem& known) {
  Discovery discovery{Discovery::Kind::known, known.id};
  if (!known.through_other_url && known.canonical_url != item.canonical_url) {
    auto added = add_other_url(db, known.id, key, "url", item.canonical_url);
    if (!added) return std::unexpected(added.error());
    if (*added) discovery.kind = Discovery::Kind::other_url;
  }
  // ISO 8601 UTC strings of one form compare as instants.
  if (item.feed_updated && (!known.feed_updated || *item.feed_updated > *known.feed_updated)) {
    if (auto r = set_feed_updated(db, known.id, *item.feed_updated); !r) return std::unexpected(r.error());
    if (known.feed_updated) {
      auto marked = mark_for_recheck(db, known.id, std::nullopt);
      if (!marked) return std::unexpected(marked.error());
      if (*marked) discovery.kind = Discovery::Kind::changed;
    }
  }
  return discovery;
}

std::expected<std::int64_t, Error> insert_item(Database& db, const DiscoveredItem& item, const std::string& key,
                                               std::optional<std::int64_t> translation_of) {
  auto stmt = db.prepare_cached(
      "INSERT INTO items (canonical_url, outlet, source_url, state, feed_title, feed_published, "
      "feed_updated, url_key, article_key, edition, translation_of, discovered_at, updated_at) "
      "VALUES (?1, ?2, ?3, 'discovered', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, item.canonical_url)
      .bind(2, item.outlet)
      .bind(3, item.source_url)
      .bind(4, item.feed_title)
      .bind(5, item.feed_published)
      .bind(6, item.feed_updated)
      .bind(7, key)
      .bind(8, item.article_key)
      .bind(9, item.edition)
      .bind(11, now_utc());
  if (translation_of) stmt->bind(10, *translation_of);
  else stmt->bind_null(10);
  if (auto r = stmt->run(); !r) return std::unexpected(r.error());
  return db.last_insert_id();
}

}  // namespace

std::expected<Discovery, Error> add_discovered(Database& db, const DiscoveredItem& item) {
  std::string key = normalize::url_key(item.canonical_url);
  auto known = find_known(db, item.canonical_url, key);
  if (!known) return std::unexpected(known.error());
  if (*known) return seen_again(db, item, key, **known);

  std::optional<std::int64_t> translation_of;
  if (item.article_key) {
    auto same_id = db.prepare_cached("SELECT id, edition FROM items WHERE article_key = ?1 ORDER BY id");
    if (!same_id) return std::unexpected(same_id.error());
    same_id->bind(1, *item.article_key);
    std::optional<std::int64_t> same_edition;
    while (true) {
      auto row = same_id->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      if (same_id->column_text(1) == item.edition && !same_edition) same_edition = same_id->column_int(0);
      if (!translation_of) translation_of = same_id->column_int(0);
    }
    if (same_edition) {
      // A changed slug: the same article, whose text has likely been edited too.
      if (auto r = add_other_url(db, *same_edition, key, "outlet_id", item.canonical_url); !r)
        return std::unexpected(r.error());
      if (auto r = mark_for_recheck(db, *same_edition, item.canonical_url); !r) return std::unexpected(r.error());
      return Discovery{Discovery::Kind::other_slug, *same_edition};
    }
  }
  auto id = insert_item(db, item, key, translation_of);
  if (!id) return std::unexpected(id.error());
  return Discovery{translation_of ? Discovery::Kind::translation : Discovery::Kind::new_item, *id};
}

std::expected<std::optional<std::int64_t>, Error> find_item_by_url(Database& db, const std::string& canonical_url) {
  auto known = find_known(db, canonical_url, normalize::url_key(canonical_url));
  if (!known) return std::unexpected(known.error());
  if (!*known) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{(*known)->id};
}

std::expected<std::vector<Discovery>, Error> record_listing(
    Database& db, const SourceListing& listing, const std::function<std::expected<std::string, Error>()>& next_check) {
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  std::vector<Discovery> found;
  found.reserve(listing.entries.size());
  for (const auto& entry : listing.entries) {
    auto discovery = add_discovered(db, entry);
    if (!discovery) return std::unexpected(discovery.error());
    found.push_back(*discovery);
  }
  auto next = next_check();
  if (!next) return std::unexpected(next.error());
  auto recorded = listing.problem
                      ? record_source_failure(db, listing.source_url, *listing.problem, *next)
                      : record_source_success(db, listing.source_url, listing.etag, listing.last_modified, *next);
  if (!recorded) return std::unexpected(recorded.error());
  if (auto committed = tx->commit(); !committed) return std::unexpected(committed.error());
  return found;
}

}  // namespace store
