#include "ingest/pipeline/config.h"

#include <charconv>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "normalize/language.h"
#include "normalize/url.h"

namespace ingest::pipeline {
namespace fs = std::filesystem;
namespace {

// libstdc++ 12 reads a back-reference's number (\12) and a repetition count (a{2,5}) into a
// long without checking for overflow: the article_id \555555555555555555555 was undefined
// behaviour (found by fuzz/config_fuzz). Numbers that large mean nothing in a URL pattern, so
// they are refused before std::regex sees them: back-references up to 999, repetition counts
// up to kMaxRepeat (each repetition is a copy of the repeated part in the compiled expression).
constexpr int kMaxRepeat = 1000;

std::optional<std::string> oversized_regex_number(std::string_view pattern) {
  auto digits_at = [pattern](std::size_t i) {
    std::size_t end = i;
    while (end < pattern.size() && pattern[end] >= '0' && pattern[end] <= '9') ++end;
    return pattern.substr(i, end - i);
  };
  const std::string too_many = "a repetition count over " + std::to_string(kMaxRepeat);
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      if (digits_at(i + 1).size() > 3) return "a back-reference number over 999";
      ++i;  // the escaped character is no syntax
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
    } else if (c == '{') {
      // "{n}", "{n,}", "{n,m}": each number.
      for (std::size_t j = i + 1, part = 0; part < 2; ++part) {
        std::string_view number = digits_at(j);
        if (number.size() > 4) return too_many;
        int value = 0;
        for (char digit : number) value = value * 10 + (digit - '0');
        if (value > kMaxRepeat) return too_many;
        j += number.size();
        if (j >= pattern.size() || pattern[j] != ',') break;
        ++j;
      }
    }
  }
  return std::nullopt;
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  ConfigError error(const toml::node* node, std::string_view key, std::string_view what) const {
    std::ostringstream out;
    out << file_;
    if (node && node->source().begin.line) out << ":" << node->source().begin.line;
    out << ": " << key << ": " << what;
    return ConfigError{out.str()};
  }

  // Every key of `table` must be one of `known`.
  std::optional<ConfigError> check_keys(const toml::table& table, std::string_view prefix,
                                        const std::set<std::string_view>& known) const {
    for (const auto& [key, value] : table)
      if (!known.contains(key.str()))
        return error(&value, std::string{prefix} + std::string{key.str()}, "unknown key");
    return std::nullopt;
  }

  std::expected<std::string, ConfigError> string(const toml::table& table, std::string_view key,
                                                 std::string_view path, std::string fallback) const {
    const toml::node* node = table.get(key);
    if (!node) return fallback;
    auto value = node->value<std::string>();
    if (!value) return std::unexpected(error(node, path, "expected a string"));
    return *value;
  }

  std::expected<std::vector<std::string>, ConfigError> urls(const toml::table& table,
                                                            std::string_view key,
                                                            std::string_view path) const {
    std::vector<std::string> out;
    const toml::node* node = table.get(key);
    if (!node) return out;
    const toml::array* array = node->as_array();
    if (!array) return std::unexpected(error(node, path, "expected an array of URLs"));
    for (const auto& element : *array) {
      auto value = element.value<std::string>();
      if (!value) return std::unexpected(error(&element, path, "expected a URL string"));
      auto canonical = normalize::canonical_url(*value);
      if (!canonical) return std::unexpected(error(&element, path, canonical.error().message));
      out.push_back(*value);
    }
    return out;
  }

  std::expected<std::optional<std::chrono::milliseconds>, ConfigError> duration(
      const toml::table& table, std::string_view key, std::string_view path) const {
    const toml::node* node = table.get(key);
    if (!node) return std::optional<std::chrono::milliseconds>{};
    auto text = node->value<std::string>();
    auto parsed = text ? parse_duration(*text) : std::nullopt;
    if (!parsed)
      return std::unexpected(error(node, path, "expected a duration such as \"500ms\", \"1s\", \"15m\", \"2h\""));
    return parsed;
  }

  std::expected<std::optional<bool>, ConfigError> boolean(const toml::table& table, std::string_view key,
                                                          std::string_view path) const {
    const toml::node* node = table.get(key);
    if (!node) return std::optional<bool>{};
    if (!node->is_boolean()) return std::unexpected(error(node, path, "expected true or false"));
    return node->value<bool>();
  }

