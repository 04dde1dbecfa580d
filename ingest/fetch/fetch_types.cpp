#include "ingest/fetch/fetch_types.h"

namespace ingest::fetch {

std::string_view kind_name(FetchError::Kind kind) {
  switch (kind) {
    case FetchError::Kind::dns: return "dns";
    case FetchError::Kind::connect: return "connect";
    case FetchError::Kind::tls: return "tls";
    case FetchError::Kind::timeout: return "timeout";
    case FetchError::Kind::too_slow: return "too_slow";
    case FetchError::Kind::too_large: return "too_large";
    case FetchError::Kind::too_many_redirects: return "too_many_redirects";
    case FetchError::Kind::bad_scheme: return "bad_scheme";
    case FetchError::Kind::http_4xx: return "http_4xx";
    case FetchError::Kind::http_5xx: return "http_5xx";
    case FetchError::Kind::robots_disallowed: return "robots_disallowed";
    case FetchError::Kind::network: return "network";
    case FetchError::Kind::cancelled: return "cancelled";
    case FetchError::Kind::other: return "other";
  }
  return "other";
}

std::optional<FetchError::Kind> kind_from_name(std::string_view name) {
  for (int k = 0; k <= static_cast<int>(FetchError::Kind::other); ++k)
    if (kind_name(static_cast<FetchError::Kind>(k)) == name) return static_cast<FetchError::Kind>(k);
  return std::nullopt;
}

bool is_transient(const FetchError& error) {
  switch (error.kind) {
    // A slow drip is not retried within the pass: another 20 s of it rarely ends better.
    case FetchError::Kind::timeout:
    case FetchError::Kind::connect:
    case FetchError::Kind::network:
    case FetchError::Kind::http_5xx:
      return true;
    case FetchError::Kind::http_4xx:
      return error.status == 429 || error.status == 408;
    default:
      return false;
  }
}

}  // namespace ingest::fetch
