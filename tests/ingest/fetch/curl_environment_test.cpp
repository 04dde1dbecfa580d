// Process-wide library set-up for the ingest suite, in one place, as main.cpp does for the
// program: libcurl's global state (HttpFetcher needs it) and libxml2's parser.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <libxml/parser.h>

namespace {

class LibraryEnvironment : public ::testing::Environment {
 public:
  // Runs before any test, so before any thread the tests start.
  void SetUp() override {
    ASSERT_EQ(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK);
    xmlInitParser();
  }
  void TearDown() override { curl_global_cleanup(); }
};

[[maybe_unused]] ::testing::Environment* const kLibraryEnvironment =
    ::testing::AddGlobalTestEnvironment(new LibraryEnvironment);

}  // namespace
