#include "ingest/sources/feed_discovery.h"

#include <set>

#include "normalize/html_document.h"
#include "normalize/text.h"
#include "normalize/url.h"

namespace ingest::sources {
namespace {

// The short name of a feed media type, or empty for anything else.
std::string feed_type(std::string_view media_type) {
  std::string type = normalize::ascii_lower(normalize::trim(media_type.substr(0, media_type.find(';'))));
  if (type == "application/rss+xml") return "rss";
  if (type == "application/atom+xml") return "atom";
  if (type == "application/feed+json" || type == "application/json") return "json";
  if (type == "application/rdf+xml") return "rdf";
  return {};
}

bool has_token(std::string_view list, std::string_view token) {
  std::string text = normalize::ascii_lower(list);
  std::size_t at = 0;
  while (at < text.size()) {
    auto end = text.find_first_of(" \t\n\r\f", at);
    if (end == std::string::npos) end = text.size();
    if (std::string_view{text}.substr(at, end - at) == token) return true;
    at = end + 1;
  }
  return false;
}

}  // namespace

std::expected<std::vector<AdvertisedFeed>, std::string> advertised_feeds(std::string_view bytes,
                                                                         std::string_view url,
                                                                         std::string_view charset) {
  auto doc = normalize::parse_html(bytes, url, charset);
  if (!doc) return std::unexpected("not a readable HTML page: " + doc.error().message);
  xmlNode* root = xmlDocGetRootElement(doc->get());
  std::vector<AdvertisedFeed> feeds;
  if (!root) return feeds;
  std::string base{url};
  std::vector<const xmlNode*> links;
  bool base_seen = false;
  // <link> and <base> belong in <head>, but pages put them anywhere.
  normalize::walk_tree(root, [&](xmlNode* node) {
    if (!base_seen && normalize::is_element(node, "base")) {
      base_seen = true;
      if (auto declared = normalize::resolve_url(url, normalize::attribute(node, "href"))) base = *declared;
    } else if (normalize::is_element(node, "link")) {
      links.push_back(node);
    }
    return true;
  }, [](xmlNode*) {});
  std::set<std::string> seen;
  for (const xmlNode* link : links) {
    if (!has_token(normalize::attribute(link, "rel"), "alternate")) continue;
    std::string type = feed_type(normalize::attribute(link, "type"));
    if (type.empty()) continue;
    auto resolved = normalize::resolve_url(base, normalize::attribute(link, "href"));
    if (!resolved || !seen.insert(*resolved).second) continue;
    feeds.push_back({*resolved, type, normalize::collapse_whitespace(normalize::attribute(link, "title"))});
  }
  return feeds;
}

const std::vector<std::string>& conventional_feed_paths() {
  // WordPress, Drupal, Ghost, Hugo, Jekyll and hand-made sites, most common first.
  static const std::vector<std::string> paths = {"/feed/", "/rss.xml", "/rss/", "/feed.xml",
                                                 "/atom.xml", "/index.xml", "/feed.json"};
  return paths;
}

}  // namespace ingest::sources
