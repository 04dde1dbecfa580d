#pragma once
// Which sitemaps of a sitemap index are worth reading. An outlet's index lists every month
// back to its first; only the most recent few hold new articles.
#include <cstddef>
#include <string>
#include <vector>

#include "ingest/sources/feed.h"

namespace ingest::sources {

// How deep indexes may nest (an index of indexes of sitemaps is depth 2), and how many of an
// index's sitemaps are read.
inline constexpr int kMaxSitemapDepth = 2;
inline constexpr std::size_t kSitemapChildren = 3;

// The links of an index's entries to follow, at most `limit`: newest <lastmod> first, then
// the undated ones, later in the document first (indexes are usually written oldest first).
std::vector<std::string> sitemaps_to_follow(const ParsedFeed& index, std::size_t limit = kSitemapChildren);

}  // namespace ingest::sources
