#pragma once
// HTTP(S) GET through libcurl with hard limits (docs/operations.md): connect and total
// timeouts, a minimum transfer speed, a cap on the decoded body, a redirect limit, and
// http/https only, for the request and every redirect. Returns bytes and headers; never
// parses what it fetched.
//
// This first fetcher runs one transfer at a time on the calling thread and spaces requests
// to one host by the configured delay. Not thread-safe; one per thread.
#include <chrono>
#include <expected>
#include <map>
#include <optional>
#include <string>

#include "ingest/config.h"

namespace ingest {

struct FetchError {
  // A fixed set of kinds, recorded per source and per item.
  enum class Kind {
    dns, connect, tls, timeout, too_slow, too_large, too_many_redirects, bad_scheme,
    http_4xx, http_5xx, network, other
  };
  Kind kind;
  std::string message;
  long status = 0;  // the HTTP status, for http_4xx / http_5xx
};
std::string_view kind_name(FetchError::Kind kind);

struct FetchRequest {
  std::string url;
  std::optional<std::string> etag;           // sent as If-None-Match
  std::optional<std::string> last_modified;  // sent as If-Modified-Since
  std::optional<std::chrono::milliseconds> min_delay;  // per-outlet politeness override
};

struct FetchResponse {
  long status = 0;
  bool not_modified = false;  // a 304: successful, nothing to parse
  std::string final_url;      // after redirects
  std::string content_type;   // media type, lowercased, without parameters
  std::string charset;        // from Content-Type, lowercased; empty when not stated
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::string body;           // decoded (gzip, deflate, br, zstd as libcurl supports)
};

class HttpFetcher {
 public:
  explicit HttpFetcher(FetchSettings settings);
  ~HttpFetcher();
  HttpFetcher(const HttpFetcher&) = delete;
  HttpFetcher& operator=(const HttpFetcher&) = delete;

  std::expected<FetchResponse, FetchError> fetch(const FetchRequest& request);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ingest
