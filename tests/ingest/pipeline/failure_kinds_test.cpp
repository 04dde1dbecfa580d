// The store's failure kinds take their network names from the fetch error kinds: the pipeline
// turns one into the other by name, so every fetch kind a source or item can fail with must
// have a failure kind of the same name.
#include <gtest/gtest.h>

#include "ingest/fetch/fetch_types.h"
#include "store/failure.h"

namespace {

TEST(FailureKinds, NameEveryFetchErrorKindButCancelled) {
  using Kind = ingest::fetch::FetchError::Kind;
  for (int k = 0; k <= static_cast<int>(Kind::other); ++k) {
    auto kind = static_cast<Kind>(k);
    if (kind == Kind::cancelled) continue;  // never recorded: the fetch was not made
    auto name = ingest::fetch::kind_name(kind);
    auto failure = store::failure_kind_named(name);
    ASSERT_TRUE(failure) << name;
    EXPECT_EQ(store::failure_kind_name(*failure), name);
  }
}

}  // namespace
