// ingest extract, parse-feed, flag, check-config: single stages run alone on files.
#include <iostream>

#include "flag/flagger.h"
#include "flag/frame_text.h"
#include "ingest/cli/command_support.h"
#include "ingest/cli/commands.h"
#include "ingest/sources/feed.h"
#include "ingest/cli/json_output.h"
#include "normalize/html_extractor.h"
#include "normalize/seed_format.h"

namespace ingest::cli {
namespace json = boost::json;

int command_extract(const CommandLine& cli) {
  if (cli.arguments.empty()) return report({kExitUsage, "extract takes one or more files"});
  int status = kExitOk;
  for (const auto& file : cli.arguments) {
    auto bytes = read_input_file(file);
    if (!bytes) {
      std::cerr << "ingest: " << bytes.error() << "\n";
      status = kExitFailure;
      continue;
    }
    normalize::ExtractOptions options;
    options.url = cli.url.value_or("");
    auto article = normalize::extract_article(*bytes, options);
    if (!article) {
      std::cerr << "ingest: " << file << ": " << article.error().message << "\n";
      status = kExitFailure;
      continue;
    }
    if (article->truncated)
      std::cerr << "ingest: " << file << ": the text is cut short: the HTML parser stopped at its size limit\n";
    if (cli.json) {
      std::cout << json_text(article_json(file, *article)) << "\n";
    } else {
      if (cli.arguments.size() > 1) std::cout << "==> " << file << " <==\n";
      std::cout << normalize::render_seed(*article);
    }
  }
  return status;
}

int command_parse_feed(const CommandLine& cli) {
  if (cli.arguments.size() != 1) return report({kExitUsage, "parse-feed takes one file"});
  const std::string& file = cli.arguments.front();
  auto bytes = read_input_file(file);
  if (!bytes) return report({kExitFailure, bytes.error()});
  auto feed = sources::parse_feed(*bytes, cli.url.value_or(""));
  if (!feed) return report({kExitFailure, file + ": " + feed.error().message});
  for (const auto& warning : feed->warnings) std::cerr << "ingest: " << file << ": " << warning << "\n";
  for (const auto& entry : feed->entries) std::cout << json_text(entry_json(entry)) << "\n";
  return kExitOk;
}

int command_flag(const CommandLine& cli) {
  if (cli.arguments.empty()) return report({kExitUsage, "flag takes one or more files"});
  auto config = optional_config(cli);
  if (!config) return report(config.error());
  auto rules = rules_for(*config);
  if (!rules) return report(rules.error());
  int status = kExitOk;
  for (const auto& file : cli.arguments) {
    auto bytes = read_text_file(file);
    if (!bytes) {
      std::cerr << "ingest: " << bytes.error() << "\n";
      status = kExitFailure;
      continue;
    }
    // A seed file gives a title and blocks; any other text is flagged as it is.
    std::string title, text = *bytes;
    if (auto seed = normalize::parse_seed(*bytes)) {
      title = seed->title;
      text = normalize::plain_text(seed->blocks);
    }
    auto verdict = flag::evaluate(*rules, title, text);
    if (cli.json) {
      std::cout << json_text(verdict_json(file, verdict)) << "\n";
      continue;
    }
    std::cout << file << ": " << (verdict.flagged ? "flagged" : "not flagged") << " score="
              << verdict.score << "\n";
    for (const auto& e : verdict.evidence) {
      std::cout << "  - " << terminal_safe(e.sentence) << "\n";
      if (std::string frame = flag::frame_text(e); !frame.empty()) std::cout << "    " << terminal_safe(frame) << "\n";
    }
  }
  return status;
}

int command_check_config(const CommandLine& cli) {
  auto config = load_config_for(cli);
  if (!config) return report(config.error());
  auto rules = rules_for(*config);
  if (!rules) return report(rules.error());
  if (cli.json) {
    json::array outlets;
    for (const auto& outlet : config->outlets) {
      auto list = [](const std::vector<std::string>& urls) {
        json::array out;
        for (const auto& url : urls) out.emplace_back(url);
        return out;
      };
      outlets.push_back(json::object{
          {"name", outlet.name},
          {"feeds", list(outlet.feeds)},
          {"sitemaps", list(outlet.sitemaps)},
          {"sections", list(outlet.sections)},
          {"interval_seconds", outlet.interval.count()},
          {"language", outlet.language.empty() ? json::value(nullptr) : json::value(outlet.language)},
          {"article_id", outlet.article_id.empty() ? json::value(nullptr) : json::value(outlet.article_id)}});
    }
    std::cout << json_text(json::object{
                     {"config", config->file.string()},
                     {"ok", true},
                     {"outlets", std::move(outlets)},
                     {"rules", json::object{{"name", rules->name},
                                            {"version", rules->version},
                                            {"file", config->rules ? json::value(config->rules->string())
                                                                   : json::value(nullptr)}}}})
              << "\n";
    return kExitOk;
  }
  std::cout << config->file.string() << ": ok, " << config->outlets.size() << " outlet(s)\n";
  for (const auto& outlet : config->outlets) {
    std::cout << "  " << outlet.name << ": " << outlet.feeds.size() << " feed(s), "
              << outlet.sitemaps.size() << " sitemap(s), " << outlet.sections.size()
              << " section page(s), every " << outlet.interval.count() / 60 << "m"
              << (outlet.language.empty() ? "" : ", language " + outlet.language)
              << (outlet.article_id.empty() ? "" : ", article id " + outlet.article_id) << "\n";
  }
  std::cout << "  topic rules: " << rules->name << "@" << rules->version
            << (config->rules ? " from " + config->rules->string() : " (built in)") << "\n";
  return kExitOk;
}

}  // namespace ingest::cli
