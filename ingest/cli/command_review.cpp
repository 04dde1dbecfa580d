// ingest status, show, approve, reject: what a reviewer uses (queue and history have files
// of their own).
#include <iostream>
#include <set>

#include "ingest/cli/command_support.h"
#include "ingest/cli/commands.h"
#include "ingest/cli/json_output.h"
#include "flag/frame_text.h"
#include "flag/term_spans.h"
#include "ingest/cli/terminal.h"
#include "store/items.h"
#include "store/review.h"
#include "store/sources.h"

namespace ingest::cli {
namespace json = boost::json;
namespace {

// "label: value" with the label in bold on a terminal.
std::string field(std::string_view label, std::string_view value, const Terminal& terminal) {
  return styled(std::string{label} + ":", Style::heading, terminal) + " " + single_line(value) + "\n";
}

// The evidence sentences, each with the rule terms that matched it highlighted on a terminal;
// the terms are listed after it too, for output that is not a terminal.
void print_evidence(const store::ItemRecord& r, const Terminal& terminal) {
  if (r.evidence.empty()) return;
  std::cout << styled("evidence:", Style::heading, terminal) << "\n";
  flag::WordFolder folder;
  auto joined = [](const std::vector<std::string>& list) {
    std::string out;
    for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + list[i];
    return out;
  };
  for (const auto& e : r.evidence) {
    // The terms matched in this sentence; those its neighbours brought within the rules'
    // window are said apart, so that no word is shown under a sentence that lacks it.
    auto [here, nearby] = flag::split_terms(e.sentence, e.terms, folder);
    std::string terms = joined(here) + (nearby.empty() ? "" : "; in the sentences around it: " + joined(nearby));
    std::cout << "  - " << highlighted(e.sentence, flag::term_spans(e.sentence, here, folder), terminal) << "\n"
              << styled("    " + single_line(terms) + "  (weight " + decimal(e.weight, 1) + ")", Style::muted, terminal)
              << "\n";
    if (std::string frame = flag::frame_text(e); !frame.empty())
      std::cout << styled("    " + single_line(frame), Style::muted, terminal) << "\n";
    if (!e.not_parties.empty())
      std::cout << styled("    not counted as a party: " + single_line(joined(e.not_parties)), Style::muted, terminal)
                << "\n";
  }
}

std::string duplicate_line(const store::ItemRecord& r) {
  std::string why{r.duplicate_kind ? store::duplicate_kind_name(*r.duplicate_kind) : "?"};
  if (r.similarity) why += ", similarity " + decimal(*r.similarity, 2);
  if (r.duplicate_of) return "duplicate of item " + std::to_string(*r.duplicate_of) + " (" + why + ")";
  if (r.duplicate_file) return "duplicate of corpus file " + *r.duplicate_file + " (" + why + ")";
  return {};
}

// Duplicate and translation links, other URLs and earlier versions: how the item relates to
// the rest of the store.
void print_links(const store::ItemRecord& r, const Terminal& terminal) {
  std::vector<std::string> lines;
  if (auto line = duplicate_line(r); !line.empty()) lines.push_back(line);
  if (r.translation_of) lines.push_back("translation of item " + std::to_string(*r.translation_of));
  for (auto translation : r.translations) lines.push_back("translated as item " + std::to_string(translation));
  for (const auto& u : r.other_urls)
    lines.push_back("also listed as " + u.url + " (" + (u.kind == store::DuplicateKind::url ? "same page" : "same outlet id") + ", " +
                    u.seen_at + ")");
  for (const auto& v : r.revisions)
    lines.push_back("revision " + std::to_string(v.number) + ", replaced " + v.replaced_at + ": " + v.title +
                    (v.flagged ? " (flagged" : " (not flagged") + ", score " + decimal(v.score, 1) + ")");
  if (lines.empty()) return;
  std::cout << styled("links:", Style::heading, terminal) << "\n";
  for (const auto& line : lines) std::cout << "  " << single_line(line) << "\n";
}

void print_decisions(const store::ItemRecord& r, const Terminal& terminal) {
  if (r.decisions.empty()) return;
  std::cout << styled("decisions:", Style::heading, terminal) << "\n";
  for (const auto& d : r.decisions)
    std::cout << "  " << d.decided_at << "  " << d.decision << " by "
              << single_line(d.user.value_or("(not recorded)")) << (d.note ? ": " + single_line(*d.note) : "")
              << (d.undone_at ? " (undone by " + single_line(d.undone_by.value_or("?")) + " at " + *d.undone_at + ")" : "")
              << "\n";
}

}  // namespace

int command_status(const CommandLine& cli) {
  auto db = open_database(cli, store::Access::read_only);
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
    for (const auto& [state, count] : *counts) items[store::state_name(state)] = count;
    json::object caught;
    for (const auto& [kind, count] : *dedup) caught[store::duplicate_kind_name(kind)] = count;
    std::cout << json_text(json::object{{"sources", std::move(list)}, {"items", std::move(items)},
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
      std::cout << "    error: " << (s.error_kind ? store::failure_kind_name(*s.error_kind) : "?") << " x" << s.error_count << " since "
                << s.error_since.value_or("?") << ": " << terminal_safe(*s.last_error) << "\n";
  }
  std::cout << "items:\n";
  for (const auto& [state, count] : *counts) std::cout << "  " << store::state_name(state) << ": " << count << "\n";
  if (!dedup->empty()) {
    // exact/near: duplicate items; url/outlet_id: other URLs of known items, never fetched as new.
    std::cout << "deduplication:\n";
    for (const auto& [kind, count] : *dedup)
      std::cout << "  " << store::duplicate_kind_name(kind) << ": " << count << "\n";
  }
  return kExitOk;
}

int command_show(const CommandLine& cli) {
  auto item = look_up_item(cli, store::find_item);
  if (!item) return report(item.error());
  const store::ItemRecord& r = *item;
  if (cli.json) {
    std::cout << json_text(item_json(r)) << "\n";
    return kExitOk;
  }
  Terminal terminal = stdout_terminal();
  std::cout << styled("item " + std::to_string(r.id), Style::id, terminal) << " (" << store::state_name(r.state) << ")  "
            << styled(single_line(r.outlet), Style::outlet, terminal) << "\n"
            << field("title", r.title, terminal) << field("url", r.canonical_url, terminal);
  if (r.published) std::cout << field("published", *r.published, terminal);
  if (r.rules_version)
    std::cout << field("flag", std::string{r.flagged ? "flagged" : "not flagged"} + ", score " + decimal(r.score, 1) +
                                   " (" + *r.rules_version + ")",
                       terminal);
  print_evidence(r, terminal);
  print_links(r, terminal);
  if (r.last_error)
    std::cout << field("last error",
                       "attempt " + std::to_string(r.attempts) + ": " +
                           std::string{r.error_kind ? store::failure_kind_name(*r.error_kind) : "other"} + ": " +
                           *r.last_error,
                       terminal);
  print_decisions(r, terminal);
  if (r.corpus_file) std::cout << field("corpus file", *r.corpus_file, terminal);
  if (r.seed_text) {
    // The text exactly as export writes it (escaped only where it would act on the terminal).
    std::cout << "\n"
              << styled(r.corpus_file ? "seed text, as written to the corpus:" : "seed text, as it will be written:",
                        Style::heading, terminal)
              << "\n\n"
              << terminal_safe(*r.seed_text);
    if (!r.seed_text->ends_with('\n')) std::cout << "\n";
  }
  return kExitOk;
}

int command_decide(const CommandLine& cli) {
  if (cli.arguments.empty()) return report({kExitUsage, cli.command + " takes one or more item ids"});
  // Every id is read before anything is decided: a typo is bad usage, and nothing happens.
  // An id given twice is decided once.
  std::vector<std::int64_t> ids;
  std::set<std::int64_t> seen;
  for (const auto& text : cli.arguments) {
    auto id = parse_item_id(text);
    if (!id) return report(usage_failure(cli, "not an item id: " + text));
    if (seen.insert(*id).second) ids.push_back(*id);
  }
  auto db = open_database(cli, store::Access::existing);
  if (!db) return report(db.error());
  auto verdict = cli.command == "approve" ? store::ReviewAction::approve : store::ReviewAction::reject;
  const std::string decision = verdict == store::ReviewAction::approve ? "approved" : "rejected";
  const std::string user = deciding_user(cli);
  int status = kExitOk;
  // Each id is its own transaction: one that cannot be decided (unknown, a duplicate,
  // exported) is reported and the others still are.
  for (auto id : ids) {
    auto outcome = store::decide(*db, id, verdict, cli.note, user);
    if (!outcome) {
      status = kExitFailure;
      const auto& error = outcome.error();
      // not_found and invalid_state messages name the item; an SQL error does not.
      bool names_item = error.code == store::Error::Code::not_found || error.code == store::Error::Code::invalid_state;
      std::cerr << "ingest: " << cli.command << ": " << (names_item ? "" : "item " + std::to_string(id) + ": ")
                << terminal_safe(error.message) << "\n";
    }
    if (cli.json) {
      std::cout << json_text(decision_json(id, decision, outcome)) << "\n";
    } else if (outcome) {
      std::cout << decision << " " << id;
      if (outcome->previous_state != "flagged" && outcome->previous_state != "stored")
        std::cout << " (was " << outcome->previous_state << ")";
      std::cout << "\n";
    }
  }
  return status;
}

}  // namespace ingest::cli
