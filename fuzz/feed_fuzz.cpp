// Fuzz target: ingest::sources::parse_feed on RSS 0.90-2.0, RSS 1.0, Atom 0.3/1.0 and JSON Feed
// documents (and whatever the mutations make of them: gzip, junk before <?xml, broken XML).
// Checks what the header promises beyond "no crash, no leak, no UB": a feed that parses has
// a known format, and a recovered document says so in its first warning.
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "ingest/sources/feed.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init_libxml2();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto feed = ingest::sources::parse_feed(fuzz::as_text(data, size), "https://news.example/feeds/main.xml");
  if (!feed) return 0;
  static constexpr std::string_view kFormats[] = {"rss",  "rss1",    "rss090", "atom",
                                                  "atom03", "json", "sitemap", "sitemapindex"};
  bool known = false;
  for (auto format : kFormats) known = known || feed->format == format;
  if (!known) __builtin_trap();
  if (!feed->malformed.empty() && (feed->warnings.empty() || feed->warnings.front() != feed->malformed))
    __builtin_trap();
  return 0;
}
