#include "ingest/sources/sitemap_index.h"

#include <algorithm>

namespace ingest::sources {

std::vector<std::string> sitemaps_to_follow(const ParsedFeed& index, std::size_t limit) {
  std::vector<const FeedEntry*> children;
  for (const auto& entry : index.entries)
    if (!entry.link.empty()) children.push_back(&entry);
  std::reverse(children.begin(), children.end());
  std::stable_sort(children.begin(), children.end(), [](const FeedEntry* a, const FeedEntry* b) {
    if (a->updated && b->updated) return a->updated->utc > b->updated->utc;
    return a->updated.has_value() && !b->updated.has_value();
  });
  if (children.size() > limit) children.resize(limit);
  std::vector<std::string> links;
  links.reserve(children.size());
  for (const FeedEntry* child : children) links.push_back(child->link);
  return links;
}

}  // namespace ingest::sources
