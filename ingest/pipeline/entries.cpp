#include "ingest/pipeline/entries.h"

#include <chrono>

#include "ingest/pipeline/article_identity.h"
#include "normalize/url.h"

namespace ingest::pipeline {

std::vector<store::DiscoveredItem> listed_items(const Outlet& outlet, const std::string& source_url,
                                                const sources::ParsedFeed& feed, PassReport& report) {
  std::vector<store::DiscoveredItem> items;
  if (feed.format == "sitemapindex") return items;
  auto oldest = std::chrono::system_clock::now() - outlet.max_age.value_or(std::chrono::milliseconds::zero());
  for (const auto& entry : feed.entries) {
    if (entry.link.empty()) continue;
    ++report.entries_seen;
    // A feed that dates entries only with dc:date has them as `updated`.
    const auto& published = entry.published ? entry.published : entry.updated;
    const auto& updated = entry.updated ? entry.updated : entry.published;
    if (outlet.max_age && published && published->utc < oldest) {
      ++report.entries_too_old;
      continue;
    }
    auto canonical = normalize::canonical_url(entry.link);
    if (!canonical) continue;
    auto identity = identify_article(outlet, *canonical);
    store::DiscoveredItem item{outlet.name, *canonical, source_url, entry.title, std::nullopt,
                               std::nullopt, identity.article_key, identity.edition};
    if (published) item.feed_published = normalize::format_iso8601(*published);
    if (updated) item.feed_updated = normalize::format_iso8601_utc(*updated);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace ingest::pipeline
