// ingest/http_fetcher.cpp: HTTP GET with hard limits, against a real server on 127.0.0.1.
#include "ingest/fetch/http_fetcher.h"

#include <gtest/gtest.h>

#include <optional>

#include "tests/support/fixture_server.h"
#include "tests/support/test_files.h"

namespace {

using namespace std::chrono_literals;
using ingest::fetch::FetchError;
using ingest::fetch::FetchRequest;
using ingest::fetch::FetchSettings;
using ingest::fetch::HttpFetcher;
using test_support::FixtureServer;
using test_support::TempDir;
using test_support::write_file;

// Small limits so that every limit is reached in milliseconds, and no politeness wait.
FetchSettings test_settings() {
  FetchSettings s;
  s.user_agent = "ingest-test/1.0 (+https://example.org/tests)";
  s.min_delay = 0ms;
  s.connect_timeout = 2000ms;
  s.total_timeout = 5000ms;
  s.max_body_bytes = 64 * 1024;
  s.max_redirects = 3;
  return s;
}

class HttpFetcherTest : public ::testing::Test {
 protected:
  HttpFetcherTest() : server_(dir_.path()) {
    write_file(dir_ / "feed.xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
                                  "<link>{{origin}}/</link></channel></rss>\n");
    write_file(dir_ / "page.html", "<html><body><p>Hello</p></body></html>\n");
  }

  std::string url(const std::string& path) const { return server_.origin() + path; }

  // What the server received apart from robots.txt, which the fetcher asks for first.
  std::vector<test_support::RecordedRequest> page_requests() const {
    auto all = server_.requests();
    std::erase_if(all, [](const auto& r) { return r.target == "/robots.txt"; });
    return all;
  }

  std::expected<ingest::fetch::FetchResponse, FetchError> get(const std::string& path,
                                                        FetchSettings settings = test_settings()) {
    HttpFetcher fetcher{settings};
    return fetcher.fetch(FetchRequest{url(path), std::nullopt, std::nullopt, std::nullopt});
  }

  TempDir dir_;
  FixtureServer server_;
};

TEST_F(HttpFetcherTest, ReturnsTheBodyOfA200WithItsMediaType) {
  auto r = get("/feed.xml");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(r->not_modified);
  EXPECT_EQ(r->content_type, "application/xml");
  EXPECT_EQ(r->final_url, url("/feed.xml"));
  // The server substituted its origin, so the bytes are what it sent, not the file.
  EXPECT_EQ(r->body, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><link>" + server_.origin() +
                         "/</link></channel></rss>\n");
  EXPECT_TRUE(r->etag.has_value());
  EXPECT_TRUE(r->last_modified.has_value());
}

TEST_F(HttpFetcherTest, SplitsContentTypeIntoALowercaseMediaTypeAndCharset) {
  server_.set_body("/latin1", "Caf\xE9", "Text/HTML; Charset=\"ISO-8859-1\"");
  auto r = get("/latin1");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->content_type, "text/html");
  EXPECT_EQ(r->charset, "iso-8859-1");
  EXPECT_EQ(r->body, "Caf\xE9");
}

TEST_F(HttpFetcherTest, LeavesTheCharsetEmptyWhenNotStated) {
  server_.set_body("/plain", "hello", "application/rss+xml");
  auto r = get("/plain");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->content_type, "application/rss+xml");
  EXPECT_EQ(r->charset, "");
}

TEST_F(HttpFetcherTest, SendsTheConfiguredUserAgent) {
  ASSERT_TRUE(get("/feed.xml").has_value());
  auto requests = page_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/feed.xml");
  EXPECT_EQ(requests[0].headers["user-agent"], test_settings().user_agent);
}

TEST_F(HttpFetcherTest, SendsNoConditionalHeadersWithoutValidators) {
  ASSERT_TRUE(get("/feed.xml").has_value());
  auto requests = page_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_FALSE(requests[0].headers.contains("if-none-match"));
  EXPECT_FALSE(requests[0].headers.contains("if-modified-since"));
}

TEST_F(HttpFetcherTest, ReturnsNotModifiedWhenTheEtagStillMatches) {
  HttpFetcher fetcher{test_settings()};
  auto first = fetcher.fetch(FetchRequest{url("/feed.xml"), std::nullopt, std::nullopt, std::nullopt});
  ASSERT_TRUE(first.has_value()) << first.error().message;
  ASSERT_TRUE(first->etag.has_value());
  auto second = fetcher.fetch(FetchRequest{url("/feed.xml"), first->etag, std::nullopt, std::nullopt});
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->not_modified);
  EXPECT_TRUE(second->body.empty());
  auto requests = page_requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].headers["if-none-match"], *first->etag);
}

