#include "store/listing.h"

#include "store/rows.h"

namespace store {
namespace {

// The filter, shared by the page, the count and the neighbours. Only the filters given are
// written into the statement (each bound, never spliced), so that the common listing, one
// state in one order, is read from an index alone without visiting the rows.
struct Filter {
  std::string where;  // " FROM items i WHERE ..."
  void bind(Statement& stmt, const ListingQuery& query) const {
    int next = 1;
    stmt.bind(next++, state_name(query.state));
    if (query.outlet) stmt.bind(next++, *query.outlet);
    if (query.language) stmt.bind(next++, *query.language);
    if (query.since_day) stmt.bind(next++, *query.since_day);
    if (query.min_score) stmt.bind(next++, *query.min_score);
  }
  int parameters = 1;
};

Filter filter_of(const ListingQuery& query) {
  Filter filter{" FROM items i WHERE i.state = ?1"};
  auto add = [&filter](const std::string& condition) {
    filter.where += " AND " + condition + std::to_string(++filter.parameters);
  };
  if (query.outlet) add("i.outlet = ?");
  if (query.language) add("i.language = ?");
  if (query.since_day)
    add("substr(COALESCE(i.published, i.feed_published, i.stored_at, i.discovered_at), 1, 10) >= ?");
  if (query.min_score) add("i.score >= ?");
  return filter;
}

std::string order_by(ListingQuery::Sort sort) {
  switch (sort) {
    case ListingQuery::Sort::publication:
      // ISO 8601 with different offsets does not sort as text; julianday() sorts instants
      // (the expression of the index items_state_published). Undated items sort as NULL: last.
      return " ORDER BY julianday(COALESCE(i.published, i.feed_published)) DESC, i.id DESC";
    case ListingQuery::Sort::score: return " ORDER BY i.score DESC, i.id DESC";
    case ListingQuery::Sort::arrival: break;
  }
  return " ORDER BY i.discovered_at DESC, i.id DESC";
}

ListedItem read_listed(const Statement& s) {
  ListedItem item;
  item.id = s.column_int(0);
  item.outlet = s.column_text(1);
  item.title = s.column_text(2);
  item.url = s.column_text(3);
  item.published = s.column_optional_text(4);
  item.language = s.column_optional_text(5);
  item.score = s.column_double(6);
  item.state = state_named(s.column_text(7)).value_or(ItemState::discovered);
  item.discovered_at = s.column_text(8);
  if (!s.column_is_null(9)) item.duplicate_of = s.column_int(9);
  item.duplicate_kind = s.column_optional_text(10);
  item.duplicate_file = s.column_optional_text(11);
  if (auto kind = s.column_optional_text(12)) item.error_kind = failure_kind_named(*kind);
  item.last_error = s.column_optional_text(13);
  item.corpus_file = s.column_optional_text(14);
  item.decided_by = s.column_optional_text(15);
  item.decided_at = s.column_optional_text(16);
  return item;
}

// The first column of every row `sql` selects for one state.
std::expected<std::vector<std::string>, Error> texts_in_state(Database& db, const std::string& sql, ItemState state) {
  auto stmt = db.prepare_cached(sql);
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, state_name(state));
  return read_rows(*stmt, read_text);
}

}  // namespace

std::expected<Listing, Error> list_items(Database& db, const ListingQuery& query) {
  const Filter filter = filter_of(query);
  Listing listing;
  auto count = db.prepare_cached("SELECT COUNT(*)" + filter.where);
  if (!count) return std::unexpected(count.error());
  filter.bind(*count, query);
  if (auto row = count->step(); !row) return std::unexpected(row.error());
  listing.total = count->column_int(0);

  // The page's ids first (ordering ids, not whole rows), then their fields and current
  // decision for those rows only.
  const std::string limit = " LIMIT ?" + std::to_string(filter.parameters + 1) + " OFFSET ?" +
                            std::to_string(filter.parameters + 2);
  auto page = db.prepare_cached(
      "SELECT i.id, i.outlet, COALESCE(i.title, i.feed_title, ''), i.canonical_url, "
      "COALESCE(i.published, i.feed_published), i.language, COALESCE(i.score, 0), i.state, "
      "i.discovered_at, i.duplicate_of, i.duplicate_kind, i.duplicate_file, i.error_kind, "
      "i.last_error, i.corpus_file, d.user, d.decided_at "
      "FROM (SELECT i.id" + filter.where + order_by(query.sort) + limit + ") p "
      "JOIN items i ON i.id = p.id "
      "LEFT JOIN decisions d ON d.id = (SELECT MAX(id) FROM decisions WHERE item_id = i.id AND undone_at IS NULL)" +
      order_by(query.sort));
  if (!page) return std::unexpected(page.error());
  filter.bind(*page, query);
  page->bind(filter.parameters + 1, static_cast<std::int64_t>(query.limit))
      .bind(filter.parameters + 2, static_cast<std::int64_t>(query.offset));
  auto items = read_rows(*page, read_listed);
  if (!items) return std::unexpected(items.error());
  listing.items = std::move(*items);
  return listing;
}

std::expected<Neighbours, Error> neighbours(Database& db, const ListingQuery& query, std::int64_t id) {
  // The ids in order, one column: cheap enough for the queue's thousands of rows, and the
  // same order the page shows without a second formulation of it.
  const Filter filter = filter_of(query);
  auto stmt = db.prepare_cached("SELECT i.id" + filter.where + order_by(query.sort));
  if (!stmt) return std::unexpected(stmt.error());
  filter.bind(*stmt, query);
  Neighbours out;
  std::optional<std::int64_t> before;
  bool found = false;
  while (true) {
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    const std::int64_t current = stmt->column_int(0);
    if (found) {
      out.next = current;
      break;
    }
    if (current == id) {
      found = true;
      out.previous = before;
    }
    before = current;
  }
  if (!found) return Neighbours{};
  return out;
}

std::expected<std::vector<std::int64_t>, Error> duplicates_of(Database& db, std::int64_t id) {
  auto stmt = db.prepare_cached("SELECT id FROM items WHERE duplicate_of = ?1 AND state = 'duplicate' ORDER BY id");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, id);
  return read_rows(*stmt, read_id);
}

std::expected<std::vector<std::string>, Error> outlets_in_state(Database& db, ItemState state) {
  return texts_in_state(db, "SELECT DISTINCT outlet FROM items WHERE state = ?1 ORDER BY 1", state);
}

std::expected<std::vector<std::string>, Error> languages_in_state(Database& db, ItemState state) {
  return texts_in_state(
      db, "SELECT DISTINCT language FROM items WHERE state = ?1 AND language IS NOT NULL ORDER BY 1", state);
}

}  // namespace store
