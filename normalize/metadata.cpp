#include "normalize/metadata.h"

#include <boost/json.hpp>

#include <functional>

#include "normalize/html_document.h"
#include "normalize/text.h"

namespace normalize {
namespace json = boost::json;
namespace {

bool is_article_type(const json::value& type) {
  auto matches = [](std::string_view t) {
    return t == "NewsArticle" || t == "Article" || t == "ReportageNewsArticle" ||
           t == "BlogPosting" || t == "AnalysisNewsArticle" || t == "OpinionNewsArticle" ||
           t == "WebPage" || t == "Report";
  };
  if (type.is_string()) return matches(type.as_string());
  if (type.is_array())
    for (const auto& t : type.as_array())
      if (t.is_string() && matches(t.as_string())) return true;
  return false;
}

std::string string_of(const json::value* v) {
  if (!v) return {};
  if (v->is_string()) return collapse_whitespace(std::string{v->as_string()});
  if (v->is_object()) {
    // {"@id": ...} or {"name": ...}
    if (auto* name = v->as_object().if_contains("name")) return string_of(name);
    if (auto* id = v->as_object().if_contains("@id")) return string_of(id);
  }
  return {};
}

void add_author_names(const json::value& author, std::vector<std::string>& out) {
  if (author.is_array()) {
    for (const auto& a : author.as_array()) add_author_names(a, out);
    return;
  }
  std::string name = author.is_object() ? string_of(author.as_object().if_contains("name"))
                                        : string_of(&author);
  if (!name.empty() && name.find("://") == std::string::npos) out.push_back(name);
}

// Visits every JSON-LD object that describes an article, through @graph and arrays.
void for_each_article(const json::value& v, const std::function<void(const json::object&)>& f) {
  if (v.is_array()) {
    for (const auto& item : v.as_array()) for_each_article(item, f);
  } else if (v.is_object()) {
    const auto& obj = v.as_object();
    if (auto* type = obj.if_contains("@type"); type && is_article_type(*type)) f(obj);
    if (auto* graph = obj.if_contains("@graph")) for_each_article(*graph, f);
  }
}

void read_json_ld(const std::string& text, PageMetadata& meta, bool& have_jsonld_article) {
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec) return;
  for_each_article(root, [&](const json::object& article) {
    // A WebPage object only counts when no real article object exists.
    bool webpage = article.if_contains("@type") && article.at("@type").is_string() &&
                   article.at("@type").as_string() == "WebPage";
    if (webpage && have_jsonld_article) return;
    if (!webpage) have_jsonld_article = true;
    if (meta.title.empty()) meta.title = string_of(article.if_contains("headline"));
    if (meta.authors.empty())
      if (auto* author = article.if_contains("author")) add_author_names(*author, meta.authors);
    if (!meta.published)
      if (auto date = string_of(article.if_contains("datePublished")); !date.empty())
        meta.published = parse_any_date(date);
    if (meta.canonical_url.empty()) meta.canonical_url = string_of(article.if_contains("url"));
    if (meta.language.empty()) meta.language = string_of(article.if_contains("inLanguage"));
    if (meta.site_name.empty())
      if (auto* publisher = article.if_contains("publisher"))
        meta.site_name = string_of(publisher);
  });
}

// The three sources of metadata, kept apart so that precedence does not depend on the order
// in which a page happens to write them.
struct Sources {
  PageMetadata jsonld;
  PageMetadata tags;  // OpenGraph, article:*, plain <meta>
  PageMetadata page;  // <link rel=canonical>, <title>
  bool have_jsonld_article = false;
};

void walk(xmlNode* node, Sources& sources) {
  PageMetadata& fallback = sources.tags;
  PageMetadata& meta = sources.page;
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_element(n, "script")) {
      if (ascii_lower(attribute(n, "type")) == "application/ld+json")
        read_json_ld(text_content(n), sources.jsonld, sources.have_jsonld_article);
      continue;
    }
    if (is_element(n, "meta")) {
      std::string key = ascii_lower(attribute(n, "property"));
      if (key.empty()) key = ascii_lower(attribute(n, "name"));
      std::string content = collapse_whitespace(attribute(n, "content"));
      if (content.empty()) continue;
      if (key == "og:title" && fallback.title.empty()) fallback.title = content;
      else if (key == "og:site_name" && fallback.site_name.empty()) fallback.site_name = content;
      else if (key == "og:url" && fallback.canonical_url.empty()) fallback.canonical_url = content;
      else if ((key == "article:published_time" || key == "datepublished" ||
                key == "date" || key == "pubdate" || key == "dc.date" ||
                key == "dc.date.issued" || key == "publish-date") &&
               !fallback.published)
        fallback.published = parse_any_date(content);
      else if ((key == "author" || key == "article:author" || key == "dc.creator") &&
               content.find("://") == std::string::npos && fallback.authors.empty())
        fallback.authors.push_back(content);
      continue;
    }
    if (is_element(n, "link")) {
      std::string rel = ascii_lower(attribute(n, "rel"));
      if (rel == "canonical" && meta.canonical_url.empty())
        meta.canonical_url = collapse_whitespace(attribute(n, "href"));
      continue;
    }
    if (is_element(n, "title") && meta.document_title.empty()) {
      meta.document_title = text_content(n);
      continue;
    }
    walk(n->children, sources);
  }
}

}  // namespace

PageMetadata read_metadata(xmlDoc* doc) {
  PageMetadata meta;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!root) return meta;
  Sources sources;
  walk(root, sources);
  const PageMetadata& ld = sources.jsonld;
  const PageMetadata& tags = sources.tags;
  const PageMetadata& page = sources.page;
  auto first = [](const std::string& a, const std::string& b, const std::string& c = {}) {
    return !a.empty() ? a : !b.empty() ? b : c;
  };
  meta.title = first(ld.title, tags.title);
  meta.document_title = page.document_title;
  meta.site_name = first(tags.site_name, ld.site_name);
  meta.authors = !ld.authors.empty() ? ld.authors : tags.authors;
  meta.published = ld.published ? ld.published : tags.published;
  meta.canonical_url = first(page.canonical_url, tags.canonical_url, ld.canonical_url);
  std::string lang = attribute(root, "lang");
  if (lang.empty()) lang = attribute(root, "xml:lang");
  meta.language = first(lang, ld.language);
  return meta;
}

}  // namespace normalize
