#include "ingest/pipeline/article_identity.h"

#include "normalize/url.h"

namespace ingest::pipeline {
namespace {

bool is_lower_letter(char c) { return c >= 'a' && c <= 'z'; }

bool is_language_segment(std::string_view segment) {
  if (segment.size() < 2 || !is_lower_letter(segment[0]) || !is_lower_letter(segment[1])) return false;
  if (segment.size() == 2) return true;
  return segment.size() == 5 && segment[2] == '-' && is_lower_letter(segment[3]) && is_lower_letter(segment[4]);
}

// A path segment that reads as a language ("en", "pt-br") among the first two: the way
// multilingual sites put editions side by side on one host ("/en/noticias/...", or under a
// section, "/radio/en/...").
std::string language_segment(std::string_view path) {
  std::string_view rest = path.substr(0, path.find('?'));
  for (int depth = 0; depth < 2 && rest.size() > 1; ++depth) {
    rest.remove_prefix(1);  // the "/"
    std::size_t end = rest.find('/');
    if (end == std::string_view::npos) return {};  // the last segment is the article itself
    std::string_view segment = rest.substr(0, end);
    if (is_language_segment(segment)) return std::string{segment};
    rest.remove_prefix(end);
  }
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

}  // namespace ingest::pipeline
