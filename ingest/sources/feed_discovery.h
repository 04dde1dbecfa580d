#pragma once
// Autodiscovery: the feeds an HTML page advertises with <link rel="alternate"> (the convention
// browsers and feed readers follow), for `ingest discover`.
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::sources {

struct AdvertisedFeed {
  std::string url;    // absolute, resolved against <base href> and the page URL
  std::string type;   // "rss", "atom", "json" or "rdf"
  std::string title;  // the link's title attribute, may be empty
};

// Every <link rel="alternate" type="application/rss+xml|atom+xml|feed+json|json|rdf+xml">
// of the page, in page order, each URL once. Fails for bytes that are not HTML.
std::expected<std::vector<AdvertisedFeed>, std::string> advertised_feeds(std::string_view bytes,
                                                                         std::string_view url,
                                                                         std::string_view charset = {});

// Where sites without such links usually keep their feed, for the caller to try.
const std::vector<std::string>& conventional_feed_paths();

}  // namespace ingest::sources
