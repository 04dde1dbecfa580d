#pragma once
// How the fetcher behaves: identity, politeness, limits and retries ([fetch] in the config,
// docs/configuration.md). Plain values; the config loader fills them and checks their ranges.
#include <chrono>
#include <cstdint>
#include <string>

namespace ingest::fetch {

struct FetchSettings {
  std::string user_agent = "ingest/0.1 (+https://example.org/contact)";
  std::chrono::milliseconds min_delay{1000}; // between two requests to one host
  int max_per_host = 2;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
  std::int64_t max_body_bytes = 10 * 1024 * 1024;  // decoded
  int max_redirects = 5;
  std::int64_t min_speed_bytes = 512;  // per second, averaged over min_speed_window
  std::chrono::seconds min_speed_window{20};
  int max_attempts = 5;  // per article, before it is marked failed
  int retries = 2;       // within one pass, for transient errors
  std::chrono::milliseconds retry_delay{1000};      // first backoff step
  std::chrono::milliseconds max_retry_wait{60'000};  // longest wait within a pass (backoff, Retry-After)
  std::chrono::milliseconds robots_ttl{24LL * 3600 * 1000};
  std::chrono::milliseconds robots_retry{30LL * 60 * 1000};  // after robots.txt was unreachable
};

}  // namespace ingest::fetch
