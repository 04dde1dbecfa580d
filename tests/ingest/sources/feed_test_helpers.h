#pragma once
// What the feed parser tests share: parsing that must succeed, and the sample feeds of
// tests/fixtures/feeds/.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "ingest/sources/feed.h"
#include "tests/support/test_files.h"

namespace feed_test {

// The parsed feed; a test failure (and an empty feed) when parsing fails.
inline ingest::sources::ParsedFeed parse_ok(std::string_view bytes, std::string_view document_url) {
  auto parsed = ingest::sources::parse_feed(bytes, document_url);
  if (!parsed) {
    ADD_FAILURE() << parsed.error().message;
    return {};
  }
  return *parsed;
}

inline std::string sample(const std::string& name) {
  return test_support::read_file(test_support::source_path("tests/fixtures/feeds/" + name));
}

}  // namespace feed_test
