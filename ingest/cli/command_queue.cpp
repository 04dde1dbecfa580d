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

// What the listing holds, in words: "3 items flagged, awaiting review from TASS since 2026-04-10".
std::string summary(std::size_t count, const CommandLine& cli, bool by_arrival) {
  std::string line = std::to_string(count) + (count == 1 ? " item" : " items");
  if (cli.state == "all") line += " in any state";
  else if (cli.state && cli.state != "flagged") line += " " + *cli.state;
  else line += cli.all ? " awaiting review (flagged and unflagged)" : " flagged, awaiting review";
  if (cli.outlet) line += " from " + *cli.outlet;
  if (cli.since) line += (by_arrival ? " fetched since " : " published since ") +
                         (cli.since->day.empty() ? cli.since->instant : cli.since->day);
  return terminal_safe(line) + (by_arrival ? ", newest fetched first:\n" : ", newest published first:\n");
}

// "2026-04-10 11:05" from an ISO 8601 UTC time.
std::string minute_of(const std::string& iso) {
  if (iso.size() < 16) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

}  // namespace

int command_queue(const CommandLine& cli) {
  if (cli.all && cli.state) return report(usage_failure(cli, "--all and --state cannot be combined (--all is flagged and stored)"));
  auto db = open_database(cli, store::Access::read_only);
  if (!db) return report(db.error());
  if (cli.outlet)
    if (auto failure = unknown_outlet(cli, *db, *cli.outlet)) return report(*failure);
  store::QueueFilter filter;
  const bool by_arrival = cli.sort.value_or("fetched") == "fetched";
  filter.order = by_arrival ? store::QueueFilter::Order::arrived : store::QueueFilter::Order::published;
  if (cli.state == "all") filter.states.assign(store::kItemStates.begin(), store::kItemStates.end());
  else if (cli.state) filter.states.push_back(*store::state_named(*cli.state));
  filter.outlet = cli.outlet;
  if (cli.since && !cli.since->day.empty()) filter.since_day = cli.since->day;
  if (cli.since && !cli.since->instant.empty()) filter.since_instant = cli.since->instant;
  filter.include_unflagged = cli.all;
  auto queue = store::review_queue(*db, filter);
  if (!queue) return report({kExitFailure, queue.error().message});
  if (cli.json) {
    json::array list;
    for (const auto& item : *queue) list.push_back(queue_entry_json(item));
    std::cout << json_text(list) << "\n";
    return kExitOk;
  }
  if (queue->empty()) {
    bool filtered = cli.outlet || cli.since || cli.state || cli.all;
    std::cout << (filtered ? "no item matches\n" : "review queue is empty\n");
    return kExitOk;
  }
  Terminal terminal = stdout_terminal();
  const bool several_states = cli.all || cli.state == "all";
  const bool failures = cli.state == "failed" || cli.state == "all";
  std::vector<Column> columns = {{"ID", Align::right, Style::id},
                                 {"SCORE", Align::right, std::nullopt},
                                 {"FETCHED", Align::left, std::nullopt},
                                 {"PUBLISHED", Align::left, std::nullopt},
                                 {"OUTLET", Align::left, Style::outlet}};
  if (several_states) columns.push_back({"STATE", Align::left, std::nullopt});
  if (failures) columns.push_back({"ERROR", Align::left, std::nullopt});
  columns.push_back({"TITLE", Align::left, std::nullopt});
  std::vector<std::vector<std::string>> rows;
  for (const auto& item : *queue) {
    std::vector<std::string> row = {std::to_string(item.id), decimal(item.score, 1), minute_of(item.discovered_at),
                                    day_of(item.published), item.outlet};
    if (several_states) row.emplace_back(store::state_name(item.state));
    if (failures) row.emplace_back(item.error_kind ? store::failure_kind_name(*item.error_kind) : "");
    row.push_back(item.title);
    rows.push_back(std::move(row));
  }
  std::cout << summary(queue->size(), cli, by_arrival) << format_table(columns, rows, terminal, true)
            << styled("see one with `ingest show ID`, decide with `ingest approve ID` / `ingest reject ID`",
                      Style::muted, terminal)
            << "\n";
  return kExitOk;
}

}  // namespace ingest::cli
