// Fuzz target: robots.txt parsing and matching (ingest/fetch/robots.h). The input's first line is a
// path to check, the rest is the robots.txt file.
// Checks the header's promises: parsing never fails or throws, "/robots.txt" is always
// allowed, and the Sitemap list has no duplicates. Slow matching (the header promises at
// worst O(pattern * path) per rule) shows up as a libFuzzer timeout.
#include <set>
#include <string>

#include "fuzz/fuzz_support.h"
#include "ingest/fetch/robots.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [path, text] = fuzz::split_first_line(fuzz::as_text(data, size));
  // The project's own token, a token the seeds name, and the agent derived from the path line
  // (which lets the fuzzer reach group selection with arbitrary agents).
  for (std::string agent : {std::string{"ingest"}, std::string{"foobot"}, ingest::fetch::robots_agent_token(path)}) {
    ingest::fetch::RobotsRules rules = ingest::fetch::parse_robots(text, agent);
    if (!rules.allows("/robots.txt")) __builtin_trap();
    (void)rules.allows(path);
    if (rules.crawl_delay && (rules.crawl_delay->count() < 0 || *rules.crawl_delay > ingest::fetch::kRobotsMaxCrawlDelay))
      __builtin_trap();
  }
  auto sitemaps = ingest::fetch::robots_sitemaps(text);
  if (std::set<std::string>(sitemaps.begin(), sitemaps.end()).size() != sitemaps.size()) __builtin_trap();
  return 0;
}
