#include "normalize/metadata.h"

#include <boost/json.hpp>

#include <functional>
#include <map>

#include "normalize/author_names.h"
#include "normalize/html_document.h"
#include "normalize/html_entities.h"
#include "normalize/text.h"

namespace normalize {
namespace json = boost::json;
namespace {

// Schema.org's article types and their news variants ("NewsArticle", "LiveBlogPosting",
// "ReportageNewsArticle", "BlogPosting", "Report"); WebPage counts only as a last resort.
bool is_article_type_name(std::string_view t) {
  return t.ends_with("Article") || t.ends_with("Posting") || t == "Report" || t == "WebPage" ||
         t == "ItemPage";
}

bool is_article_type(const json::value& type) {
  if (type.is_string()) return is_article_type_name(type.as_string());
  if (type.is_array())
    for (const auto& t : type.as_array())
      if (t.is_string() && is_article_type_name(t.as_string())) return true;
  return false;
}

bool is_page_type(const json::value& type) {
  return type.is_string() && (type.as_string() == "WebPage" || type.as_string() == "ItemPage");
}

// Pages escape their JSON-LD strings for HTML as well ("K&uuml;hlt&uuml;rme").
std::string clean_value(std::string_view text) {
  return collapse_whitespace(decode_html_entities(text));
}

std::string string_of(const json::value* v) {
  if (!v) return {};
  if (v->is_string()) return clean_value(v->as_string());
  if (v->is_array() && !v->as_array().empty()) return string_of(&v->as_array().front());
  if (v->is_object()) {
    // {"@id": ...} or {"name": ...}
    if (auto* name = v->as_object().if_contains("name")) return string_of(name);
    if (auto* id = v->as_object().if_contains("@id")) return string_of(id);
  }
  return {};
}

// Persons and organisations apart: a person named anywhere in the list outranks the
// publisher that many sites also list as an author.
struct JsonLdAuthors {
  std::vector<std::string> people;
  std::vector<std::string> organisations;
};

// Yoast and other generators name each person once in @graph and point to it from the
// article: "author": {"@id": "https://site/#/schema/person/abc"}.
using NamesById = std::map<std::string, const json::object*, std::less<>>;

void index_ids(const json::value& v, NamesById& out) {
  if (v.is_array()) {
    for (const auto& item : v.as_array()) index_ids(item, out);
  } else if (v.is_object()) {
    const auto& obj = v.as_object();
    auto* id = obj.if_contains("@id");
    if (id && id->is_string() && obj.if_contains("name")) out.emplace(std::string{id->as_string()}, &obj);
    for (const auto& [key, value] : obj)
      if (value.is_array() || value.is_object()) index_ids(value, out);
  }
}

void add_author_names(const json::value& author, const NamesById& ids, JsonLdAuthors& out) {
  if (author.is_array()) {
    for (const auto& a : author.as_array()) add_author_names(a, ids, out);
    return;
  }
  if (author.is_object() && !author.as_object().if_contains("name")) {
    auto* id = author.as_object().if_contains("@id");
    if (id && id->is_string())
      if (auto found = ids.find(std::string_view{id->as_string()}); found != ids.end()) {
        add_author_names(json::value(*found->second), ids, out);
        return;
      }
  }
  std::string name;
  bool organisation = false;
  if (author.is_object()) {
    const auto& obj = author.as_object();
    name = string_of(obj.if_contains("name"));
    if (name.empty()) {
      // {"givenName": "Anna Giulia", "familyName": "Fink"}
      std::string given = string_of(obj.if_contains("givenName"));
      std::string family = string_of(obj.if_contains("familyName"));
      name = collapse_whitespace(given + " " + family);
    }
    if (auto* type = obj.if_contains("@type"); type && type->is_string()) {
      std::string_view t = type->as_string();
      organisation = t.ends_with("Organization") || t == "Corporation" || t == "NewsMediaOrganization";
    }
  } else if (author.is_string()) {
    name = clean_value(author.as_string());
  }
  if (name.empty() || name.find("://") != std::string::npos) return;
  (organisation ? out.organisations : out.people).push_back(name);
}

// Visits every JSON-LD object that describes an article, through @graph, arrays and a
// WebPage's mainEntity.
void for_each_article(const json::value& v, const std::function<void(const json::object&)>& f) {
  if (v.is_array()) {
    for (const auto& item : v.as_array()) for_each_article(item, f);
  } else if (v.is_object()) {
    const auto& obj = v.as_object();
    if (auto* type = obj.if_contains("@type"); type && is_article_type(*type)) f(obj);
    if (auto* graph = obj.if_contains("@graph")) for_each_article(*graph, f);
    if (auto* main = obj.if_contains("mainEntity")) for_each_article(*main, f);
  }
}

struct JsonLd {
  PageMetadata meta;
  JsonLdAuthors authors;
  bool have_article = false;  // an article object, not just a WebPage
};

void read_json_ld(const std::string& text, JsonLd& ld) {
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec) return;
  PageMetadata& meta = ld.meta;
  NamesById ids;
  index_ids(root, ids);
  for_each_article(root, [&](const json::object& article) {
    bool webpage = is_page_type(article.at("@type"));
    // A WebPage object only counts until a real article object is seen; a real article
    // replaces what a WebPage said before it.
    if (webpage && ld.have_article) return;
    if (!webpage && !ld.have_article) {
      ld.have_article = true;
      meta = PageMetadata{};
      ld.authors = JsonLdAuthors{};
    }
    if (meta.headline.empty()) meta.headline = string_of(article.if_contains("headline"));
    if (meta.headline.empty() && !webpage) meta.headline = string_of(article.if_contains("name"));
    if (ld.authors.people.empty() && ld.authors.organisations.empty())
      if (auto* author = article.if_contains("author")) add_author_names(*author, ids, ld.authors);
    if (!meta.published)
      if (auto date = string_of(article.if_contains("datePublished")); !date.empty())
        meta.published = parse_any_date(date);
    if (!meta.published)
      if (auto date = string_of(article.if_contains("dateCreated")); !date.empty())
        meta.published = parse_any_date(date);
    if (meta.canonical_url.empty()) meta.canonical_url = string_of(article.if_contains("url"));
    if (meta.language.empty()) meta.language = string_of(article.if_contains("inLanguage"));
    if (meta.site_name.empty())
      if (auto* publisher = article.if_contains("publisher"))
        meta.site_name = string_of(publisher);
  });
}

// <meta> keys whose content is the publication time, as OpenGraph, Dublin Core, Parse.ly,
// Sailthru and common CMSs write them.
bool is_published_key(std::string_view key) {
  static constexpr std::string_view kKeys[] = {
      "article:published_time", "article:published", "article:published:time",
      "og:published_time", "og:article:published_time", "datepublished", "date", "pubdate",
      "publishdate", "publish-date", "publish_date", "published_date", "dc.date",
      "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued", "dcterms.created",
      "sailthru.date", "parsely-pub-date", "citation_publication_date", "citation_date",
      "prism.publicationdate", "original-publish-date", "article.published", "releasedate",
      "date.available", "cxenseparse:recs:publishtime", "vr:published_time"};
  for (auto k : kKeys)
    if (key == k) return true;
  return false;
}

enum class AuthorOrder { as_written, family_first };

// <meta> keys whose content names an author; Dublin Core and citation tags put the family
// name first.
std::optional<AuthorOrder> author_key(std::string_view key) {
  if (key == "author" || key == "article:author" || key == "og:article:author" ||
      key == "parsely-author" || key == "sailthru.author" || key == "article:author_name" ||
      key == "byl" || key == "cxenseparse:author")
    return AuthorOrder::as_written;
  if (key == "dc.creator" || key == "dcterms.creator" || key == "citation_author")
    return AuthorOrder::family_first;
  return std::nullopt;
}

// The three sources of metadata, kept apart so that precedence does not depend on the order
// in which a page happens to write them.
struct Sources {
  JsonLd jsonld;
  PageMetadata tags;  // OpenGraph, article:*, plain <meta>
  PageMetadata page;  // <link rel=canonical>, <title>, itemprop
  std::vector<std::string> tag_authors;
  std::vector<std::string> site_names;
};

void add_unique(std::vector<std::string>& list, std::string value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end())
    list.push_back(std::move(value));
}

