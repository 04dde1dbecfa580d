#include "store/history.h"

#include <cstdio>

#include <algorithm>

namespace store {
namespace {

using Kind = HistoryEvent::Kind;

// When the item went into the corpus: the export registers the file it wrote.
std::expected<std::optional<std::string>, Error> exported_at(Database& db, std::int64_t id,
                                                             const std::string& file) {
  auto stmt = db.prepare_cached("SELECT registered_at FROM corpus_files WHERE item_id = ?1 AND file_name = ?2");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, id).bind(2, file);
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{stmt->column_text(0)};
}

HistoryEvent version_event(std::int64_t number, std::string at, VersionRecord version) {
  HistoryEvent event;
  event.kind = number == 1 ? Kind::fetched : Kind::revised;
  event.at = std::move(at);
  event.version = std::move(version);
  return event;
}

// The item's versions, oldest first. A revision row is a replaced version with the time it
// was fetched and the time it was replaced; the version that replaced it was stored at that
// moment, in the same transaction. The item holds the newest version.
std::vector<HistoryEvent> version_events(const ItemRecord& item) {
  std::vector<HistoryEvent> out;
  std::optional<std::string> next_at;  // when the version after the last one seen was stored
  for (const auto& r : item.revisions) {
    std::string at = next_at.value_or(r.fetched_at.value_or(item.discovered_at));
    out.push_back(version_event(static_cast<std::int64_t>(out.size()) + 1, std::move(at),
                                VersionRecord{r.number, r.title, r.flagged, r.score, std::nullopt, std::nullopt}));
    next_at = r.replaced_at;
  }
  // An item never fetched, or failed before its first text, has no version yet.
  if (!item.seed_text && !item.rules_version) return out;
  std::optional<Duplicate> duplicate;
  if (item.state == ItemState::duplicate)
    duplicate = Duplicate{item.duplicate_of, item.duplicate_file, item.duplicate_kind.value_or(DuplicateKind::exact), item.similarity};
  std::string at = next_at ? *next_at : item.stored_at.value_or(item.fetched_at.value_or(item.updated_at));
  out.push_back(version_event(static_cast<std::int64_t>(out.size()) + 1, std::move(at),
                              VersionRecord{static_cast<std::int64_t>(item.revisions.size()) + 1, item.title,
                                            item.flagged, item.score, item.rules_version, std::move(duplicate)}));
  return out;
}

}  // namespace

std::expected<std::optional<ItemHistory>, Error> item_history(Database& db, std::int64_t id) {
  auto found = find_item(db, id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return std::optional<ItemHistory>{};
  ItemHistory history{std::move(**found), {}};
  const ItemRecord& item = history.item;
  auto& events = history.events;

  HistoryEvent discovered;
  discovered.at = item.discovered_at;
  discovered.source = item.source_url;
  events.push_back(std::move(discovered));
  for (auto& version : version_events(item)) events.push_back(std::move(version));
  for (const auto& decision : item.decisions) {
    HistoryEvent decided;
    decided.kind = Kind::decided;
    decided.at = decision.decided_at;
    decided.decision = decision;
    events.push_back(std::move(decided));
  }
  if (item.corpus_file) {
    auto at = exported_at(db, id, *item.corpus_file);
    if (!at) return std::unexpected(at.error());
    HistoryEvent exported;
    exported.kind = Kind::exported;
    // An export always registers its file; updated_at stands in should the row be missing.
    exported.at = at->value_or(item.updated_at);
    exported.corpus_file = item.corpus_file;
    events.push_back(std::move(exported));
  }
  if (item.last_error) {
    // Only the latest failure is kept, and it is what last changed the item: a success
    // clears it.
    HistoryEvent failed;
    failed.kind = Kind::failed;
    failed.at = item.updated_at;
    failed.error = item.last_error;
    failed.error_kind = item.error_kind;
    failed.attempts = item.attempts;
    failed.final = item.state == ItemState::failed;
    events.push_back(std::move(failed));
  }
  // Every time is ISO 8601 UTC to the second, which sorts as text; events of the same second
  // keep the order above, the order in which they can happen.
  std::stable_sort(events.begin(), events.end(),
                   [](const HistoryEvent& a, const HistoryEvent& b) { return a.at < b.at; });
  return std::optional<ItemHistory>{std::move(history)};
}

namespace {

std::string fixed(double value, int places) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", places, value);
  return buffer;
}

std::string version_detail(const VersionRecord& v, const std::string& previous_title) {
  std::string out = "version " + std::to_string(v.number);
  // A revision often changes only the text; its title is worth a line only when it changed.
  if (v.number > 1 && v.title != previous_title) out += " \"" + v.title + "\"";
  if (v.duplicate) {
    out += ": duplicate of " + (v.duplicate->item_id ? "item " + std::to_string(*v.duplicate->item_id)
                                                     : "corpus file " + v.duplicate->corpus_file.value_or("?"));
    out += " (" + std::string{duplicate_kind_name(v.duplicate->kind)};
    if (v.duplicate->similarity) out += ", similarity " + fixed(*v.duplicate->similarity, 2);
    out += ")";
    return out;
  }
  out += v.flagged ? ": flagged" : ": not flagged";
  out += ", score " + fixed(v.score, 1);
  if (v.rules_version) out += " (" + *v.rules_version + ")";
  return out;
}

}  // namespace

std::string history_event_name(const HistoryEvent& event) {
  switch (event.kind) {
    case Kind::discovered: return "discovered";
    case Kind::fetched: return "fetched";
    case Kind::revised: return "revised";
    case Kind::decided: return event.decision ? event.decision->decision : "decided";
    case Kind::exported: return "exported";
    case Kind::failed: return "failed";
  }
  return "?";
}

std::string history_event_detail(const HistoryEvent& e, const std::string& previous_title) {
  switch (e.kind) {
    case Kind::discovered: return e.source ? "listed by " + *e.source : "";
    case Kind::fetched:
    case Kind::revised: return e.version ? version_detail(*e.version, previous_title) : "";
    case Kind::decided: {
      if (!e.decision) return "";
      // Decisions from before users were recorded say so rather than guess.
      std::string out = "by " + e.decision->user.value_or("(not recorded)");
      if (e.decision->note) out += ": " + *e.decision->note;
      if (e.decision->undone_at)
        out += " (undone by " + e.decision->undone_by.value_or("?") + " at " + *e.decision->undone_at + ")";
      return out;
    }
    case Kind::exported: return "to " + e.corpus_file.value_or("?");
    case Kind::failed:
      return "attempt " + std::to_string(e.attempts) + ": " +
             std::string{e.error_kind ? failure_kind_name(*e.error_kind) : "other"} + ": " + e.error.value_or("?") +
             (e.final ? " (no retry left)" : " (will retry)");
  }
  return "";
}

}  // namespace store
