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
    rows.push_back({e.at, store::history_event_name(e), store::history_event_detail(e, previous_title)});
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