void read_meta(xmlNode* n, Sources& sources) {
  PageMetadata& tags = sources.tags;
  std::string content = clean_value(attribute(n, "content"));
  if (content.empty()) return;
  // Microdata on a <meta> element: <meta itemprop="datePublished" content="...">.
  std::string itemprop = ascii_lower(attribute(n, "itemprop"));
  if (itemprop == "datepublished" && !sources.page.published)
    sources.page.published = parse_any_date(content);
  for (const char* attr : {"property", "name"}) {
    std::string key = ascii_lower(attribute(n, attr));
    if (key.empty()) continue;
    if (key == "og:title") {
      if (tags.og_title.empty()) tags.og_title = content;
    } else if (key == "twitter:title") {
      if (tags.twitter_title.empty()) tags.twitter_title = content;
    } else if (key == "title" || key == "dc.title" || key == "parsely-title" ||
               key == "sailthru.title") {
      if (tags.meta_title.empty()) tags.meta_title = content;
    } else if (key == "og:site_name" || key == "application-name") {
      if (key == "og:site_name" && tags.site_name.empty()) tags.site_name = content;
      add_unique(sources.site_names, content);
    } else if (key == "og:url") {
      if (tags.canonical_url.empty()) tags.canonical_url = content;
    } else if (is_published_key(key)) {
      if (!tags.published) tags.published = parse_any_date(content);
    } else if (auto order = author_key(key)) {
      if (content.find("://") == std::string::npos)
        add_unique(sources.tag_authors,
                   *order == AuthorOrder::family_first ? family_name_last(content) : content);
    } else {
      continue;
    }
    return;
  }
}

