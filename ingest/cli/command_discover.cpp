// ingest discover URL: what a site offers to poll, for writing its [[outlet]]: the feeds its
// page advertises (else the ones found where sites usually keep them) and the sitemaps its
// robots.txt lists.
#include <boost/json.hpp>

#include <iostream>

#include "ingest/cli/command_support.h"
#include "ingest/cli/commands.h"
#include "ingest/cli/json_output.h"
#include "ingest/sources/feed.h"
#include "ingest/sources/feed_discovery.h"
#include "ingest/fetch/http_fetcher.h"
#include "ingest/fetch/robots.h"
#include "normalize/url.h"

namespace ingest::cli {
namespace {

struct Found {
  std::string kind;  // "feed" or "sitemap"
  std::string type;  // feed format, or "sitemap"
  std::string url;
  std::string title;
  std::string how;  // "advertised", "probed", "robots.txt", "given"
};

// The type of feed these bytes are, or empty when they are not one.
std::string readable_feed(const fetch::FetchResponse& response) {
  auto feed = sources::parse_feed(response.body, response.final_url, response.charset);
  if (!feed || !feed->malformed.empty() || feed->format.starts_with("sitemap")) return {};
  return feed->format;
}

}  // namespace

int command_discover(const CommandLine& cli) {
  if (cli.arguments.size() != 1) return report({kExitUsage, "discover takes one URL"});
  auto canonical = normalize::canonical_url(cli.arguments.front());
  if (!canonical) return report({kExitUsage, cli.arguments.front() + ": " + canonical.error().message});
  auto config = optional_config(cli);
  if (!config) return report(config.error());
  fetch::HttpFetcher fetcher{*config ? (*config)->fetch : fetch::FetchSettings{}};

  fetch::FetchRequest request;
  request.url = cli.arguments.front();
  auto page = fetcher.fetch(request);
  if (!page)
    return report({kExitFailure, request.url + ": " + std::string{fetch::kind_name(page.error().kind)} + ": " + page.error().message});

  std::vector<Found> found;
  if (std::string type = readable_feed(*page); !type.empty()) {
    found.push_back({"feed", type, page->final_url, {}, "given"});
  } else {
    auto advertised = sources::advertised_feeds(page->body, page->final_url, page->charset);
    if (!advertised) return report({kExitFailure, request.url + ": " + advertised.error()});
    for (const auto& feed : *advertised) found.push_back({"feed", feed.type, feed.url, feed.title, "advertised"});
    if (found.empty()) {
      for (const auto& path : sources::conventional_feed_paths()) {
        fetch::FetchRequest probe;
        probe.url = normalize::url_origin(page->final_url) + path;
        auto response = fetcher.fetch(probe);
        if (!response) continue;
        if (std::string probed = readable_feed(*response); !probed.empty())
          found.push_back({"feed", probed, response->final_url, {}, "probed"});
      }
    }
  }
  fetch::FetchRequest robots;
  robots.url = normalize::url_origin(page->final_url) + "/robots.txt";
  robots.obey_robots = false;
  if (auto response = fetcher.fetch(robots))
    for (const auto& sitemap : fetch::robots_sitemaps(response->body))
      if (auto resolved = normalize::resolve_url(robots.url, sitemap))
        found.push_back({"sitemap", "sitemap", *resolved, {}, "robots.txt"});

  for (const auto& f : found) {
    if (cli.json) {
      boost::json::object line{{"kind", f.kind}, {"type", f.type}, {"url", f.url}, {"title", f.title}, {"found", f.how}};
      std::cout << json_text(line) << "\n";
    } else {
      std::cout << f.kind << "\t" << f.type << "\t" << f.url << "\t" << terminal_safe(f.title) << "\t(" << f.how << ")\n";
    }
  }
  if (found.empty()) return report({kExitFailure, request.url + ": no feed or sitemap found"});
  return kExitOk;
}

}  // namespace ingest::cli