  std::expected<std::optional<std::int64_t>, ConfigError> integer(const toml::table& table,
                                                                  std::string_view key,
                                                                  std::string_view path,
                                                                  std::int64_t min,
                                                                  std::int64_t max) const {
    const toml::node* node = table.get(key);
    if (!node) return std::optional<std::int64_t>{};
    auto value = node->value<std::int64_t>();
    if (!value || !node->is_integer())
      return std::unexpected(error(node, path, "expected an integer"));
    if (*value < min || *value > max)
      return std::unexpected(error(node, path, "must be between " + std::to_string(min) + " and " +
                                                   std::to_string(max)));
    return value;
  }

  // A regular expression (ECMAScript syntax) with at least `groups` capture groups.
  std::expected<std::optional<std::regex>, ConfigError> regex(const toml::table& table, std::string_view key,
                                                              std::string_view path, unsigned groups,
                                                              std::string& text) const {
    auto value = string(table, key, path, "");
    if (!value) return std::unexpected(value.error());
    text = *value;
    if (value->empty()) {
      if (table.get(key)) return std::unexpected(error(table.get(key), path, "must not be empty"));
      return std::optional<std::regex>{};
    }
    if (auto oversized = oversized_regex_number(*value))
      return std::unexpected(error(table.get(key), path, "not a valid regular expression: " + *oversized));
    try {
      std::regex compiled{*value, std::regex::ECMAScript | std::regex::optimize};
      if (compiled.mark_count() < groups)
        return std::unexpected(error(table.get(key), path, "needs a capture group around the id, as in \"-a(\\d+)$\""));
      return std::optional<std::regex>{std::move(compiled)};
    } catch (const std::regex_error& e) {
      return std::unexpected(error(table.get(key), path, std::string{"not a valid regular expression: "} + e.what()));
    }
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

fs::path resolve(const fs::path& base_folder, const std::string& value) {
  fs::path p{value};
  return p.is_absolute() ? p : (base_folder / p).lexically_normal();
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  std::int64_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc{} || end == text.data() || number < 0) return std::nullopt;
  std::string_view unit{end, static_cast<std::size_t>(text.data() + text.size() - end)};
  using namespace std::chrono;
  // Nothing here needs more than a year; larger numbers would overflow the milliseconds.
  constexpr std::int64_t kYearMs = 366LL * 24 * 3600 * 1000;
  std::int64_t unit_ms = unit == "ms" ? 1 : unit == "s" ? 1000 : (unit == "m" || unit == "min") ? 60'000
                         : unit == "h" ? 3'600'000 : unit == "d" ? 86'400'000 : 0;
  if (unit_ms == 0 || number > kYearMs / unit_ms) return std::nullopt;
  if (unit == "ms") return milliseconds{number};
  if (unit == "s") return duration_cast<milliseconds>(seconds{number});
  if (unit == "m" || unit == "min") return duration_cast<milliseconds>(minutes{number});
  if (unit == "h") return duration_cast<milliseconds>(hours{number});
  if (unit == "d") return duration_cast<milliseconds>(hours{24 * number});
  return std::nullopt;
}

std::optional<std::pair<std::string, std::uint16_t>> split_listen_address(std::string_view text) {
  // "127.0.0.1:9464" or "[::1]:9464": the port after the last colon.
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string host{text.substr(0, colon)};
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::uint16_t port = 0;
  auto read = std::from_chars(text.data() + colon + 1, text.data() + text.size(), port);
  if (host.empty() || read.ec != std::errc{} || read.ptr != text.data() + text.size() || colon + 1 == text.size())
    return std::nullopt;
  return std::pair{host, port};
}

std::expected<Config, ConfigError> load_config(const fs::path& file) {
  // The messages toml::parse_file gave, which named the file at line 0, before the text moved
  // to parse_config: an unreadable file reads the same as it always did.
  auto failure = [&file](std::string_view what) {
    return std::unexpected(ConfigError{file.string() + ":0: " + std::string{what}});
  };
  std::ifstream in{file, std::ios::binary | std::ios::ate};
  if (!in.is_open()) return failure("File could not be opened for reading");
  if (in.tellg() == std::streampos{-1}) return failure("Could not determine file size");
  in.seekg(0);
  // A folder opens but reads as nothing, as it did for toml++ (then "no [[outlet]]").
  std::string text{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
  return parse_config(text, file);
}

std::expected<Config, ConfigError> parse_config(std::string_view toml_text, const fs::path& file) {
  Reader reader{file.string()};
  toml::table root;
  // Debian's toml++ is built with exceptions on; a parse error stops here as a value.
  try {
    root = toml::parse(toml_text, file.string());
  } catch (const toml::parse_error& e) {
    std::ostringstream out;
    out << file.string() << ":" << e.source().begin.line << ": " << e.description();
    return std::unexpected(ConfigError{out.str()});
  }
  Config config;
  config.file = file;
  fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path{"."};

  if (auto e = reader.check_keys(root, "", {"store", "fetch", "flag", "metrics", "web", "outlet"}))
    return std::unexpected(*e);

  if (const toml::node* node = root.get("web")) {
    const toml::table* web = node->as_table();
    if (!web) return std::unexpected(reader.error(node, "web", "expected a table"));
    if (auto e = reader.check_keys(*web, "web.", {"listen", "secure_cookies", "session_lifetime"}))
      return std::unexpected(*e);
    if (web->get("listen")) {
      auto listen = reader.string(*web, "listen", "web.listen", "");
      if (!listen) return std::unexpected(listen.error());
      auto address = split_listen_address(*listen);
      if (!address)
        return std::unexpected(reader.error(web->get("listen"), "web.listen",
                                            "expected an address and port such as \"127.0.0.1:8080\""));
      config.web.listen_address = address->first;
      config.web.listen_port = address->second;
    }
    auto secure = reader.boolean(*web, "secure_cookies", "web.secure_cookies");
    if (!secure) return std::unexpected(secure.error());
    config.web.secure_cookies = secure->value_or(false);
    auto lifetime = reader.duration(*web, "session_lifetime", "web.session_lifetime");
    if (!lifetime) return std::unexpected(lifetime.error());
    if (*lifetime) {
      if (**lifetime < std::chrono::minutes(1))
        return std::unexpected(reader.error(web->get("session_lifetime"), "web.session_lifetime", "must be at least 1m"));
      config.web.session_lifetime = std::chrono::duration_cast<std::chrono::seconds>(**lifetime);
    }
  }

  if (const toml::node* node = root.get("metrics")) {
    const toml::table* metrics = node->as_table();
    if (!metrics) return std::unexpected(reader.error(node, "metrics", "expected a table"));
    if (auto e = reader.check_keys(*metrics, "metrics.", {"listen"})) return std::unexpected(*e);
    auto listen = reader.string(*metrics, "listen", "metrics.listen", "");
    if (!listen) return std::unexpected(listen.error());
    auto address = split_listen_address(*listen);
    if (!address)
      return std::unexpected(reader.error(metrics->get("listen"), "metrics.listen",
                                          "expected a loopback address and port such as \"127.0.0.1:9464\""));
    auto [host, port] = *address;
    config.metrics_address = host;
    config.metrics_port = port;
  }

  if (const toml::node* node = root.get("store")) {
    const toml::table* store = node->as_table();
    if (!store) return std::unexpected(reader.error(node, "store", "expected a table"));
    if (auto e = reader.check_keys(*store, "store.", {"database", "corpus", "busy_timeout"}))
      return std::unexpected(*e);
    auto database = reader.string(*store, "database", "store.database", "");
    if (!database) return std::unexpected(database.error());
    if (!database->empty()) config.database = resolve(folder, *database);
    auto corpus = reader.string(*store, "corpus", "store.corpus", "");
    if (!corpus) return std::unexpected(corpus.error());
    if (!corpus->empty()) config.corpus = resolve(folder, *corpus);
    auto busy = reader.duration(*store, "busy_timeout", "store.busy_timeout");
    if (!busy) return std::unexpected(busy.error());
    if (*busy) config.busy_timeout = **busy;
  }

  if (const toml::node* node = root.get("fetch")) {
    const toml::table* fetch = node->as_table();
    if (!fetch) return std::unexpected(reader.error(node, "fetch", "expected a table"));
    if (auto e = reader.check_keys(*fetch, "fetch.",
                                   {"user_agent", "min_delay", "max_per_host", "connect_timeout",
                                    "timeout", "max_body_size", "max_redirects", "max_attempts",
                                    "retries", "retry_delay", "max_retry_wait"}))
      return std::unexpected(*e);
    fetch::FetchSettings& f = config.fetch;
    auto user_agent = reader.string(*fetch, "user_agent", "fetch.user_agent", f.user_agent);
    if (!user_agent) return std::unexpected(user_agent.error());
    if (user_agent->empty() || user_agent->find_first_of("\r\n") != std::string::npos)
      return std::unexpected(reader.error(fetch->get("user_agent"), "fetch.user_agent", "must be one non-empty line"));
    f.user_agent = *user_agent;
    for (auto [key, target] : {std::pair{"min_delay", &f.min_delay},
                               std::pair{"connect_timeout", &f.connect_timeout},
                               std::pair{"timeout", &f.total_timeout},
                               std::pair{"retry_delay", &f.retry_delay},
                               std::pair{"max_retry_wait", &f.max_retry_wait}}) {
      auto d = reader.duration(*fetch, key, std::string{"fetch."} + key);
      if (!d) return std::unexpected(d.error());
      if (*d) *target = **d;
    }
    auto per_host = reader.integer(*fetch, "max_per_host", "fetch.max_per_host", 1, 16);
    if (!per_host) return std::unexpected(per_host.error());
    if (*per_host) f.max_per_host = static_cast<int>(**per_host);
    auto body = reader.integer(*fetch, "max_body_size", "fetch.max_body_size", 1024, std::int64_t{1} << 32);
    if (!body) return std::unexpected(body.error());
    if (*body) f.max_body_bytes = **body;
    auto redirects = reader.integer(*fetch, "max_redirects", "fetch.max_redirects", 0, 20);
    if (!redirects) return std::unexpected(redirects.error());
    if (*redirects) f.max_redirects = static_cast<int>(**redirects);
    auto retries = reader.integer(*fetch, "retries", "fetch.retries", 0, 10);
    if (!retries) return std::unexpected(retries.error());
    if (*retries) f.retries = static_cast<int>(**retries);
    auto attempts = reader.integer(*fetch, "max_attempts", "fetch.max_attempts", 1, 100);
    if (!attempts) return std::unexpected(attempts.error());
    if (*attempts) f.max_attempts = static_cast<int>(**attempts);
  }

  if (const toml::node* node = root.get("flag")) {
    const toml::table* flag = node->as_table();
    if (!flag) return std::unexpected(reader.error(node, "flag", "expected a table"));
    if (auto e = reader.check_keys(*flag, "flag.", {"rules"})) return std::unexpected(*e);
    auto rules = reader.string(*flag, "rules", "flag.rules", "");
    if (!rules) return std::unexpected(rules.error());
    if (!rules->empty()) config.rules = resolve(folder, *rules);
  }

  const toml::node* outlets_node = root.get("outlet");
  const toml::array* outlets = outlets_node ? outlets_node->as_array() : nullptr;
  if (outlets_node && !outlets)
    return std::unexpected(reader.error(outlets_node, "outlet", "expected [[outlet]] tables"));
  std::set<std::string> names;
  if (outlets) {
    for (std::size_t i = 0; i < outlets->size(); ++i) {
      const toml::node& element = *outlets->get(i);
      std::string path = "outlet[" + std::to_string(i + 1) + "]";
      const toml::table* table = element.as_table();
      if (!table) return std::unexpected(reader.error(&element, path, "expected a table"));
      if (auto e = reader.check_keys(*table, path + ".",
                                     {"name", "feeds", "sitemaps", "sections", "language",
                                      "interval", "min_interval", "max_interval", "min_delay",
                                      "article_links", "article_id",
                                      "id_group", "max_age", "body_xpath", "remove_xpath"}))
        return std::unexpected(*e);
      Outlet outlet;
      auto name = reader.string(*table, "name", path + ".name", "");
      if (!name) return std::unexpected(name.error());
      if (name->empty()) return std::unexpected(reader.error(&element, path + ".name", "required"));
      if (!names.insert(*name).second)
        return std::unexpected(reader.error(table->get("name"), path + ".name", "duplicate outlet name \"" + *name + "\""));
      outlet.name = *name;
      for (auto [key, target] : {std::pair{"feeds", &outlet.feeds}, std::pair{"sitemaps", &outlet.sitemaps},
                                 std::pair{"sections", &outlet.sections}}) {
        auto list = reader.urls(*table, key, path + "." + key);
        if (!list) return std::unexpected(list.error());
        *target = std::move(*list);
      }
      if (outlet.feeds.empty() && outlet.sitemaps.empty() && outlet.sections.empty())
        return std::unexpected(reader.error(&element, path, "needs at least one of feeds, sitemaps, sections"));
      auto language = reader.string(*table, "language", path + ".language", "");
      if (!language) return std::unexpected(language.error());
      if (!language->empty() && normalize::language_code(*language) != *language)
        return std::unexpected(reader.error(table->get("language"), path + ".language",
                                            "expected a two-letter ISO 639-1 code such as \"en\""));
      outlet.language = *language;
      auto interval = reader.duration(*table, "interval", path + ".interval");
      if (!interval) return std::unexpected(interval.error());
      if (*interval) {
        if (**interval < std::chrono::minutes{1})
          return std::unexpected(reader.error(table->get("interval"), path + ".interval", "must be at least 1m"));
        outlet.interval = std::chrono::duration_cast<std::chrono::seconds>(**interval);
      }
      // The adaptive schedule's bounds default to a third and eight times the interval.
      outlet.min_interval = std::max<std::chrono::seconds>(outlet.interval / 3, std::chrono::minutes{1});
      outlet.max_interval = outlet.interval * 8;
      for (auto [key, target] : {std::pair{"min_interval", &outlet.min_interval},
                                 std::pair{"max_interval", &outlet.max_interval}}) {
        auto bound = reader.duration(*table, key, path + "." + key);
        if (!bound) return std::unexpected(bound.error());
        if (!*bound) continue;
        if (**bound < std::chrono::minutes{1})
          return std::unexpected(reader.error(table->get(key), path + "." + key, "must be at least 1m"));
        *target = std::chrono::duration_cast<std::chrono::seconds>(**bound);
      }
      if (outlet.min_interval > outlet.interval || outlet.max_interval < outlet.interval)
        return std::unexpected(reader.error(table->get("interval") ? table->get("interval") : &element,
                                            path + ".interval", "must lie between min_interval and max_interval"));
      auto delay = reader.duration(*table, "min_delay", path + ".min_delay");
      if (!delay) return std::unexpected(delay.error());
      outlet.min_delay = *delay;
      auto links = reader.regex(*table, "article_links", path + ".article_links", 0, outlet.article_links);
      if (!links) return std::unexpected(links.error());
      outlet.article_links_regex = std::move(*links);
      if (!outlet.sections.empty() && !outlet.article_links_regex)
        return std::unexpected(reader.error(table->get("sections"), path + ".article_links",
                                            "required with sections: which links are articles"));
      auto id = reader.regex(*table, "article_id", path + ".article_id", 1, outlet.article_id);
      if (!id) return std::unexpected(id.error());
      outlet.article_id_regex = std::move(*id);
      auto group = reader.string(*table, "id_group", path + ".id_group", outlet.name);
      if (!group) return std::unexpected(group.error());
      if (table->get("id_group") && !outlet.article_id_regex)
        return std::unexpected(reader.error(table->get("id_group"), path + ".id_group",
                                            "needs article_id: the ids the group shares"));
      outlet.id_group = *group;
      auto max_age = reader.duration(*table, "max_age", path + ".max_age");
      if (!max_age) return std::unexpected(max_age.error());
      outlet.max_age = *max_age;
      auto body = reader.string(*table, "body_xpath", path + ".body_xpath", "");
      if (!body) return std::unexpected(body.error());
      if (table->get("body_xpath"))
        if (auto error = normalize::xpath_error(*body))
          return std::unexpected(reader.error(table->get("body_xpath"), path + ".body_xpath", *error));
      outlet.extraction.body = *body;
      if (const toml::node* remove = table->get("remove_xpath")) {
        const toml::array* list = remove->as_array();
        if (!list) return std::unexpected(reader.error(remove, path + ".remove_xpath", "expected an array of XPath expressions"));
        for (const auto& item : *list) {
          auto expression = item.value<std::string>();
          if (!expression) return std::unexpected(reader.error(&item, path + ".remove_xpath", "expected an XPath string"));
          if (auto error = normalize::xpath_error(*expression))
            return std::unexpected(reader.error(&item, path + ".remove_xpath", *error));
          outlet.extraction.remove.push_back(*expression);
        }
      }
      config.outlets.push_back(std::move(outlet));
    }
  }
  if (config.outlets.empty())
    return std::unexpected(ConfigError{file.string() + ": no [[outlet]] configured"});
  return config;
}

}  // namespace ingest::pipeline