TEST_F(HttpFetcherTest, ReturnsNotModifiedWhenLastModifiedStillHolds) {
  HttpFetcher fetcher{test_settings()};
  auto first = fetcher.fetch(FetchRequest{url("/feed.xml"), std::nullopt, std::nullopt, std::nullopt});
  ASSERT_TRUE(first.has_value() && first->last_modified.has_value());
  auto second = fetcher.fetch(FetchRequest{url("/feed.xml"), std::nullopt, first->last_modified, std::nullopt});
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_TRUE(second->not_modified);
  EXPECT_EQ(page_requests()[1].headers["if-modified-since"], *first->last_modified);
}

TEST_F(HttpFetcherTest, ReturnsTheBodyAgainWhenTheEtagIsStale) {
  HttpFetcher fetcher{test_settings()};
  auto r = fetcher.fetch(FetchRequest{url("/feed.xml"), std::string{"\"stale\""}, std::nullopt, std::nullopt});
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(r->not_modified);
  EXPECT_FALSE(r->body.empty());
}

TEST_F(HttpFetcherTest, Reports404AsHttp4xxWithTheStatus) {
  auto r = get("/missing.xml");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, FetchError::Kind::http_4xx);
  EXPECT_EQ(r.error().status, 404);
  EXPECT_NE(r.error().message.find("404"), std::string::npos) << r.error().message;
}

TEST_F(HttpFetcherTest, Reports503AsHttp5xxWithTheStatus) {
  server_.set_status("/feed.xml", 503, "try later");
  auto r = get("/feed.xml");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, FetchError::Kind::http_5xx);
  EXPECT_EQ(r.error().status, 503);
}

TEST_F(HttpFetcherTest, RefusesABodyLargerThanTheLimit) {
  server_.set_body("/big", std::string(200 * 1024, 'a'), "text/plain");
  auto r = get("/big");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, FetchError::Kind::too_large);
}

TEST_F(HttpFetcherTest, AcceptsABodyExactlyAtTheLimit) {
  server_.set_body("/exact", std::string(64 * 1024, 'a'), "text/plain");
  auto r = get("/exact");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->body.size(), 64u * 1024u);
}

TEST_F(HttpFetcherTest, CapsTheDecodedSizeOfACompressedBody) {
  // Compresses to a few hundred bytes, decodes to 16 times the limit.
  server_.set_body("/bomb", std::string(1024 * 1024, '0'), "text/plain");
  auto r = get("/bomb");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, FetchError::Kind::too_large);
  auto requests = page_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_NE(requests[0].headers["accept-encoding"].find("gzip"), std::string::npos);
}

TEST_F(HttpFetcherTest, DecodesAGzipEncodedResponse) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "Line " + std::to_string(i) + " of a compressible page.\n";
  server_.set_body("/text", text, "text/plain; charset=utf-8");
  auto r = get("/text");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  // The fetcher offered gzip, the server (which compresses whenever gzip is accepted) used
  // it, and the body arrives decoded.
  auto requests = page_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_NE(requests[0].headers["accept-encoding"].find("gzip"), std::string::npos)
      << requests[0].headers["accept-encoding"];
  EXPECT_EQ(r->body, text);
  EXPECT_EQ(r->charset, "utf-8");
}

TEST_F(HttpFetcherTest, FollowsRedirectsWithinTheLimit) {
  server_.add_redirect("/old", "{{origin}}/older", 301);
  server_.add_redirect("/older", "/feed.xml", 302);
  auto r = get("/old");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->final_url, url("/feed.xml"));
  EXPECT_EQ(server_.request_count("/feed.xml"), 1u);
}

TEST_F(HttpFetcherTest, StopsARedirectChainLongerThanTheLimit) {
  for (int i = 0; i < 6; ++i)
    server_.add_redirect("/r" + std::to_string(i), "{{origin}}/r" + std::to_string(i + 1), 302);
  server_.add_redirect("/r6", "{{origin}}/feed.xml", 302);
  auto r = get("/r0");  // max_redirects is 3
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, FetchError::Kind::too_many_redirects);
  EXPECT_EQ(server_.request_count("/feed.xml"), 0u);
  EXPECT_LE(server_.request_count("/r4"), 1u);
  EXPECT_EQ(server_.request_count("/r5"), 0u);
}

TEST_F(HttpFetcherTest, RefusesARedirectLoop) {
  server_.add_redirect("/a", "{{origin}}/b");
  server_.add_redirect("/b", "{{origin}}/a");
  auto r = get("/a");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, FetchError::Kind::too_many_redirects);
}

