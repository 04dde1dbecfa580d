#pragma once
// config/feeds.toml: the outlets to watch and how to fetch them (docs/configuration.md).
// Loading validates everything up front; an error names the file, line and key.
#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/fetch/fetch_settings.h"
#include "normalize/page_overrides.h"

namespace ingest::pipeline {

struct ConfigError {
  std::string message;  // "config/feeds.toml:12: outlet[2].interval: ..."
};

struct Outlet {
  std::string name;
  std::vector<std::string> feeds;
  std::vector<std::string> sitemaps;
  std::vector<std::string> sections;
  std::string language;  // hint, ISO 639-1; may be empty
  std::chrono::seconds interval{15 * 60};
  // Bounds of the adaptive schedule (ingest/pipeline/schedule.h): a busy source is checked down to
  // min_interval apart, a quiet one up to max_interval. Default: interval / 3 and interval * 8.
  std::chrono::seconds min_interval{5 * 60};
  std::chrono::seconds max_interval{2 * 3600};
  std::optional<std::chrono::milliseconds> min_delay;  // overrides fetch.min_delay
  // Which links of a section page are articles: searched in the link's path and query.
  // Required with `sections`.
  std::string article_links;
  std::optional<std::regex> article_links_regex;
  // The outlet's own article id in a URL (its path and query), as the regular expression's
  // first group: The Moscow Times' "-a(\d+)$". A changed slug keeps the id.
  std::string article_id;
  std::optional<std::regex> article_id_regex;
  // Outlets that share one id space (a language edition on a site of its own) name the same
  // group; the same id in another of them is a translation. Defaults to the outlet's name.
  std::string id_group;
  // Entries dated earlier than this before now are not taken (a sitemap's archive).
  std::optional<std::chrono::milliseconds> max_age;
  // Where this outlet's article body is, and what in its pages is not article (XPath).
  normalize::PageOverrides extraction;
};

// [web]: the review console (ingest/web), served by `ingest run` when `listen` is given and
// by `ingest serve` (whose --listen overrides it).
struct WebSettings {
  // listen = "127.0.0.1:8080": any numeric address; other than loopback only when written here.
  std::optional<std::string> listen_address;
  std::uint16_t listen_port = 8080;
  bool secure_cookies = false;  // the session cookie only over HTTPS (behind a TLS proxy)
  std::chrono::seconds session_lifetime{12 * 3600};
};

struct Config {
  std::filesystem::path file;
  std::filesystem::path database;  // resolved; empty when the config names none
  std::filesystem::path corpus;    // resolved; empty when the config names none
  // How long a write waits for another process's write transaction (a reviewer's command, an
  // sqlite3 shell left in a transaction) before failing with "database is locked".
  std::chrono::milliseconds busy_timeout{std::chrono::seconds{10}};
  std::optional<std::filesystem::path> rules;  // resolved topic rules file, if named
  ingest::fetch::FetchSettings fetch;
  std::vector<Outlet> outlets;
  // [metrics] listen = "127.0.0.1:9464": where `ingest run` serves Prometheus metrics; off
  // when not given. Only loopback addresses are accepted (checked when the daemon binds);
  // port 0 takes any free port, which the daemon logs.
  std::optional<std::string> metrics_address;
  std::uint16_t metrics_port = 0;
  WebSettings web;
};

// Reads `file` and parses it as parse_config does. A file that cannot be opened is an error
// naming it.
std::expected<Config, ConfigError> load_config(const std::filesystem::path& file);

// The same from text already in memory (the fuzz target, tests): `file` is only named in
// messages and is the folder relative store and rules paths resolve against; nothing is read.
std::expected<Config, ConfigError> parse_config(std::string_view toml_text,
                                                const std::filesystem::path& file);

// "HOST:PORT" or "[IPV6]:PORT" -> host and port; nullopt when either is missing or the port
// is not a number up to 65535. The host is not checked here: binding tells.
std::optional<std::pair<std::string, std::uint16_t>> split_listen_address(std::string_view text);

// "500ms", "1s", "15m", "2h", "1d" -> duration; nullopt for anything else.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace ingest::pipeline
