#pragma once
// The fetcher: libcurl's multi interface driven by a Boost.Asio io_context through its socket
// and timer callbacks, so many transfers run at once on the thread that runs the
// io_context, with no thread per request and no blocking call.
//
// Politeness is per host and shared by every request made through one engine (feeds,
// articles, robots.txt): at most `max_per_host` transfers at once, and `min_delay` (or the
// request's override, or the origin's robots.txt Crawl-delay, whichever is longest) between
// the starts of two requests. robots.txt (RFC 9309) is fetched once per origin (scheme, host
// and port) and kept for 24 hours; a path it disallows fails with robots_disallowed without
// being requested.
// Timeouts, connection errors, 5xx and 429 are retried with exponential backoff and jitter,
// or after the server's Retry-After when that is within `max_retry_wait`.
//
// Not thread-safe: every call, and every callback, happens on the io_context's thread.
// Callbacks are always invoked through the io_context, never from inside fetch().
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "ingest/fetch/fetch_settings.h"
#include "ingest/fetch/curl_transfer.h"

namespace ingest::fetch {

// A host's robots.txt outcome, as kept between runs.
struct RobotsRecord {
  enum class Outcome { rules, allow_all, unreachable };
  Outcome outcome = Outcome::allow_all;
  std::string body;  // the file, for rules
  FetchError::Kind error_kind = FetchError::Kind::other;  // for unreachable
  std::string message;
  std::chrono::system_clock::time_point expires;
};

// Where robots.txt outcomes outlive one engine (the store, so that `--once` runs share them).
// Called on the engine's thread; failures are the cache's to log, the engine then fetches.
class RobotsCache {
 public:
  virtual ~RobotsCache() = default;
  // Keyed by origin, "https://www.example.org" or "http://127.0.0.1:8931".
  virtual std::optional<RobotsRecord> load(const std::string& origin) = 0;  // unexpired only
  virtual void save(const std::string& origin, const RobotsRecord& record) = 0;
};

class FetchEngine {
 public:
  // `robots_cache`, if given, must outlive the engine.
  FetchEngine(boost::asio::io_context& io, FetchSettings settings, RobotsCache* robots_cache = nullptr);
  // Aborts unfinished transfers; their callbacks are not invoked.
  ~FetchEngine();
  FetchEngine(const FetchEngine&) = delete;
  FetchEngine& operator=(const FetchEngine&) = delete;

  // Queues a request; `done` receives the response or the error exactly once.
  void fetch(FetchRequest request, FetchCallback done);
  // For a stop that loses nothing: starts nothing new, reports every queued transfer (and
  // every one waiting for a retry) as `cancelled`, and lets the running ones finish, which
  // their timeouts bound. Later fetches are `cancelled` too.
  void drain();
  // Drops every queued and running transfer (their callbacks are not invoked), closes pooled
  // connections and cancels timers, so the io_context runs out of work and run() returns.
  // Later fetches fail with `other`.
  void shutdown();
  // Transfers libcurl is working on now.
  std::size_t running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ingest::fetch
