// Fuzz target: the two other readers of HTML pages, on the same input: section pages read as
// feeds (ingest::sources::parse_section_page) and feed autodiscovery (ingest::sources::advertised_feeds).
// Checks their headers' promises: a section page's entries stay on the page's site, each
// article once (by canonical URL, the entry's id); advertised feeds have one of the four types, each URL once.
#include <regex>
#include <set>
#include <string>

#include "fuzz/fuzz_support.h"
#include "ingest/sources/feed_discovery.h"
#include "ingest/sources/section_page.h"
#include "normalize/url.h"

namespace {
constexpr const char* kPageUrl = "https://news.example/en/media/news.html";
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init_libxml2();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view page = fuzz::as_text(data, size);
  // The article_links pattern of the fixture site's Rostec outlet, loosened to any folder.
  static const std::regex article_links{"/news/[a-z0-9-]+$", std::regex::ECMAScript | std::regex::optimize};
  if (auto feed = ingest::sources::parse_section_page(page, kPageUrl, {}, article_links)) {
    std::set<std::string> ids;
    for (const auto& entry : feed->entries)
      if (!normalize::same_site(entry.link, kPageUrl) || !ids.insert(entry.id).second) __builtin_trap();
  }
  if (auto feeds = ingest::sources::advertised_feeds(page, kPageUrl)) {
    std::set<std::string> urls;
    for (const auto& feed : *feeds) {
      if (feed.type != "rss" && feed.type != "atom" && feed.type != "json" && feed.type != "rdf") __builtin_trap();
      if (!urls.insert(feed.url).second) __builtin_trap();
    }
  }
  return 0;
}
