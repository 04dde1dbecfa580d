#include "store/items.h"

#include "fault/point.h"
#include "store/discovery.h"
#include "store/fingerprints.h"
#include "store/item_fields.h"
#include "store/rows.h"
#include "store/store.h"

namespace store {
namespace {

constexpr const char* kItemColumns =
    "id, outlet, canonical_url, state, COALESCE(title, feed_title, ''), authors, "
    "COALESCE(published, feed_published), language, seed_text, flagged, score, evidence, "
    "rules_version, duplicate_of, duplicate_kind, duplicate_file, attempts, last_error, "
    "corpus_file, discovered_at, updated_at, similarity, translation_of, fetched_at, stored_at, source_url, error_kind";

ItemRecord read_item(const Statement& s) {
  ItemRecord r;
  r.id = s.column_int(0);
  r.outlet = s.column_text(1);
  r.canonical_url = s.column_text(2);
  r.state = state_named(s.column_text(3)).value_or(ItemState::discovered);
  r.title = s.column_text(4);
  if (auto authors = s.column_optional_text(5)) r.authors = parse_authors(*authors);
  r.published = s.column_optional_text(6);
  r.language = s.column_optional_text(7);
  r.seed_text = s.column_optional_text(8);
  r.flagged = s.column_int(9) != 0;
  r.score = s.column_double(10);
  if (auto evidence = s.column_optional_text(11)) r.evidence = parse_evidence(*evidence);
  r.rules_version = s.column_optional_text(12);
  if (!s.column_is_null(13)) r.duplicate_of = s.column_int(13);
  if (auto kind = s.column_optional_text(14)) r.duplicate_kind = duplicate_kind_named(*kind);
  r.duplicate_file = s.column_optional_text(15);
  r.attempts = s.column_int(16);
  r.last_error = s.column_optional_text(17);
  r.corpus_file = s.column_optional_text(18);
  r.discovered_at = s.column_text(19);
  r.updated_at = s.column_text(20);
  if (!s.column_is_null(21)) r.similarity = s.column_double(21);
  if (!s.column_is_null(22)) r.translation_of = s.column_int(22);
  r.fetched_at = s.column_optional_text(23);
  r.stored_at = s.column_optional_text(24);
  r.source_url = s.column_optional_text(25);
  if (auto kind = s.column_optional_text(26)) r.error_kind = failure_kind_named(*kind).value_or(FailureKind::other);
  return r;
}

// Binds the processed fields as ?2..?12 of the UPDATE statements below.
void bind_processed(Statement& stmt, const ProcessedItem& item) {
  stmt.bind(2, item.title)
      .bind(3, authors_json(item.authors))
      .bind(4, item.published)
      .bind(5, item.language)
      .bind(6, item.seed_text)
      .bind(7, item.body_hash)
      .bind(8, static_cast<std::int64_t>(item.verdict.flagged))
      .bind(9, item.verdict.score)
      .bind(10, evidence_json(item.verdict.evidence))
      .bind(11, item.verdict.rules_version)
      .bind(12, now_utc());
}

constexpr const char* kProcessedAssignments =
    "title = ?2, authors = ?3, published = ?4, language = ?5, seed_text = ?6, body_hash = ?7, "
    "flagged = ?8, score = ?9, evidence = ?10, rules_version = ?11, updated_at = ?12, "
    "fetched_at = ?12, stored_at = ?12, last_error = NULL, error_kind = NULL, next_attempt = NULL, recheck = 0, "
    "unfinished = 0";

// "UPDATE items SET <the processed fields>, <tail>" for item `id`, with the processed fields
// bound; the caller binds what its tail adds (?13 onwards) and runs it.
std::expected<Statement, Error> processed_update(Database& db, std::int64_t id, const ProcessedItem& item,
                                                 const std::string& tail) {
  auto stmt = db.prepare_cached(std::string{"UPDATE items SET "} + kProcessedAssignments + ", " + tail);
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, id);
  bind_processed(*stmt, item);
  return stmt;
}

// Runs `body` in a transaction of its own.
template <typename Body>
std::expected<void, Error> in_transaction(Database& db, Body body) {
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  if (auto r = body(); !r) return r;
  // Everything of the item is written but not committed: a crash here must roll it all back.
  fault::point("items.before_commit");
  return tx->commit();
}

// The rows `sql` gives for the item id bound as ?1.
template <typename Row>
std::expected<std::vector<Row>, Error> rows_of_item(Database& db, std::int64_t id, Row (*read)(const Statement&),
                                                    const std::string& sql) {
  auto stmt = db.prepare_cached(sql);
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, id);
  return read_rows(*stmt, read);
}

