#include "store/items.h"

#include <boost/json.hpp>

#include "store/store.h"

namespace store {
namespace json = boost::json;
namespace {

std::string authors_json(const std::vector<std::string>& authors) {
  json::array array;
  for (const auto& a : authors) array.emplace_back(a);
  return json::serialize(array);
}

std::vector<std::string> parse_authors(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_array()) return out;
  for (const auto& a : value.as_array())
    if (a.is_string()) out.emplace_back(a.as_string());
  return out;
}

std::string evidence_json(const std::vector<flag::Evidence>& evidence) {
  json::array array;
  for (const auto& e : evidence) {
    json::array terms;
    for (const auto& t : e.terms) terms.emplace_back(t);
    array.push_back(json::object{{"sentence", e.sentence}, {"terms", terms}, {"weight", e.weight}});
  }
  return json::serialize(array);
}

std::vector<flag::Evidence> parse_evidence(const std::string& text) {
  std::vector<flag::Evidence> out;
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_array()) return out;
  for (const auto& e : value.as_array()) {
    if (!e.is_object()) continue;
    flag::Evidence evidence;
    const auto& o = e.as_object();
    if (auto* s = o.if_contains("sentence"); s && s->is_string()) evidence.sentence = s->as_string();
    if (auto* w = o.if_contains("weight"); w && w->is_number()) evidence.weight = w->to_number<double>();
    if (auto* terms = o.if_contains("terms"); terms && terms->is_array())
      for (const auto& t : terms->as_array())
        if (t.is_string()) evidence.terms.emplace_back(t.as_string());
    out.push_back(std::move(evidence));
  }
  return out;
}

constexpr const char* kItemColumns =
    "id, outlet, canonical_url, state, COALESCE(title, feed_title, ''), authors, "
    "COALESCE(published, feed_published), language, seed_text, flagged, score, evidence, "
    "rules_version, duplicate_of, duplicate_kind, duplicate_file, attempts, last_error, "
    "corpus_file, discovered_at, updated_at";

ItemRecord read_item(const Statement& s) {
  ItemRecord r;
  r.id = s.column_int(0);
  r.outlet = s.column_text(1);
  r.canonical_url = s.column_text(2);
  r.state = s.column_text(3);
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
  r.duplicate_kind = s.column_optional_text(14);
  r.duplicate_file = s.column_optional_text(15);
  r.attempts = s.column_int(16);
  r.last_error = s.column_optional_text(17);
  r.corpus_file = s.column_optional_text(18);
  r.discovered_at = s.column_text(19);
  r.updated_at = s.column_text(20);
  return r;
}

std::expected<std::vector<ItemRecord>, Error> read_items(Statement& stmt) {
  std::vector<ItemRecord> out;
  while (true) {
    auto row = stmt.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(read_item(stmt));
  }
  return out;
}

// Binds the processed fields as ?2..?11 of the UPDATE statements below.
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
    "last_error = NULL, next_attempt = NULL";

}  // namespace

std::expected<std::optional<std::int64_t>, Error> add_discovered(Database& db,
                                                                 const DiscoveredItem& item) {
  auto stmt = db.prepare_cached(
      "INSERT INTO items (canonical_url, outlet, source_url, state, feed_title, feed_published, "
      "discovered_at, updated_at) VALUES (?1, ?2, ?3, 'discovered', ?4, ?5, ?6, ?6) "
      "ON CONFLICT (canonical_url) DO NOTHING");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, item.canonical_url)
      .bind(2, item.outlet)
      .bind(3, item.source_url)
      .bind(4, item.feed_title)
      .bind(5, item.feed_published)
      .bind(6, now_utc());
  if (auto r = stmt->run(); !r) return std::unexpected(r.error());
  if (db.changes() == 0) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{db.last_insert_id()};
}

std::expected<std::vector<PendingItem>, Error> due_items(Database& db, std::size_t limit) {
  auto stmt = db.prepare_cached(
      "SELECT id, outlet, canonical_url, COALESCE(feed_title, ''), feed_published, attempts "
      "FROM items WHERE state = 'discovered' AND (next_attempt IS NULL OR next_attempt <= ?1) "
      "ORDER BY id LIMIT ?2");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, now_utc()).bind(2, static_cast<std::int64_t>(limit));
  std::vector<PendingItem> out;
  while (true) {
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(PendingItem{stmt->column_int(0), stmt->column_text(1), stmt->column_text(2),
                              stmt->column_text(3), stmt->column_optional_text(4),
                              stmt->column_int(5)});
  }
  return out;
}

