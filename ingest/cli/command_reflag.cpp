// ingest reflag: judge the stored items again with the rules now configured.
#include <iostream>

#include "flag/flagger.h"
#include "ingest/cli/command_support.h"
#include "ingest/cli/commands.h"
#include "ingest/cli/json_output.h"
#include "normalize/seed_format.h"
#include "store/reflag.h"

namespace ingest::cli {

int command_reflag(const CommandLine& cli) {
  if (!cli.arguments.empty()) return report({kExitUsage, "reflag takes no arguments"});
  auto config = optional_config(cli);
  if (!config) return report(config.error());
  auto rules = rules_for(*config);
  if (!rules) return report(rules.error());
  auto db = open_database(cli, store::Access::existing);
  if (!db) return report(db.error());
  auto targets = store::items_to_reflag(*db);
  if (!targets) return report({kExitFailure, targets.error().message});
  int joined = 0, left = 0, unreadable = 0;
  boost::json::array joined_ids, left_ids;
  for (const auto& target : *targets) {
    auto article = normalize::parse_seed(target.seed_text);
    if (!article) {
      // The text was written by this program; one it cannot read again keeps its verdict.
      std::cerr << "ingest: item " << target.id << ": seed text unreadable: " << article.error().message << "\n";
      ++unreadable;
      continue;
    }
    auto verdict = flag::evaluate(*rules, article->title, normalize::plain_text(article->blocks));
    if (auto r = store::record_verdict(*db, target.id, verdict); !r) return report({kExitFailure, r.error().message});
    bool was = target.state == store::ItemState::flagged;
    if (verdict.flagged && !was) {
      ++joined;
      joined_ids.push_back(target.id);
      if (!cli.json) std::cout << "flagged " << target.id << " (score " << decimal(verdict.score, 1) << ")\n";
    } else if (!verdict.flagged && was) {
      ++left;
      left_ids.push_back(target.id);
      if (!cli.json) std::cout << "unflagged " << target.id << " (score " << decimal(verdict.score, 1) << ")\n";
    }
  }
  if (cli.json) {
    std::cout << json_text(boost::json::object{
                     {"rules", rules->name + "@" + rules->version},
                     {"reflagged", static_cast<std::int64_t>(targets->size()) - unreadable},
                     {"joined", std::move(joined_ids)},
                     {"left", std::move(left_ids)},
                     {"unreadable", unreadable}})
              << "\n";
    return unreadable ? kExitFailure : kExitOk;
  }
  std::cout << "reflagged " << targets->size() - static_cast<std::size_t>(unreadable) << " item(s) with "
            << rules->name << "@" << rules->version << ": " << joined << " joined the queue, " << left
            << " left it\n";
  return unreadable ? kExitFailure : kExitOk;
}

}  // namespace ingest::cli
