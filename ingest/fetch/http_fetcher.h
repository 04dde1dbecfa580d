#pragma once
// One request at a time, synchronously: a FetchEngine on a private io_context, run until the
// request completes. For the commands and tests that fetch a single URL; passes use the
// engine directly. Politeness state (per-host delay, robots.txt) persists across calls on one
// HttpFetcher. Not thread-safe; one per thread.
#include <expected>
#include <memory>

#include "ingest/fetch/fetch_settings.h"
#include "ingest/fetch/fetch_types.h"

namespace ingest::fetch {

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

}  // namespace ingest::fetch
