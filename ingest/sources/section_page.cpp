#include "ingest/sources/section_page.h"

#include <set>

#include "normalize/html_document.h"
#include "normalize/url.h"

namespace ingest::sources {

std::expected<ParsedFeed, FeedError> parse_section_page(std::string_view bytes, std::string_view url,
                                                        std::string_view charset,
                                                        const std::regex& article_links) {
  auto doc = normalize::parse_html(bytes, url, charset);
  if (!doc) return std::unexpected(FeedError{"not a readable HTML page: " + doc.error().message});
  ParsedFeed feed;
  feed.format = "section";
  xmlNode* root = xmlDocGetRootElement(doc->get());
  if (!root) return std::unexpected(FeedError{"empty HTML page"});
  if (const xmlNode* title = normalize::first_element(root, "title")) feed.title = normalize::text_content(title);

  std::string base{url};
  if (const xmlNode* base_element = normalize::first_element(root, "base")) {
    auto declared = normalize::resolve_url(url, normalize::attribute(base_element, "href"));
    if (declared) base = *declared;
  }
  std::set<std::string> seen;
  // Iterative, so a page of any depth costs no stack.
  normalize::walk_tree(root, [&](xmlNode* anchor) {
    // Links inside links are not looked for.
    if (!normalize::is_element(anchor, "a")) return true;
    std::string href = normalize::attribute(anchor, "href");
    if (href.empty() || href.starts_with('#')) return false;
    auto link = normalize::resolve_url(base, href);
    if (!link) return false;  // javascript:, mailto:, unparseable
    if (!normalize::same_site(*link, url)) return false;
    if (!std::regex_search(normalize::url_path_and_query(*link), article_links)) return false;
    auto canonical = normalize::canonical_url(*link);
    if (!canonical || !seen.insert(*canonical).second) return false;
    FeedEntry entry;
    entry.link = *link;
    entry.id = *canonical;
    entry.title = normalize::text_content(anchor);
    feed.entries.push_back(std::move(entry));
    return false;
  }, [](xmlNode*) {});
  if (feed.entries.empty()) feed.warnings.push_back("no link on the page matches the outlet's article_links");
  return feed;
}

}  // namespace ingest::sources