Revision read_revision(const Statement& s) {
  return Revision{s.column_int(0), s.column_text(1), s.column_optional_text(2), s.column_int(3) != 0,
                  s.column_double(4), s.column_optional_text(5), s.column_text(6)};
}

OtherUrl read_other_url(const Statement& s) {
  return OtherUrl{s.column_text(0), duplicate_kind_named(s.column_text(1)).value_or(DuplicateKind::url), s.column_text(2)};
}

Decision read_decision(const Statement& s) {
  return Decision{s.column_text(0),          s.column_optional_text(1), s.column_text(2),
                  s.column_optional_text(3), s.column_optional_text(4), s.column_optional_text(5)};
}

// (label, count) rows summed by label; a NULL label is left out.
std::expected<std::map<std::string, std::int64_t>, Error> counts_of(Statement& stmt) {
  std::map<std::string, std::int64_t> out;
  while (true) {
    auto row = stmt.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    if (!stmt.column_is_null(0)) out[stmt.column_text(0)] += stmt.column_int(1);
  }
  return out;
}

}  // namespace

std::expected<std::vector<PendingItem>, Error> due_items(Database& db, std::size_t limit) {
  auto stmt = db.prepare_cached(
      "SELECT id, outlet, canonical_url, COALESCE(feed_title, ''), feed_published, attempts, unfinished, recheck, "
      "COALESCE(fetch_url, canonical_url), body_hash FROM items "
      "WHERE (state = 'discovered' AND (next_attempt IS NULL OR next_attempt <= ?1)) OR recheck = 1 "
      "ORDER BY unfinished, id LIMIT ?2");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, now_utc()).bind(2, static_cast<std::int64_t>(limit));
  std::vector<PendingItem> out;
  while (true) {
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(PendingItem{stmt->column_int(0), stmt->column_text(1), stmt->column_text(2),
                              stmt->column_text(3), stmt->column_optional_text(4), stmt->column_int(5),
                              stmt->column_int(6), stmt->column_int(7) != 0, stmt->column_text(8),
                              stmt->column_optional_text(9)});
  }
  return out;
}

