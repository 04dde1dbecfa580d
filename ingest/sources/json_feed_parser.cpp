// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): an object with a "version" URL
// and an "items" array. Read with Boost.JSON; fields of the wrong type are skipped with a
// warning naming their path ("items[3].url"), as the XML parsers name a line.
#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

#include "ingest/sources/feed_formats.h"
#include "ingest/sources/xml_document.h"
#include "normalize/text.h"
#include "normalize/url.h"

namespace ingest::sources {
namespace {

namespace json = boost::json;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kVersionPrefix = "https://jsonfeed.org/version/";
constexpr std::string_view kJsonWhitespace = " \t\r\n";
// A feed nests four levels (feed, items, item, authors); far deeper is hostile input.
constexpr std::size_t kMaxDepth = 64;
// As for XML text: no field is legitimately larger, and stripping markup from more is waste.
constexpr std::size_t kTextLimit = 1 << 20;

std::string position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::string_view before = text.substr(0, offset);
  std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  auto line_start = before.rfind('\n');
  std::size_t column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string_view kind_name(json::kind kind) {
  switch (kind) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "a value";
}

std::string capped(std::string_view text) {
  if (text.size() <= kTextLimit) return std::string{text};
  std::size_t end = kTextLimit;
  // Back off to the start of a UTF-8 sequence so the cut leaves valid text.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string{text.substr(0, end)};
}

// Reads one object's fields, warning once per field of the wrong type.
class Fields {
 public:
  Fields(const json::object& object, std::string path, ParsedFeed& feed)
      : object_{object}, path_{std::move(path)}, feed_{feed} {}

  // The string at `key`; nullopt when absent, null, or (with a warning) another type.
  std::optional<std::string> string(std::string_view key) const {
    const json::value* value = object_.if_contains(key);
    if (!value || value->is_null()) return std::nullopt;
    if (const json::string* text = value->if_string()) return capped(*text);
    wrong_type(key, *value, "a string");
    return std::nullopt;
  }

  const json::value* value(std::string_view key) const { return object_.if_contains(key); }

  void wrong_type(std::string_view key, const json::value& value, std::string_view expected) const {
    warn(key, "expected " + std::string{expected} + ", found " + std::string{kind_name(value.kind())});
  }

  void warn(std::string_view key, const std::string& message) const {
    feed_.warnings.push_back(path(key) + ": " + message);
  }

  std::string path(std::string_view key) const {
    return path_.empty() ? std::string{key} : path_ + "." + std::string{key};
  }

  ParsedFeed& feed() const { return feed_; }

 private:
  const json::object& object_;
  std::string path_;
  ParsedFeed& feed_;
};

// The spec asks readers to turn a numeric id into a string.
std::string id_text(const Fields& fields) {
  const json::value* id = fields.value("id");
  if (!id || id->is_null()) return {};
  if (const json::string* text = id->if_string()) return std::string{normalize::trim(*text)};
  if (const std::int64_t* number = id->if_int64()) return std::to_string(*number);
  if (const std::uint64_t* number = id->if_uint64()) return std::to_string(*number);
  if (const double* number = id->if_double()) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *number);
    return ec == std::errc{} ? std::string(buffer, end) : std::string{};
  }
  if (const bool* flag = id->if_bool()) return *flag ? "true" : "false";
  fields.wrong_type("id", *id, "a string or a number");
  return {};
}

// 1.1's "authors" array, or 1.0's single "author" object.
std::vector<std::string> author_names(const Fields& fields) {
  std::vector<std::string> names;
  auto read_one = [&](const json::value& author, const std::string& key) {
    const json::object* object = author.if_object();
    if (!object) {
      fields.wrong_type(key, author, "an object");
      return;
    }
    Fields author_fields{*object, fields.path(key), fields.feed()};
    if (auto name = author_fields.string("name")) add_author(names, normalize::collapse_whitespace(*name));
  };
  if (const json::value* authors = fields.value("authors"); authors && !authors->is_null()) {
    if (const json::array* list = authors->if_array()) {
      for (std::size_t i = 0; i < list->size(); ++i) read_one((*list)[i], "authors[" + std::to_string(i) + "]");
      return names;
    }
    fields.wrong_type("authors", *authors, "an array");
  }
  if (const json::value* author = fields.value("author"); author && !author->is_null()) read_one(*author, "author");
  return names;
}

std::optional<normalize::Timestamp> date(const Fields& fields, std::string_view key) {
  auto text = fields.string(key);
  if (!text || normalize::trim(*text).empty()) return std::nullopt;
  auto parsed = normalize::parse_any_date(*text);
  if (!parsed) fields.warn(key, "unreadable date \"" + *text + "\"");
  return parsed;
}

std::string resolve(const std::string& base, const std::string& link, const Fields& fields, std::string_view key) {
  std::string trimmed{normalize::trim(link)};
  if (trimmed.empty()) return {};
  // Without a base (a feed read from a file with no --url), only absolute links are usable.
  auto resolved = normalize::resolve_url(base.empty() ? trimmed : base, trimmed);
  if (!resolved) {
    fields.warn(key, "unusable link: " + resolved.error().message);
    return {};
  }
  return *resolved;
}

