#pragma once
// The values that cross the fetcher's boundary: what to fetch, what came back, and the fixed
// set of ways it can fail.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ingest::fetch {

struct FetchError {
  // A fixed set of kinds, recorded per source and per item.
  enum class Kind {
    dns, connect, tls, timeout, too_slow, too_large, too_many_redirects, bad_scheme,
    http_4xx, http_5xx, robots_disallowed, network,
    cancelled,  // never started: the engine was draining (a stop); not a fault of the source
    other
  };
  FetchError(Kind k, std::string m, long http_status = 0)
      : kind(k), message(std::move(m)), status(http_status) {}
  Kind kind;
  std::string message;
  long status = 0;  // the HTTP status, for http_4xx / http_5xx
  // When the server said when to come back (429/503 Retry-After) beyond what a pass waits.
  std::optional<std::chrono::seconds> retry_after;
};
std::string_view kind_name(FetchError::Kind kind);
// The kind named by kind_name(), or nullopt.
std::optional<FetchError::Kind> kind_from_name(std::string_view name);

// Whether trying again later can help: timeouts, connection trouble, 5xx and 429.
bool is_transient(const FetchError& error);

struct FetchRequest {
  std::string url;
  std::optional<std::string> etag;           // sent as If-None-Match
  std::optional<std::string> last_modified;  // sent as If-Modified-Since
  std::optional<std::chrono::milliseconds> min_delay;  // per-outlet politeness override
  bool obey_robots = true;  // false only for robots.txt itself
};

struct FetchResponse {
  long status = 0;
  bool not_modified = false;  // a 304: successful, nothing to parse
  std::string final_url;      // after redirects
  std::string content_type;   // media type, lowercased, without parameters
  std::string charset;        // from Content-Type, else from a BOM; lowercased; may be empty
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::chrono::seconds> max_age;  // Cache-Control: max-age
  std::string body;           // decoded (gzip, deflate, br, zstd)
  int attempts = 1;           // including retries within the pass
};

}  // namespace ingest::fetch