std::expected<void, Error> begin_attempt(Database& db, std::int64_t id) {
  auto stmt = db.prepare_cached("UPDATE items SET attempts = attempts + 1, unfinished = unfinished + 1 WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, id).run();
}

std::expected<void, Error> record_item_failure(Database& db, std::int64_t id, const Failure& failure,
                                               std::int64_t max_attempts,
                                               const std::string& next_attempt) {
  auto stmt = db.prepare_cached(
      "UPDATE items SET error_kind = ?2, last_error = ?3, next_attempt = ?4, unfinished = 0, recheck = 0, "
      "state = CASE WHEN attempts >= ?5 THEN 'failed' ELSE state END, updated_at = ?6 "
      "WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, id)
      .bind(2, std::string{failure_kind_name(failure.kind)})
      .bind(3, failure.message)
      .bind(4, next_attempt)
      .bind(5, max_attempts)
      .bind(6, now_utc())
      .run();
}

std::expected<void, Error> record_item_stored(Database& db, std::int64_t id,
                                              const ProcessedItem& item) {
  return in_transaction(db, [&]() -> std::expected<void, Error> {
    auto stmt = processed_update(db, id, item, "state = CASE WHEN ?8 THEN 'flagged' ELSE 'stored' END WHERE id = ?1");
    if (!stmt) return std::unexpected(stmt.error());
    if (auto r = stmt->run(); !r) return r;
    return put_fingerprint(db, FingerprintOwner{id, std::nullopt}, item.fingerprint);
  });
}

std::expected<void, Error> record_revision(Database& db, std::int64_t id, const ProcessedItem& item) {
  return in_transaction(db, [&]() -> std::expected<void, Error> {
    auto keep = db.prepare_cached(
        "INSERT INTO revisions (item_id, number, title, seed_text, body_hash, flagged, score, fetched_at, replaced_at) "
        "SELECT id, (SELECT COUNT(*) + 1 FROM revisions WHERE item_id = ?1), COALESCE(title, feed_title), seed_text, "
        "body_hash, flagged, score, fetched_at, ?2 FROM items WHERE id = ?1");
    if (!keep) return std::unexpected(keep.error());
    if (auto r = keep->bind(1, id).bind(2, now_utc()).run(); !r) return r;
    // Review decisions stand; only items not yet reviewed move in or out of the queue.
    auto stmt = processed_update(db, id, item,
                                 "state = CASE WHEN state IN ('stored', 'flagged') THEN "
                                 "(CASE WHEN ?8 THEN 'flagged' ELSE 'stored' END) ELSE state END WHERE id = ?1 "
                                 "RETURNING state");
    if (!stmt) return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    // A duplicate stays out of the index: its original stands for it.
    bool duplicate = *row && stmt->column_text(0) == "duplicate";
    if (*row)
      if (auto done = stmt->step(); !done) return std::unexpected(done.error());  // to its end
    if (duplicate) return {};
    return put_fingerprint(db, FingerprintOwner{id, std::nullopt}, item.fingerprint);
  });
}

std::expected<void, Error> finish_recheck(Database& db, std::int64_t id) {
  auto stmt = db.prepare_cached("UPDATE items SET recheck = 0, unfinished = 0, fetched_at = ?2, updated_at = ?2 WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, id).bind(2, now_utc()).run();
}

std::expected<void, Error> record_item_duplicate(Database& db, std::int64_t id,
                                                 const ProcessedItem& item,
                                                 const Duplicate& duplicate) {
  auto stmt = processed_update(db, id, item,
                               "state = 'duplicate', duplicate_of = ?13, duplicate_file = ?14, "
                               "duplicate_kind = ?15, similarity = ?16 WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  if (duplicate.item_id) stmt->bind(13, *duplicate.item_id);
  else stmt->bind_null(13);
  stmt->bind(14, duplicate.corpus_file).bind(15, std::string{duplicate_kind_name(duplicate.kind)});
  if (duplicate.similarity) stmt->bind(16, *duplicate.similarity);
  else stmt->bind_null(16);
  return stmt->run();
}

std::expected<std::optional<Duplicate>, Error> exact_corpus_duplicate(Database& db, const std::string& body_hash) {
  auto corpus = db.prepare_cached("SELECT file_name FROM corpus_files WHERE body_hash = ?1 ORDER BY number LIMIT 1");
  if (!corpus) return std::unexpected(corpus.error());
  corpus->bind(1, body_hash);
  auto row = corpus->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<Duplicate>{};
  return std::optional<Duplicate>{Duplicate{std::nullopt, corpus->column_text(0), DuplicateKind::exact, std::nullopt}};
}

std::expected<std::optional<Duplicate>, Error> find_exact_duplicate(Database& db,
                                                                    const std::string& body_hash,
                                                                    std::int64_t excluding_id) {
  auto corpus = exact_corpus_duplicate(db, body_hash);
  if (!corpus || *corpus) return corpus;
  auto items = db.prepare_cached(
      "SELECT id FROM items WHERE body_hash = ?1 AND id != ?2 AND state != 'duplicate' "
      "ORDER BY id LIMIT 1");
  if (!items) return std::unexpected(items.error());
  items->bind(1, body_hash).bind(2, excluding_id);
  auto row = items->step();
  if (!row) return std::unexpected(row.error());
  if (*row) return std::optional<Duplicate>{Duplicate{items->column_int(0), std::nullopt, DuplicateKind::exact, std::nullopt}};
  return std::optional<Duplicate>{};
}

std::expected<std::optional<Duplicate>, Error> find_duplicate(Database& db, std::int64_t id,
                                                              const std::string& item_canonical_url,
                                                              const std::string& page_canonical,
                                                              const ProcessedItem& item) {
  if (!page_canonical.empty() && page_canonical != item_canonical_url) {
    auto named = find_item_by_url(db, page_canonical);
    if (!named) return std::unexpected(named.error());
    if (*named && **named != id)
      return std::optional<Duplicate>{Duplicate{**named, std::nullopt, DuplicateKind::canonical, std::nullopt}};
  }
  auto exact = find_exact_duplicate(db, item.body_hash, id);
  if (!exact || *exact) return exact;
  auto near = find_near_duplicate(db, item.fingerprint, id);
  if (!near) return std::unexpected(near.error());
  if (!*near) return std::optional<Duplicate>{};
  return std::optional<Duplicate>{
      Duplicate{(*near)->owner.item_id, (*near)->owner.corpus_file, DuplicateKind::near, (*near)->similarity.resemblance}};
}

std::expected<std::optional<ItemRecord>, Error> find_item(Database& db, std::int64_t id) {
  auto stmt = db.prepare_cached(std::string{"SELECT "} + kItemColumns + " FROM items WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, id);
  auto items = read_rows(*stmt, read_item);
  if (!items) return std::unexpected(items.error());
  if (items->empty()) return std::optional<ItemRecord>{};
  ItemRecord item = std::move(items->front());
  auto decisions = rows_of_item(db, id, read_decision,
                                "SELECT decision, note, decided_at, user, undone_at, undone_by FROM decisions WHERE item_id = ?1 "
                                "ORDER BY id");
  if (!decisions) return std::unexpected(decisions.error());
  item.decisions = std::move(*decisions);
  auto revisions = rows_of_item(db, id, read_revision,
                                "SELECT number, COALESCE(title, ''), body_hash, COALESCE(flagged, 0), "
                                "COALESCE(score, 0), fetched_at, replaced_at FROM revisions WHERE item_id = ?1 "
                                "ORDER BY number");
  if (!revisions) return std::unexpected(revisions.error());
  item.revisions = std::move(*revisions);
  auto urls = rows_of_item(db, id, read_other_url,
                           "SELECT url, kind, seen_at FROM item_urls WHERE item_id = ?1 ORDER BY seen_at, url");
  if (!urls) return std::unexpected(urls.error());
  item.other_urls = std::move(*urls);
  auto translations = rows_of_item(db, id, read_id, "SELECT id FROM items WHERE translation_of = ?1 ORDER BY id");
  if (!translations) return std::unexpected(translations.error());
  item.translations = std::move(*translations);
  return std::optional<ItemRecord>{std::move(item)};
}

std::expected<std::vector<ItemRecord>, Error> review_queue(Database& db, const QueueFilter& filter) {
  // One statement per order for every combination of filters: an absent filter is bound as
  // NULL and holds for every row; the states come as one "|a|b|" list. ISO 8601 with
  // different offsets does not sort or compare as text; julianday() compares instants. A day
  // compares with the date as written (its first ten characters), in the publisher's offset.
  const bool by_arrival = filter.order == QueueFilter::Order::arrived;
  const std::string date = by_arrival ? "discovered_at" : "COALESCE(published, feed_published, fetched_at)";
  const std::string order = by_arrival ? "discovered_at DESC, id DESC"
                                       : "julianday(COALESCE(published, feed_published)) DESC NULLS LAST, id DESC";
  auto stmt = db.prepare_cached(std::string{"SELECT "} + kItemColumns +
                                " FROM items WHERE instr(?1, '|' || state || '|') > 0 "
                                "AND (?2 IS NULL OR outlet = ?2 COLLATE NOCASE) "
                                "AND (?3 IS NULL OR substr(" + date + ", 1, 10) >= ?3) "
                                "AND (?4 IS NULL OR julianday(" + date + ") >= julianday(?4)) "
                                "ORDER BY " + order);
  if (!stmt) return std::unexpected(stmt.error());
  std::string states = "|";
  for (ItemState state : filter.states) states += std::string{state_name(state)} + "|";
  if (filter.states.empty()) states += filter.include_unflagged ? "flagged|stored|" : "flagged|";
  stmt->bind(1, states).bind(2, filter.outlet).bind(3, filter.since_day).bind(4, filter.since_instant);
  return read_rows(*stmt, read_item);
}

std::expected<std::vector<std::string>, Error> known_outlets(Database& db) {
  auto stmt = db.prepare_cached("SELECT outlet FROM items UNION SELECT outlet FROM sources ORDER BY 1");
  if (!stmt) return std::unexpected(stmt.error());
  return read_rows(*stmt, read_text);
}

std::expected<std::vector<ItemRecord>, Error> items_in_state(Database& db, ItemState state) {
  auto stmt = db.prepare_cached(std::string{"SELECT "} + kItemColumns + " FROM items WHERE state = ?1 ORDER BY id");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, std::string{state_name(state)});
  return read_rows(*stmt, read_item);
}

std::expected<std::map<ItemState, std::int64_t>, Error> count_by_state(Database& db) {
  // Kept by triggers (schema 8): reading them costs nothing, however many items there are.
  auto stmt = db.prepare_cached("SELECT state, count FROM state_counts WHERE count > 0 ORDER BY state");
  if (!stmt) return std::unexpected(stmt.error());
  auto counts = counts_of(*stmt);
  if (!counts) return std::unexpected(counts.error());
  std::map<ItemState, std::int64_t> out;
  for (ItemState state : kItemStates) out[state] = 0;
  for (const auto& [name, count] : *counts)
    if (auto state = state_named(name)) out[*state] = count;
  return out;
}

std::expected<std::map<DuplicateKind, std::int64_t>, Error> count_dedup(Database& db) {
  auto stmt = db.prepare_cached(
      "SELECT duplicate_kind, COUNT(*) FROM items WHERE state = 'duplicate' GROUP BY duplicate_kind "
      "UNION ALL SELECT kind, COUNT(*) FROM item_urls GROUP BY kind "
      "UNION ALL SELECT 'translation', COUNT(*) FROM items WHERE translation_of IS NOT NULL "
      "UNION ALL SELECT 'revision', COUNT(*) FROM revisions");
  if (!stmt) return std::unexpected(stmt.error());
  auto counts = counts_of(*stmt);
  if (!counts) return std::unexpected(counts.error());
  std::map<DuplicateKind, std::int64_t> out;
  for (const auto& [name, count] : *counts)
    if (auto kind = duplicate_kind_named(name); kind && count > 0) out[*kind] += count;
  return out;
}

std::string_view duplicate_kind_name(DuplicateKind kind) {
  switch (kind) {
    case DuplicateKind::url: return "url";
    case DuplicateKind::outlet_id: return "outlet_id";
    case DuplicateKind::translation: return "translation";
    case DuplicateKind::canonical: return "canonical";
    case DuplicateKind::revision: return "revision";
    case DuplicateKind::exact: return "exact";
    case DuplicateKind::near: return "near";
  }
  return "?";
}

std::optional<DuplicateKind> duplicate_kind_named(std::string_view name) {
  for (DuplicateKind kind : kDuplicateKinds)
    if (duplicate_kind_name(kind) == name) return kind;
  return std::nullopt;
}

}  // namespace store
