#include "ingest/section_page.h"

#include <set>

#include "normalize/html_document.h"
#include "normalize/url.h"

namespace ingest {
namespace {

std::string_view without_www(std::string_view host) {
  if (host.starts_with("www.")) host.remove_prefix(4);
  return host;
}

std::string path_and_query(const std::string& url) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return "/";
  return url.substr(slash, url.find('#', slash) - slash);
}

// Pre-order and iterative, so that a page of 100,000 nested elements costs no stack.
// `visit` returns whether to look inside the node.
template <typename Visit>
void walk(const xmlNode* root, Visit visit) {
  const xmlNode* node = root;
  while (node) {
    if (visit(node) && node->children) {
      node = node->children;
      continue;
    }
    while (node != root && !node->next) node = node->parent;
    if (node == root) break;
    node = node->next;
  }
}

const xmlNode* first_element(const xmlNode* root, const char* name) {
  const xmlNode* found = nullptr;
  walk(root, [&](const xmlNode* node) {
    if (!found && normalize::is_element(node, name)) found = node;
    return !found;
  });
  return found;
}

}  // namespace

std::expected<ParsedFeed, FeedError> parse_section_page(std::string_view bytes, std::string_view url,
                                                        std::string_view charset,
                                                        const std::regex& article_links) {
  auto doc = normalize::parse_html(bytes, url, charset);
  if (!doc) return std::unexpected(FeedError{"not a readable HTML page: " + doc.error().message});
  ParsedFeed feed;
  feed.format = "section";
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  if (!root) return std::unexpected(FeedError{"empty HTML page"});
  if (const xmlNode* title = first_element(root, "title")) feed.title = normalize::text_content(title);

  std::string base{url};
  if (const xmlNode* base_element = first_element(root, "base")) {
    auto declared = normalize::resolve_url(url, normalize::attribute(base_element, "href"));
    if (declared) base = *declared;
  }
  std::string site{without_www(normalize::url_host(url))};
  std::set<std::string> seen;
  walk(root, [&](const xmlNode* anchor) {
    // Links inside links are not looked for.
    if (!normalize::is_element(anchor, "a")) return true;
    std::string href = normalize::attribute(anchor, "href");
    if (href.empty() || href.starts_with('#')) return false;
    auto link = normalize::resolve_url(base, href);
    if (!link) return false;  // javascript:, mailto:, unparseable
    if (without_www(normalize::url_host(*link)) != site) return false;
    std::string path = path_and_query(*link);
    if (!std::regex_search(path, article_links)) return false;
    auto canonical = normalize::canonical_url(*link);
    if (!canonical || !seen.insert(*canonical).second) return false;
    FeedEntry entry;
    entry.link = *link;
    entry.id = *canonical;
    entry.title = normalize::text_content(anchor);
    feed.entries.push_back(std::move(entry));
    return false;
  });
  if (feed.entries.empty()) feed.warnings.push_back("no link on the page matches the outlet's article_links");
  return feed;
}

}  // namespace ingest