std::expected<void, Error> record_item_failure(Database& db, std::int64_t id,
                                               const std::string& reason,
                                               std::int64_t max_attempts,
                                               const std::string& next_attempt) {
  auto stmt = db.prepare_cached(
      "UPDATE items SET attempts = attempts + 1, last_error = ?2, next_attempt = ?3, "
      "state = CASE WHEN attempts + 1 >= ?4 THEN 'failed' ELSE state END, updated_at = ?5 "
      "WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, id).bind(2, reason).bind(3, next_attempt).bind(4, max_attempts).bind(5, now_utc()).run();
}

std::expected<void, Error> record_item_stored(Database& db, std::int64_t id,
                                              const ProcessedItem& item) {
  auto stmt = db.prepare_cached(std::string{"UPDATE items SET "} + kProcessedAssignments +
                         ", state = CASE WHEN ?8 THEN 'flagged' ELSE 'stored' END WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, id);
  bind_processed(*stmt, item);
  return stmt->run();
}

std::expected<void, Error> record_item_duplicate(Database& db, std::int64_t id,
                                                 const ProcessedItem& item,
                                                 const Duplicate& duplicate) {
  auto stmt = db.prepare_cached(std::string{"UPDATE items SET "} + kProcessedAssignments +
                         ", state = 'duplicate', duplicate_of = ?13, duplicate_file = ?14, "
                         "duplicate_kind = ?15 WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, id);
  bind_processed(*stmt, item);
  if (duplicate.item_id) stmt->bind(13, *duplicate.item_id);
  else stmt->bind_null(13);
  stmt->bind(14, duplicate.corpus_file).bind(15, duplicate.kind);
  return stmt->run();
}

std::expected<std::optional<Duplicate>, Error> find_exact_duplicate(Database& db,
                                                                    const std::string& body_hash,
                                                                    std::int64_t excluding_id) {
  auto corpus = db.prepare_cached("SELECT file_name FROM corpus_files WHERE body_hash = ?1 ORDER BY number LIMIT 1");
  if (!corpus) return std::unexpected(corpus.error());
  corpus->bind(1, body_hash);
  auto row = corpus->step();
  if (!row) return std::unexpected(row.error());
  if (*row) return std::optional<Duplicate>{Duplicate{std::nullopt, corpus->column_text(0), "exact"}};
  auto items = db.prepare_cached(
      "SELECT id FROM items WHERE body_hash = ?1 AND id != ?2 AND state != 'duplicate' "
      "ORDER BY id LIMIT 1");
  if (!items) return std::unexpected(items.error());
  items->bind(1, body_hash).bind(2, excluding_id);
  row = items->step();
  if (!row) return std::unexpected(row.error());
  if (*row) return std::optional<Duplicate>{Duplicate{items->column_int(0), std::nullopt, "exact"}};
  return std::optional<Duplicate>{};
}

std::expected<std::optional<ItemRecord>, Error> find_item(Database& db, std::int64_t id) {
  auto stmt = db.prepare_cached(std::string{"SELECT "} + kItemColumns + " FROM items WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, id);
  auto items = read_items(*stmt);
  if (!items) return std::unexpected(items.error());
  if (items->empty()) return std::optional<ItemRecord>{};
  ItemRecord item = std::move(items->front());
  auto decisions = db.prepare_cached(
      "SELECT decision, note, decided_at FROM decisions WHERE item_id = ?1 ORDER BY id");
  if (!decisions) return std::unexpected(decisions.error());
  decisions->bind(1, id);
  while (true) {
    auto row = decisions->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    item.decisions.push_back(Decision{decisions->column_text(0),
                                      decisions->column_optional_text(1), decisions->column_text(2)});
  }
  return std::optional<ItemRecord>{std::move(item)};
}

std::expected<std::vector<ItemRecord>, Error> review_queue(Database& db) {
  // ISO 8601 with different offsets does not sort as text; julianday() compares instants.
  auto stmt = db.prepare_cached(std::string{"SELECT "} + kItemColumns +
                         " FROM items WHERE state = 'flagged' "
                         "ORDER BY julianday(COALESCE(published, feed_published)) DESC NULLS LAST, id DESC");
  if (!stmt) return std::unexpected(stmt.error());
  return read_items(*stmt);
}

std::expected<std::vector<ItemRecord>, Error> items_in_state(Database& db, const std::string& state) {
  auto stmt = db.prepare_cached(std::string{"SELECT "} + kItemColumns + " FROM items WHERE state = ?1 ORDER BY id");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, state);
  return read_items(*stmt);
}

std::expected<std::map<std::string, std::int64_t>, Error> count_by_state(Database& db) {
  auto stmt = db.prepare_cached("SELECT state, COUNT(*) FROM items GROUP BY state ORDER BY state");
  if (!stmt) return std::unexpected(stmt.error());
  std::map<std::string, std::int64_t> out;
  while (true) {
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out[stmt->column_text(0)] = stmt->column_int(1);
  }
  return out;
}

}  // namespace store