TEST_F(HttpFetcherTest, RefusesARedirectToAFileUrl) {
  server_.add_redirect("/to-file", "file:///etc/passwd", 302);
  auto r = get("/to-file");
  ASSERT_FALSE(r.has_value()) << "fetched " << r->body.substr(0, 80);
  EXPECT_EQ(r.error().kind, FetchError::Kind::bad_scheme) << r.error().message;
}

TEST_F(HttpFetcherTest, RefusesARedirectToAnFtpUrl) {
  server_.add_redirect("/to-ftp", "ftp://127.0.0.1:1/file.txt", 302);
  auto r = get("/to-ftp");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, FetchError::Kind::bad_scheme) << r.error().message;
}

TEST_F(HttpFetcherTest, RefusesANonHttpUrlWithoutConnecting) {
  HttpFetcher fetcher{test_settings()};
  for (const char* bad : {"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/x", "not a url"}) {
    auto r = fetcher.fetch(FetchRequest{bad, std::nullopt, std::nullopt, std::nullopt});
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().kind, FetchError::Kind::bad_scheme) << bad << ": " << r.error().message;
  }
}

TEST_F(HttpFetcherTest, TimesOutWhenTheAnswerTakesLongerThanTheTotalTimeout) {
  server_.set_delay("/slow", 2000ms);
  server_.set_body("/slow", "late", "text/plain");
  FetchSettings s = test_settings();
  s.total_timeout = 300ms;
  auto r = get("/slow", s);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, FetchError::Kind::timeout) << r.error().message;
}

TEST_F(HttpFetcherTest, ReportsARefusedConnectionAsConnect) {
  std::string origin;
  {
    TempDir other_root;
    FixtureServer stopped{other_root.path()};
    origin = stopped.origin();
  }
  HttpFetcher fetcher{test_settings()};
  auto r = fetcher.fetch(FetchRequest{origin + "/feed.xml", std::nullopt, std::nullopt, std::nullopt});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, FetchError::Kind::connect) << r.error().message;
  EXPECT_NE(r.error().message.find(origin), std::string::npos) << r.error().message;
}

TEST_F(HttpFetcherTest, CanFetchAgainAfterAnError) {
  HttpFetcher fetcher{test_settings()};
  auto missing = fetcher.fetch(FetchRequest{url("/missing"), std::nullopt, std::nullopt, std::nullopt});
  ASSERT_FALSE(missing.has_value());
  auto ok = fetcher.fetch(FetchRequest{url("/page.html"), std::nullopt, std::nullopt, std::nullopt});
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->body, "<html><body><p>Hello</p></body></html>\n");
  EXPECT_EQ(ok->content_type, "text/html");
}

TEST_F(HttpFetcherTest, KeepsTheHeadersOfTheFinalResponseAfterARedirect) {
  server_.set_header("/hop", "ETag", "\"redirect-etag\"");
  server_.add_redirect("/hop", "{{origin}}/feed.xml", 302);
  auto r = get("/hop");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_TRUE(r->etag.has_value());
  EXPECT_NE(*r->etag, "\"redirect-etag\"");
  EXPECT_EQ(r->content_type, "application/xml");
}

TEST(FetchErrorKind, HasAStableNameForEveryKind) {
  using Kind = FetchError::Kind;
  EXPECT_EQ(ingest::fetch::kind_name(Kind::dns), "dns");
  EXPECT_EQ(ingest::fetch::kind_name(Kind::connect), "connect");
  EXPECT_EQ(ingest::fetch::kind_name(Kind::tls), "tls");
  EXPECT_EQ(ingest::fetch::kind_name(Kind::timeout), "timeout");
  EXPECT_EQ(ingest::fetch::kind_name(Kind::too_slow), "too_slow");
  EXPECT_EQ(ingest::fetch::kind_name(Kind::too_large), "too_large");
  EXPECT_EQ(ingest::fetch::kind_name(Kind::too_many_redirects), "too_many_redirects");
  EXPECT_EQ(ingest::fetch::kind_name(Kind::bad_scheme), "bad_scheme");
  EXPECT_EQ(ingest::fetch::kind_name(Kind::http_4xx), "http_4xx");
  EXPECT_EQ(ingest::fetch::kind_name(Kind::http_5xx), "http_5xx");
  EXPECT_EQ(ingest::fetch::kind_name(Kind::network), "network");
  EXPECT_EQ(ingest::fetch::kind_name(Kind::other), "other");
}

}  // namespace
