#include "ingest/article_identity.h"

#include "normalize/url.h"

namespace ingest {
namespace {

bool is_lower_letter(char c) { return c >= 'a' && c <= 'z'; }

// The first path segment when it reads as a language ("en", "pt-br"): the way multilingual
// sites put editions side by side on one host.
std::string language_segment(const std::string& path) {
  std::size_t end = path.find_first_of("/?", 1);
  std::string segment = path.substr(1, end == std::string::npos ? std::string::npos : end - 1);
  bool two_letters = segment.size() >= 2 && is_lower_letter(segment[0]) && is_lower_letter(segment[1]);
  if (!two_letters) return {};
  if (segment.size() == 2) return segment;
  if (segment.size() == 5 && segment[2] == '-' && is_lower_letter(segment[3]) && is_lower_letter(segment[4]))
    return segment;
  return {};
}

}  // namespace

ArticleIdentity identify_article(const Outlet& outlet, const std::string& canonical_url) {
  ArticleIdentity identity;
  std::string path = normalize::url_path_and_query(canonical_url);
  std::string language = language_segment(path);
  identity.edition = language.empty() ? outlet.name : outlet.name + "/" + language;
  if (outlet.article_id_regex) {
    std::smatch match;
    if (std::regex_search(path, match, *outlet.article_id_regex) && match.size() > 1 && match[1].matched &&
        match[1].length() > 0)
      identity.article_key = (outlet.id_group.empty() ? outlet.name : outlet.id_group) + ":" + match[1].str();
  }
  return identity;
}

}  // namespace ingest
