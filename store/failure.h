#pragma once
// Why a source or an item failed, as one fixed set of kinds shared by the store's error_kind
// columns, `ingest status`, the fetch metrics and the logs; the message beside it is for
// people. The network kinds have the names of fetch errors (ingest/fetch/fetch_types.h).
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace store {

enum class FailureKind {
  // The fetch failed.
  dns, connect, tls, timeout, too_slow, too_large, too_many_redirects, bad_scheme, http_4xx, http_5xx,
  robots_disallowed, network, other,
  // A source answered with something unreadable, or readable only in part.
  parse, malformed,
  // An article page that is not HTML, or that holds no article.
  not_html, extraction,
  // A stage threw (a bug, or memory exhausted), or the last attempts never finished (the
  // process stopped or crashed inside them).
  exception, interrupted,
};

inline constexpr std::array kFailureKinds = {
    FailureKind::dns,        FailureKind::connect,    FailureKind::tls,       FailureKind::timeout,
    FailureKind::too_slow,   FailureKind::too_large,  FailureKind::too_many_redirects,
    FailureKind::bad_scheme, FailureKind::http_4xx,   FailureKind::http_5xx,  FailureKind::robots_disallowed,
    FailureKind::network,    FailureKind::other,      FailureKind::parse,     FailureKind::malformed,
    FailureKind::not_html,   FailureKind::extraction, FailureKind::exception, FailureKind::interrupted};

std::string_view failure_kind_name(FailureKind kind);
std::optional<FailureKind> failure_kind_named(std::string_view name);

struct Failure {
  FailureKind kind = FailureKind::other;
  std::string message;
};

}  // namespace store
