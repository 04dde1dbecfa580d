#pragma once
// The fetcher: libcurl's multi interface driven by a Boost.Asio io_context through its socket
// and timer callbacks, so many transfers run at once on the thread that runs the
// io_context, with no thread per request and no blocking call.
//
// Politeness is per host and shared by every request made through one engine (feeds,
// articles, robots.txt): at most `max_per_host` transfers at once, and `min_delay` (or the
// request's override, or the host's robots.txt Crawl-delay, whichever is longest) between
// the starts of two requests. robots.txt (RFC 9309) is fetched once per host and kept for
// 24 hours; a path it disallows fails with robots_disallowed without being requested.
// Timeouts, connection errors, 5xx and 429 are retried with exponential backoff and jitter,
// or after the server's Retry-After when that is within `max_retry_wait`.
//
// Not thread-safe: every call, and every callback, happens on the io_context's thread.
// Callbacks are always invoked through the io_context, never from inside fetch().
#include <boost/asio/io_context.hpp>

#include <memory>

#include "ingest/config.h"
#include "ingest/curl_transfer.h"

namespace ingest {

class FetchEngine {
 public:
  FetchEngine(boost::asio::io_context& io, FetchSettings settings);
  // Aborts unfinished transfers; their callbacks are not invoked.
  ~FetchEngine();
  FetchEngine(const FetchEngine&) = delete;
  FetchEngine& operator=(const FetchEngine&) = delete;

  // Queues a request; `done` receives the response or the error exactly once.
  void fetch(FetchRequest request, FetchCallback done);
  // Transfers queued, waiting for a retry, or running.
  std::size_t pending() const;
  // Transfers libcurl is working on now.
  std::size_t running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ingest
