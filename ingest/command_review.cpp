// ingest status, queue, show, approve, reject: what a reviewer uses.
#include <charconv>
#include <cstdio>
#include <iostream>

#include "ingest/command_support.h"
#include "ingest/commands.h"
#include "ingest/json_output.h"
#include "store/items.h"
#include "store/review.h"
#include "store/sources.h"

namespace ingest {
namespace json = boost::json;
namespace {

std::optional<std::int64_t> parse_id(const std::string& text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string date_part(const std::optional<std::string>& iso) {
  return iso && iso->size() >= 10 ? iso->substr(0, 10) : std::string{"          "};
}

}  // namespace

int command_status(const CommandLine& cli) {
  auto db = open_database(cli);
  if (!db) return report(db.error());
  auto sources = store::list_sources(*db);
  if (!sources) return report({kExitFailure, sources.error().message});
  auto counts = store::count_by_state(*db);
  if (!counts) return report({kExitFailure, counts.error().message});
  auto dedup = store::count_dedup(*db);
  if (!dedup) return report({kExitFailure, dedup.error().message});
  if (cli.json) {
    json::array list;
    for (const auto& s : *sources) list.push_back(source_json(s));
    json::object items;
    for (const auto& [state, count] : *counts) items[state] = count;
    json::object caught;
    for (const auto& [kind, count] : *dedup) caught[kind] = count;
    std::cout << json::serialize(json::object{{"sources", std::move(list)}, {"items", std::move(items)},
                                              {"dedup", std::move(caught)}})
              << "\n";
    return kExitOk;
  }
  std::cout << "sources:\n";
  for (const auto& s : *sources) {
    std::cout << "  " << terminal_safe(s.outlet) << "  " << terminal_safe(s.url) << "\n"
              << "    last ok: " << s.last_ok.value_or("never")
              << "   next check: " << s.next_check.value_or("now") << "\n";
    if (s.last_error)
      std::cout << "    error: " << s.error_kind.value_or("?") << " x" << s.error_count << " since "
                << s.error_since.value_or("?") << ": " << terminal_safe(*s.last_error) << "\n";
  }
  std::cout << "items:\n";
  for (const auto& [state, count] : *counts) std::cout << "  " << state << ": " << count << "\n";
  if (!dedup->empty()) {
    // exact/near: duplicate items; url/outlet_id: other URLs of known items, never fetched as new.
    std::cout << "deduplication:\n";
    for (const auto& [kind, count] : *dedup) std::cout << "  " << kind << ": " << count << "\n";
  }
  return kExitOk;
}

int command_queue(const CommandLine& cli) {
  auto db = open_database(cli);
  if (!db) return report(db.error());
  auto queue = store::review_queue(*db);
  if (!queue) return report({kExitFailure, queue.error().message});
  if (cli.json) {
    json::array list;
    for (const auto& item : *queue) list.push_back(queue_entry_json(item));
    std::cout << json::serialize(list) << "\n";
    return kExitOk;
  }
  if (queue->empty()) {
    std::cout << "review queue is empty\n";
    return kExitOk;
  }
  std::cout << queue->size() << " item(s) awaiting review:\n    id  score  published   outlet: title\n";
  for (const auto& item : *queue) {
    char prefix[48];
    std::snprintf(prefix, sizeof prefix, "%6lld  %5.1f", static_cast<long long>(item.id), item.score);
    std::cout << prefix << "  " << date_part(item.published) << "  "
              << terminal_safe(item.outlet) << ": " << terminal_safe(item.title) << "\n";
  }
  std::cout << "see one with `ingest show ID`, decide with `ingest approve ID` / `ingest reject ID`\n";
  return kExitOk;
}

int command_show(const CommandLine& cli) {
  if (cli.arguments.size() != 1) return report({kExitUsage, "show takes one item id"});
  auto id = parse_id(cli.arguments.front());
  if (!id) return report({kExitUsage, "not an item id: " + cli.arguments.front()});
  auto db = open_database(cli);
  if (!db) return report(db.error());
  auto item = store::find_item(*db, *id);
  if (!item) return report({kExitFailure, item.error().message});
  if (!*item) return report({kExitFailure, "no item " + std::to_string(*id)});
  const store::ItemRecord& r = **item;
  if (cli.json) {
    std::cout << json::serialize(item_json(r)) << "\n";
    return kExitOk;
  }
  std::cout << "item " << r.id << " (" << r.state << ")  " << terminal_safe(r.outlet) << "\n"
            << "url: " << terminal_safe(r.canonical_url) << "\n";
  if (r.rules_version)
    std::cout << "flag: " << (r.flagged ? "flagged" : "not flagged") << ", score " << r.score
              << " (" << *r.rules_version << ")\n";
  for (const auto& e : r.evidence) {
    std::cout << "  - " << terminal_safe(e.sentence) << "\n    [";
    for (std::size_t i = 0; i < e.terms.size(); ++i) std::cout << (i ? ", " : "") << terminal_safe(e.terms[i]);
    std::cout << "]\n";
  }
  std::string why = r.duplicate_kind.value_or("?");
  if (r.similarity) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, ", similarity %.2f", *r.similarity);
    why += buffer;
  }
  if (r.duplicate_of) std::cout << "duplicate of item " << *r.duplicate_of << ": " << why << "\n";
  if (r.duplicate_file) std::cout << "duplicate of corpus file " << *r.duplicate_file << ": " << why << "\n";
  if (r.translation_of) std::cout << "translation of item " << *r.translation_of << "\n";
  for (auto translation : r.translations) std::cout << "translated as item " << translation << "\n";
  for (const auto& u : r.other_urls)
    std::cout << "also listed as " << terminal_safe(u.url) << " (" << (u.kind == "url" ? "same page" : "same outlet id")
              << ", " << u.seen_at << ")\n";
  for (const auto& v : r.revisions)
    std::cout << "revision " << v.number << ", replaced " << v.replaced_at << ": " << terminal_safe(v.title)
              << (v.flagged ? " (flagged)" : "") << "\n";
  if (r.last_error) std::cout << "last error (attempt " << r.attempts << "): " << terminal_safe(*r.last_error) << "\n";
  if (r.corpus_file) std::cout << "corpus file: " << *r.corpus_file << "\n";
  for (const auto& d : r.decisions)
    std::cout << d.decision << " at " << d.decided_at << (d.note ? ": " + terminal_safe(*d.note) : "") << "\n";
  if (r.seed_text) std::cout << "\n" << terminal_safe(*r.seed_text);
  return kExitOk;
}

int command_decide(const CommandLine& cli) {
  if (cli.arguments.empty()) return report({kExitUsage, cli.command + " takes one or more item ids"});
  std::vector<std::int64_t> ids;
  for (const auto& text : cli.arguments) {
    auto id = parse_id(text);
    if (!id) return report({kExitUsage, "not an item id: " + text});
    ids.push_back(*id);
  }
  auto db = open_database(cli);
  if (!db) return report(db.error());
  auto verdict = cli.command == "approve" ? store::Verdict::approve : store::Verdict::reject;
  int status = kExitOk;
  for (auto id : ids) {
    if (auto r = store::decide(*db, id, verdict, cli.note); !r) {
      std::cerr << "ingest: " << r.error().message << "\n";
      status = kExitFailure;
      continue;
    }
    std::cout << (verdict == store::Verdict::approve ? "approved " : "rejected ") << id << "\n";
  }
  return status;
}

}  // namespace ingest
