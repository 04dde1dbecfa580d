// ingest queue: the items awaiting review, newest first, as aligned columns or JSON.
#include <algorithm>
#include <cctype>
#include <iostream>

#include "ingest/cli/command_support.h"
#include "ingest/cli/commands.h"
#include "ingest/cli/json_output.h"
#include "ingest/cli/terminal.h"
#include "store/items.h"

namespace ingest::cli {
namespace json = boost::json;
namespace {

// The day the item was published, as its publisher dated it.
std::string day_of(const std::optional<std::string>& iso) {
  return iso && iso->size() >= 10 ? iso->substr(0, 10) : std::string{"-"};
}

bool same_name(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) ==
                                                               std::tolower(static_cast<unsigned char>(y)); });
}

// An --outlet that names no outlet the store knows is a typo far more often than an outlet
// with nothing queued; it is refused with the names that would work.
std::optional<CommandFailure> unknown_outlet(const CommandLine& cli, store::Database& db, const std::string& outlet) {
  auto known = store::known_outlets(db);
  if (!known) return CommandFailure{kExitFailure, known.error().message};
  if (std::ranges::any_of(*known, [&](const std::string& name) { return same_name(name, outlet); }))
    return std::nullopt;
  std::string message = "--outlet " + outlet + ": no such outlet";
  if (!known->empty()) {
    message += " (known: ";
    for (std::size_t i = 0; i < known->size(); ++i) message += (i ? ", " : "") + (*known)[i];
    message += ")";
  }
  return usage_failure(cli, message);
}

std::string summary(std::size_t count, const CommandLine& cli) {
  std::string line = std::to_string(count) + (count == 1 ? " item" : " items");
  line += cli.all ? " awaiting review (flagged and unflagged)" : " flagged, awaiting review";
  if (cli.outlet) line += " from " + *cli.outlet;
  if (cli.since) line += " since " + (cli.since->day.empty() ? cli.since->instant : cli.since->day);
  return terminal_safe(line) + ", newest first:\n";
}

}  // namespace

int command_queue(const CommandLine& cli) {
  if (!cli.arguments.empty()) return report({kExitUsage, "queue takes no arguments (got " + cli.arguments[0] + ")"});
  auto db = open_database(cli, store::Access::read_only);
  if (!db) return report(db.error());
  if (cli.outlet)
    if (auto failure = unknown_outlet(cli, *db, *cli.outlet)) return report(*failure);
  store::QueueFilter filter;
  filter.outlet = cli.outlet;
  if (cli.since && !cli.since->day.empty()) filter.since_day = cli.since->day;
  if (cli.since && !cli.since->instant.empty()) filter.since_instant = cli.since->instant;
  filter.include_unflagged = cli.all;
  auto queue = store::review_queue(*db, filter);
  if (!queue) return report({kExitFailure, queue.error().message});
  if (cli.json) {
    json::array list;
    for (const auto& item : *queue) list.push_back(queue_entry_json(item));
    std::cout << json::serialize(list) << "\n";
    return kExitOk;
  }
  if (queue->empty()) {
    std::cout << (cli.outlet || cli.since ? "no item awaiting review matches\n" : "review queue is empty\n");
    return kExitOk;
  }
  Terminal terminal = stdout_terminal();
  std::vector<Column> columns = {{"ID", Align::right, Style::id},
                                 {"SCORE", Align::right, std::nullopt},
                                 {"PUBLISHED", Align::left, std::nullopt},
                                 {"OUTLET", Align::left, Style::outlet}};
  if (cli.all) columns.push_back({"STATE", Align::left, std::nullopt});
  columns.push_back({"TITLE", Align::left, std::nullopt});
  std::vector<std::vector<std::string>> rows;
  for (const auto& item : *queue) {
    std::vector<std::string> row = {std::to_string(item.id), decimal(item.score, 1), day_of(item.published),
                                    item.outlet};
    if (cli.all) row.emplace_back(store::state_name(item.state));
    row.push_back(item.title);
    rows.push_back(std::move(row));
  }
  std::cout << summary(queue->size(), cli) << format_table(columns, rows, terminal, true)
            << styled("see one with `ingest show ID`, decide with `ingest approve ID` / `ingest reject ID`",
                      Style::muted, terminal)
            << "\n";
  return kExitOk;
}

}  // namespace ingest::cli
