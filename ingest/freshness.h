#pragma once
// How long a publisher or server says a document stays fresh: the scheduler never asks again
// sooner (ingest/schedule.h).
#include <libxml/tree.h>

#include <chrono>
#include <optional>
#include <string_view>

namespace ingest {

// Cache-Control's max-age, in seconds. s-maxage is for shared caches, which we are not;
// no-cache, no-store and must-revalidate say nothing about how often to ask, so they are
// ignored. Returns nothing without a valid max-age.
std::optional<std::chrono::seconds> cache_max_age(std::string_view cache_control);

// A channel's own refresh hint: RSS 2.0's <ttl> (minutes), else the syndication module's
// <sy:updatePeriod> divided by <sy:updateFrequency> (RSS 1.0 and many RSS 2.0 feeds).
// Nothing when neither is given or readable.
std::optional<std::chrono::seconds> channel_ttl(const xmlNode* channel);

}  // namespace ingest
