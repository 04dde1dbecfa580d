// ingest export and import-corpus: the corpus folder.
#include <boost/json.hpp>

#include <iostream>

#include "ingest/cli/command_support.h"
#include "ingest/cli/commands.h"
#include "ingest/cli/json_output.h"
#include "ingest/log/log.h"
#include "normalize/seed_format.h"
#include "store/corpus.h"
#include "store/manifest.h"

namespace ingest::cli {
namespace {

boost::json::array strings(const std::vector<std::string>& list) {
  boost::json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

}  // namespace

namespace {

// Whether `folder` already holds a corpus: a manifest, or a numbered document.
bool holds_corpus(const std::filesystem::path& folder) {
  std::error_code ec;
  if (std::filesystem::exists(folder / store::kManifestName, ec)) return true;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (normalize::seed_file_number(entry.path().filename().string()) >= 0) return true;
  return false;
}

}  // namespace

int command_export(const CommandLine& cli) {
  // --corpus, else the config's store.corpus (resolved against the config's folder); never a
  // folder of the current directory by default, which would start a corpus wherever one stands.
  std::filesystem::path folder = cli.corpus.value_or("");
  if (folder.empty()) {
    auto config = optional_config(cli);
    if (!config) return report(config.error());
    if (*config) folder = (*config)->corpus;
  }
  if (folder.empty())
    return report(usage_failure(cli, "no corpus folder: give --corpus DIR, or set store.corpus in the config"));
  std::error_code ec;
  folder = std::filesystem::absolute(folder, ec);
  if (!cli.new_corpus) {
    if (!std::filesystem::is_directory(folder, ec))
      return report({kExitFailure, folder.string() + ": no such folder; --new-corpus creates it and starts a corpus"});
    if (!holds_corpus(folder))
      return report({kExitFailure, folder.string() +
                                       ": holds no corpus (no manifest.jsonl, no NNN_<id>.txt document); "
                                       "--new-corpus starts one there"});
  }
  auto db = open_database(cli, store::Access::existing);
  if (!db) return report(db.error());
  if (!cli.json) std::cerr << "ingest: exporting to " << terminal_safe(folder.string()) << "\n";
  auto exported = store::export_corpus(*db, folder);
  if (!exported) return report({kExitFailure, exported.error().message});
  // A crashed export's leftovers, cleaned up: worth a line, not an error.
  auto log = log::logger("corpus");
  for (const auto& name : exported->removed_temporaries)
    log->info("export removed leftover temporary file={}", terminal_safe((folder / name).string()));
  for (const auto& name : exported->adopted)
    log->info("export adopted file of an interrupted export file={}", terminal_safe((folder / name).string()));
  if (cli.json) {
    std::cout << json_text(boost::json::object{{"folder", folder.string()},
                                                            {"written", strings(exported->written)},
                                                            {"adopted", strings(exported->adopted)},
                                                            {"refused", strings(exported->refused)},
                                                            {"manifest_written", exported->manifest_written}})
              << "\n";
    return exported->refused.empty() ? kExitOk : kExitFailure;
  }
  // Adopted files are new to the corpus as far as anyone reading this output knows.
  for (const auto& name : exported->written) std::cout << (folder / name).string() << "\n";
  for (const auto& name : exported->adopted) std::cout << (folder / name).string() << "\n";
  for (const auto& refusal : exported->refused) std::cerr << "ingest: export refused: " << terminal_safe(refusal) << "\n";
  return exported->refused.empty() ? kExitOk : kExitFailure;
}

int command_import_corpus(const CommandLine& cli) {
  if (cli.arguments.size() != 1) return report({kExitUsage, "import-corpus takes one folder"});
  auto db = open_database(cli, store::Access::create);
  if (!db) return report(db.error());
  auto result = store::import_corpus(*db, cli.arguments.front());
  if (!result) return report({kExitFailure, result.error().message});
  if (cli.json) {
    boost::json::array duplicates;
    for (const auto& d : result->duplicates)
      duplicates.push_back(boost::json::object{
          {"item", d.item_id},
          {"corpus_file", d.corpus_file},
          {"kind", store::duplicate_kind_name(d.kind)},
          {"similarity", d.similarity ? boost::json::value(*d.similarity) : boost::json::value(nullptr)},
          {"was", store::state_name(d.was)}});
    std::cout << json_text(boost::json::object{{"registered", strings(result->registered)},
                                                            {"known", strings(result->known)},
                                                            {"duplicates", std::move(duplicates)},
                                                            {"errors", strings(result->errors)}})
              << "\n";
    return result->errors.empty() ? kExitOk : kExitFailure;
  }
  for (const auto& name : result->registered) std::cout << "registered " << name << "\n";
  for (const auto& name : result->known) std::cout << "already known " << name << "\n";
  for (const auto& d : result->duplicates)
    std::cout << "item " << d.item_id << " (" << store::state_name(d.was) << ") repeats " << d.corpus_file << " ("
              << store::duplicate_kind_name(d.kind)
              << (d.similarity ? ", similarity " + decimal(*d.similarity, 2) : std::string{})
              << "): now a duplicate, out of the queue\n";
  for (const auto& error : result->errors) std::cerr << "ingest: corpus file unreadable: " << error << "\n";
  return result->errors.empty() ? kExitOk : kExitFailure;
}

}  // namespace ingest::cli
