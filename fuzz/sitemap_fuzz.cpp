// Fuzz target: ingest::sources::parse_feed seeded with sitemaps, sitemap indexes (Google News
// extension included) and a gzipped sitemap, the form a sitemap.xml.gz arrives in.
// Checks: every entry of a sitemap has the link it was kept for, and its id is that link.
#include "fuzz/fuzz_support.h"
#include "ingest/sources/feed.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init_libxml2();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto feed = ingest::sources::parse_feed(fuzz::as_text(data, size), "https://news.example/sitemap.xml");
  if (!feed || (feed->format != "sitemap" && feed->format != "sitemapindex")) return 0;
  for (const auto& entry : feed->entries)
    if (entry.link.empty() || entry.id != entry.link) __builtin_trap();
  return 0;
}
