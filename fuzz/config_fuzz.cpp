// Fuzz target: the feeds.toml loader (ingest::pipeline::parse_config): toml++, then every check of
// the outlets and fetch settings, which compile regular expressions (std::regex) and XPath
// (libxml2) taken from the file.
// Checks what ingest/pipeline/config.h promises for a config that loads: at least one outlet, each
// named uniquely, each with a source, and an interval between its adaptive bounds.
#include <set>
#include <string>

#include "fuzz/fuzz_support.h"
#include "ingest/pipeline/config.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init_libxml2();  // body_xpath and remove_xpath are compiled by libxml2
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto config = ingest::pipeline::parse_config(fuzz::as_text(data, size), "/etc/ingest/feeds.toml");
  if (!config) {
    // Every error names the file, as the header promises.
    if (!config.error().message.starts_with("/etc/ingest/feeds.toml")) __builtin_trap();
    return 0;
  }
  if (config->outlets.empty()) __builtin_trap();
  std::set<std::string> names;
  for (const auto& outlet : config->outlets) {
    if (outlet.name.empty() || !names.insert(outlet.name).second) __builtin_trap();
    if (outlet.feeds.empty() && outlet.sitemaps.empty() && outlet.sections.empty()) __builtin_trap();
    if (outlet.min_interval > outlet.interval || outlet.interval > outlet.max_interval) __builtin_trap();
    if (!outlet.sections.empty() && !outlet.article_links_regex) __builtin_trap();
  }
  return 0;
}