void walk(xmlNode* node, Sources& sources) {
  PageMetadata& meta = sources.page;
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_element(n, "script")) {
      if (ascii_lower(attribute(n, "type")) == "application/ld+json")
        read_json_ld(text_content(n), sources.jsonld);
      continue;
    }
    if (is_element(n, "meta")) {
      read_meta(n, sources);
      continue;
    }
    if (is_element(n, "link")) {
      std::string rel = ascii_lower(attribute(n, "rel"));
      if (rel == "canonical" && meta.canonical_url.empty())
        meta.canonical_url = collapse_whitespace(attribute(n, "href"));
      continue;
    }
    if (is_element(n, "title") && meta.document_title.empty() && n->parent &&
        !is_element(n->parent, "svg")) {
      meta.document_title = clean_value(text_content(n));
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
  const PageMetadata& ld = sources.jsonld.meta;
  const PageMetadata& tags = sources.tags;
  const PageMetadata& page = sources.page;
  auto first = [](const std::string& a, const std::string& b, const std::string& c = {}) {
    return !a.empty() ? a : !b.empty() ? b : c;
  };
  meta.headline = ld.headline;
  meta.og_title = tags.og_title;
  meta.twitter_title = tags.twitter_title;
  meta.meta_title = tags.meta_title;
  meta.title = first(ld.headline, tags.og_title);
  meta.document_title = page.document_title;
  meta.site_name = first(tags.site_name, ld.site_name);
  meta.site_names = sources.site_names;
  add_unique(meta.site_names, ld.site_name);
  const JsonLdAuthors& ld_authors = sources.jsonld.authors;
  meta.authors = clean_author_names(ld_authors.people);
  if (meta.authors.empty()) meta.authors = clean_author_names(sources.tag_authors);
  if (meta.authors.empty()) meta.authors = clean_author_names(ld_authors.organisations);
  meta.published = ld.published ? ld.published : tags.published ? tags.published : page.published;
  meta.canonical_url = first(page.canonical_url, tags.canonical_url, ld.canonical_url);
  std::string lang = attribute(root, "lang");
  if (lang.empty()) lang = attribute(root, "xml:lang");
  meta.language = first(lang, ld.language);
  return meta;
}

}  // namespace normalize
