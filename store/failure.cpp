#include "store/failure.h"

namespace store {

std::string_view failure_kind_name(FailureKind kind) {
  switch (kind) {
    case FailureKind::dns: return "dns";
    case FailureKind::connect: return "connect";
    case FailureKind::tls: return "tls";
    case FailureKind::timeout: return "timeout";
    case FailureKind::too_slow: return "too_slow";
    case FailureKind::too_large: return "too_large";
    case FailureKind::too_many_redirects: return "too_many_redirects";
    case FailureKind::bad_scheme: return "bad_scheme";
    case FailureKind::http_4xx: return "http_4xx";
    case FailureKind::http_5xx: return "http_5xx";
    case FailureKind::robots_disallowed: return "robots_disallowed";
    case FailureKind::network: return "network";
    case FailureKind::other: return "other";
    case FailureKind::parse: return "parse";
    case FailureKind::malformed: return "malformed";
    case FailureKind::not_html: return "not_html";
    case FailureKind::extraction: return "extraction";
    case FailureKind::exception: return "exception";
    case FailureKind::interrupted: return "interrupted";
  }
  return "other";
}

std::optional<FailureKind> failure_kind_named(std::string_view name) {
  for (FailureKind kind : kFailureKinds)
    if (failure_kind_name(kind) == name) return kind;
  return std::nullopt;
}

}  // namespace store