FeedEntry read_item(const json::object& item, const std::string& path, const std::string& base,
                    const std::vector<std::string>& feed_authors, ParsedFeed& feed) {
  Fields fields{item, path, feed};
  FeedEntry entry;
  entry.id = id_text(fields);
  entry.title = plain_text_or_html(fields.string("title").value_or(""));
  entry.link = resolve(base, fields.string("url").value_or(""), fields, "url");
  // external_url is the page a link-blog item points at. Neither feedparser nor Miniflux
  // fall back to it, but without a link the item is dropped, and that page is its subject.
  if (entry.link.empty()) entry.link = resolve(base, fields.string("external_url").value_or(""), fields, "external_url");
  if (entry.link.empty()) feed.warnings.push_back(path + ": item without a usable link");
  entry.published = date(fields, "date_published");
  entry.updated = date(fields, "date_modified");
  entry.authors = author_names(fields);
  // An item without authors has the feed's (JSON Feed 1.1, "authors").
  if (entry.authors.empty()) entry.authors = feed_authors;
  if (auto summary = fields.string("summary"); summary && !normalize::trim(*summary).empty())
    entry.summary = plain_text_or_html(*summary);
  else if (auto text = fields.string("content_text"); text && !normalize::trim(*text).empty())
    entry.summary = normalize::collapse_whitespace(*text);
  else if (auto html = fields.string("content_html"))
    entry.summary = strip_markup(*html);
  return entry;
}

// Parses the whole text as one JSON value, or says where it stops being JSON.
std::expected<json::value, FeedError> parse_json(std::string_view text) {
  if (auto bad = normalize::first_invalid_utf8(text); bad != std::string_view::npos)
    return std::unexpected(FeedError{"malformed JSON at " + position(text, bad) + ": not UTF-8"});
  json::parse_options options;
  options.max_depth = kMaxDepth;
  json::stream_parser parser{{}, options};
  boost::system::error_code ec;
  std::size_t used = parser.write_some(text.data(), text.size(), ec);
  if (ec) return std::unexpected(FeedError{"malformed JSON at " + position(text, used) + ": " + ec.message()});
  if (!parser.done()) {
    parser.finish(ec);
    if (ec) return std::unexpected(FeedError{"malformed JSON at " + position(text, text.size()) + ": " + ec.message()});
  }
  if (auto extra = text.find_first_not_of(kJsonWhitespace, used); extra != std::string_view::npos)
    return std::unexpected(FeedError{"malformed JSON at " + position(text, extra) + ": text after the end of the document"});
  return parser.release();
}

}  // namespace

bool looks_like_json(std::string_view bytes) {
  if (bytes.starts_with(kBom)) bytes.remove_prefix(kBom.size());
  auto first = bytes.find_first_not_of(kJsonWhitespace);
  return first != std::string_view::npos && bytes[first] == '{';
}

std::expected<ParsedFeed, FeedError> parse_json_feed(std::string_view bytes, std::string_view url) {
  if (bytes.starts_with(kBom)) bytes.remove_prefix(kBom.size());
  auto root = parse_json(bytes);
  if (!root) return std::unexpected(root.error());
  const json::object* object = root->if_object();
  if (!object) return std::unexpected(FeedError{"not a JSON Feed: the document is " + std::string{kind_name(root->kind())}});

  ParsedFeed feed;
  feed.format = "json";
  Fields fields{*object, "", feed};
  const json::value* version_value = object->if_contains("version");
  const json::string* version = version_value ? version_value->if_string() : nullptr;
  bool versioned = version && normalize::trim(*version).starts_with(kVersionPrefix);
  const json::value* items_value = object->if_contains("items");
  const json::array* items = items_value ? items_value->if_array() : nullptr;
  if (!versioned && !items)
    return std::unexpected(FeedError{"not a JSON Feed: no \"version\" starting with " + std::string{kVersionPrefix} +
                                     " and no \"items\" array"});
  feed.title = plain_text_or_html(fields.string("title").value_or(""));
  if (!versioned) feed.warnings.push_back("version: not a JSON Feed version; read as one for its \"items\" array");
  if (!items) {
    if (items_value) fields.wrong_type("items", *items_value, "an array");
    else feed.warnings.push_back("items: missing");
    return feed;
  }

  // Relative item URLs are read against the site's home page when the feed names one, as
  // Miniflux does; a feed served from a CDN has no better base.
  std::string base{url};
  if (auto home = fields.string("home_page_url"))
    if (std::string resolved = resolve(base, *home, fields, "home_page_url"); !resolved.empty()) base = resolved;
  std::vector<std::string> feed_authors = author_names(fields);
  for (std::size_t i = 0; i < items->size(); ++i) {
    std::string path = "items[" + std::to_string(i) + "]";
    const json::object* item = (*items)[i].if_object();
    if (!item) {
      feed.warnings.push_back(path + ": expected an object, found " + std::string{kind_name((*items)[i].kind())});
      continue;
    }
    feed.entries.push_back(read_item(*item, path, base, feed_authors, feed));
  }
  return feed;
}

}  // namespace ingest::sources
