// ingest history ID: one item's trail, oldest first: listed, fetched and judged, revised,
// decided, exported.
#include <iostream>

#include "ingest/cli/command_support.h"
#include "ingest/cli/commands.h"
#include "ingest/cli/json_output.h"
#include "ingest/cli/terminal.h"
#include "store/history.h"

namespace ingest::cli {
namespace json = boost::json;
namespace {

using Kind = store::HistoryEvent::Kind;

std::string version_detail(const store::VersionRecord& v, const std::string& previous_title) {
  std::string out = "version " + std::to_string(v.number);
  // A revision often changes only the text; its title is worth a line only when it changed.
  if (v.number > 1 && v.title != previous_title) out += " \"" + v.title + "\"";
  if (v.duplicate) {
    out += ": duplicate of " + (v.duplicate->item_id ? "item " + std::to_string(*v.duplicate->item_id)
                                                     : "corpus file " + v.duplicate->corpus_file.value_or("?"));
    out += " (" + std::string{store::duplicate_kind_name(v.duplicate->kind)};
    if (v.duplicate->similarity) out += ", similarity " + decimal(*v.duplicate->similarity, 2);
    out += ")";
    return out;
  }
  out += v.flagged ? ": flagged" : ": not flagged";
  out += ", score " + decimal(v.score, 1);
  if (v.rules_version) out += " (" + *v.rules_version + ")";
  return out;
}

std::string detail(const store::HistoryEvent& e, const std::string& previous_title) {
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
             std::string{e.error_kind ? store::failure_kind_name(*e.error_kind) : "other"} + ": " + e.error.value_or("?") +
             (e.final ? " (no retry left)" : " (will retry)");
  }
  return "";
}

}  // namespace

int command_history(const CommandLine& cli) {
  auto history = look_up_item(cli, store::item_history);
  if (!history) return report(history.error());
  if (cli.json) {
    std::cout << json_text(history_json(*history)) << "\n";
    return kExitOk;
  }
  const store::ItemRecord& item = history->item;
  Terminal terminal = stdout_terminal();
  std::vector<std::vector<std::string>> rows;
  std::string previous_title;
  for (const auto& e : history->events) {
    rows.push_back({e.at, event_name(e), detail(e, previous_title)});
    if (e.version) previous_title = e.version->title;
  }
  const Column columns[] = {{"TIME", Align::left, Style::muted},
                            {"EVENT", Align::left, Style::heading},
                            {"DETAIL", Align::left, std::nullopt}};
  std::cout << styled("item " + std::to_string(item.id), Style::id, terminal) << " (" << store::state_name(item.state) << ")  "
            << styled(single_line(item.outlet), Style::outlet, terminal) << ": " << single_line(item.title) << "\n"
            << "url: " << single_line(item.canonical_url) << "\n"
            // Notes and error messages are the point of a history: never cut.
            << format_table(columns, rows, terminal, false);
  return kExitOk;
}

}  // namespace ingest::cli
