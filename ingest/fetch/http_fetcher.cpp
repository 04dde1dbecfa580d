#include "ingest/fetch/http_fetcher.h"

#include <boost/asio/io_context.hpp>

#include "ingest/fetch/fetch_engine.h"

namespace ingest::fetch {

struct HttpFetcher::State {
  explicit State(FetchSettings settings) : engine(io, std::move(settings)) {}
  boost::asio::io_context io;
  FetchEngine engine;
};

HttpFetcher::HttpFetcher(FetchSettings settings) : state_(std::make_unique<State>(std::move(settings))) {}
HttpFetcher::~HttpFetcher() = default;

std::expected<FetchResponse, FetchError> HttpFetcher::fetch(const FetchRequest& request) {
  std::optional<FetchResult> result;
  state_->engine.fetch(request, [&result](FetchResult r) { result = std::move(r); });
  state_->io.restart();
  // run_one, not run: a politeness timer for a later request must not hold this call.
  while (!result && state_->io.run_one() > 0) {
  }
  if (!result) return std::unexpected(FetchError{FetchError::Kind::other, "fetch did not complete"});
  return std::move(*result);
}

}  // namespace ingest::fetch
