#pragma once
// Which entries of a source's answer become items to record, and who each is at its outlet.
#include <string>
#include <vector>

#include "ingest/pipeline/config.h"
#include "ingest/pipeline/pass_report.h"
#include "ingest/sources/feed.h"
#include "store/discovery.h"

namespace ingest::pipeline {

// The entries worth recording: linked, not older than the outlet's max_age, with a canonical
// URL, each with its outlet article key and edition (article_identity.h). A sitemap index
// lists sitemaps, not articles: none. Counts what it saw and left in `report`.
std::vector<store::DiscoveredItem> listed_items(const Outlet& outlet, const std::string& source_url,
                                                const sources::ParsedFeed& feed, PassReport& report);

}  // namespace ingest::pipeline
