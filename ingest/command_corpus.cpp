// ingest export and import-corpus: the corpus folder.
#include <iostream>

#include "ingest/command_support.h"
#include "ingest/commands.h"
#include "store/corpus.h"

namespace ingest {

int command_export(const CommandLine& cli) {
  std::filesystem::path folder = cli.corpus.value_or("");
  if (folder.empty()) {
    auto config = optional_config(cli);
    if (!config) return report(config.error());
    if (*config) folder = (*config)->corpus;
    if (folder.empty()) folder = "corpus";
  }
  auto db = open_database(cli);
  if (!db) return report(db.error());
  auto written = store::export_approved(*db, folder);
  if (!written) return report({kExitFailure, written.error().message});
  for (const auto& name : *written) std::cout << (folder / name).string() << "\n";
  return kExitOk;
}

int command_import_corpus(const CommandLine& cli) {
  if (cli.arguments.size() != 1) return report({kExitUsage, "import-corpus takes one folder"});
  auto db = open_database(cli);
  if (!db) return report(db.error());
  auto result = store::import_corpus(*db, cli.arguments.front());
  if (!result) return report({kExitFailure, result.error().message});
  for (const auto& name : result->registered) std::cout << "registered " << name << "\n";
  for (const auto& name : result->known) std::cout << "already known " << name << "\n";
  for (const auto& error : result->errors) std::cerr << "ingest: corpus file unreadable: " << error << "\n";
  return result->errors.empty() ? kExitOk : kExitFailure;
}

}  // namespace ingest
