// Tests for normalize/url.cpp: canonical URLs, resolution of references, document ids.
#include "normalize/url.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace normalize {
namespace {

std::string canonical_or_error(std::string_view url) {
  auto result = canonical_url(url);
  return result ? *result : "error: " + result.error().message;
}

TEST(CanonicalUrl, NormalizesTheWaysOneUrlIsWritten) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      // Fragments go.
      {"https://example.com/news/1#comments", "https://example.com/news/1"},
      // Default ports go, others stay.
      {"http://example.com:80/a", "http://example.com/a"},
      {"https://example.com:443/a", "https://example.com/a"},
      {"https://example.com:8443/a", "https://example.com:8443/a"},
      {"http://127.0.0.1:8931/moscowtimes/x", "http://127.0.0.1:8931/moscowtimes/x"},
      // Scheme and host are lowercased; the path keeps its case.
      {"HTTPS://WWW.Example.COM/News/Item", "https://www.example.com/News/Item"},
      // Dot segments and percent-encoding of unreserved characters are normalized.
      {"https://example.com/a/./b/../c", "https://example.com/a/c"},
      {"https://example.com/%7Euser/%61", "https://example.com/~user/a"},
      // Surrounding whitespace from feeds is ignored.
      {"  https://example.com/a \n", "https://example.com/a"},
  };
  for (const auto& [input, expected] : cases) EXPECT_EQ(canonical_or_error(input), expected) << input;
}

TEST(CanonicalUrl, WritesAnEmptyPathAsSlash) {
  EXPECT_EQ(canonical_or_error("https://example.com"), "https://example.com/");
  EXPECT_EQ(canonical_or_error("HTTPS://Example.com:443"), "https://example.com/");
  EXPECT_EQ(canonical_or_error("https://example.com?id=1"), "https://example.com/?id=1");
  EXPECT_EQ(canonical_or_error("https://example.com#top"), "https://example.com/");
}

TEST(CanonicalUrl, KeepsAnExistingRootPath) {
  EXPECT_EQ(canonical_or_error("https://example.com/"), "https://example.com/");
  EXPECT_EQ(canonical_or_error("https://example.com/?id=1"), "https://example.com/?id=1");
}

TEST(CanonicalUrl, RemovesTrackingParametersAndKeepsTheOthersInOrder) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"https://example.com/a?utm_source=rss&id=7&utm_medium=feed&utm_campaign=x",
       "https://example.com/a?id=7"},
      {"https://example.com/a?b=2&fbclid=IwAR0&a=1&gclid=Cj0", "https://example.com/a?b=2&a=1"},
      {"https://example.com/a?yclid=1&mc_cid=2&mc_eid=3&UTM_Source=x", "https://example.com/a"},
      {"https://example.com/a?utm_source=rss#top", "https://example.com/a"},
      {"https://example.com/search?q=cuba+russia&page=2", "https://example.com/search?q=cuba+russia&page=2"},
      // A parameter that merely contains "utm" is not a tracking parameter.
      {"https://example.com/a?autm_x=1", "https://example.com/a?autm_x=1"},
  };
  for (const auto& [input, expected] : cases) EXPECT_EQ(canonical_or_error(input), expected) << input;
}

TEST(CanonicalUrl, IsIdempotent) {
  for (std::string_view url : {"HTTP://Example.com:80/a/../b?utm_source=x&k=v#f",
                               "https://www.themoscowtimes.com/2026/04/10/x-a92469"}) {
    auto once = canonical_url(url);
    ASSERT_TRUE(once) << url;
    auto twice = canonical_url(*once);
    ASSERT_TRUE(twice) << *once;
    EXPECT_EQ(*twice, *once) << url;
  }
}

TEST(CanonicalUrl, RejectsUrlsThatAreNotAbsoluteHttp) {
  for (std::string_view url : {"ftp://example.com/file.txt", "file:///etc/passwd",
                               "/moscowtimes/2026/04/10/article", "article.html",
                               "example.com/news", "mailto:editor@example.com",
                               "javascript:alert(1)", "", "http://", "https:///path-only"}) {
    auto result = canonical_url(url);
    ASSERT_FALSE(result.has_value()) << url << " -> " << *result;
    EXPECT_EQ(result.error().code, Error::Code::bad_url) << url;
    EXPECT_FALSE(result.error().message.empty());
  }
}

TEST(CanonicalUrl, PercentEncodesRawTextFromFeedsAndPages) {
  EXPECT_EQ(canonical_or_error("https://www.cibercuba.com/noticias/díaz-canel"),
            "https://www.cibercuba.com/noticias/d%C3%ADaz-canel");
  EXPECT_EQ(canonical_or_error("https://example.com/a b"), "https://example.com/a%20b");
  auto resolved = resolve_url("https://x.example/a/", "noticias/díaz canel");
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(*resolved, "https://x.example/a/noticias/d%C3%ADaz%20canel");
}

TEST(ResolveUrl, ResolvesRelativeReferencesAgainstTheBase) {
  const std::string_view base = "https://example.com/news/2026/article?x=1#top";
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"other", "https://example.com/news/2026/other"},
      {"../img/a.jpg", "https://example.com/news/img/a.jpg"},
      {"/about", "https://example.com/about"},
      {"//cdn.example.org/x.js", "https://cdn.example.org/x.js"},
      {"  /padded  ", "https://example.com/padded"},
  };
  for (const auto& [reference, expected] : cases) {
    auto resolved = resolve_url(base, reference);
    ASSERT_TRUE(resolved) << reference << ": " << resolved.error().message;
    EXPECT_EQ(*resolved, expected) << reference;
  }
}

TEST(ResolveUrl, DropsTheBaseFragmentForAQueryOnlyReference) {
  const std::string_view base = "https://example.com/news/2026/article?x=1#top";
  auto query = resolve_url(base, "?page=2");
  ASSERT_TRUE(query);
  EXPECT_EQ(*query, "https://example.com/news/2026/article?page=2");
  auto empty = resolve_url(base, "");
  ASSERT_TRUE(empty);
  EXPECT_EQ(*empty, "https://example.com/news/2026/article?x=1");
}

TEST(ResolveUrl, ReturnsAbsoluteReferencesAsTheyAre) {
  auto resolved = resolve_url("https://example.com/a/b", "http://other.example.org/x?y=1");
  ASSERT_TRUE(resolved);
  EXPECT_EQ(*resolved, "http://other.example.org/x?y=1");
}

TEST(ResolveUrl, RejectsResultsThatAreNotHttp) {
  for (std::string_view reference :
       {"mailto:editor@example.com", "javascript:void(0)", "ftp://example.com/f"}) {
    auto resolved = resolve_url("https://example.com/a", reference);
    ASSERT_FALSE(resolved.has_value()) << reference;
    EXPECT_EQ(resolved.error().code, Error::Code::bad_url);
  }
}

TEST(ResolveUrl, RejectsABaseThatIsNotAbsolute) {
  auto resolved = resolve_url("/relative/base", "page");
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().code, Error::Code::bad_url);
}

TEST(DocumentId, IsFnv1a64OfTheBytesAsSixteenLowercaseHexDigits) {
  // Reference values of 64-bit FNV-1a (offset basis cbf29ce484222325, prime 100000001b3).
  EXPECT_EQ(document_id(""), "cbf29ce484222325");
  EXPECT_EQ(document_id("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(document_id("foobar"), "85944171f73967e8");
  EXPECT_EQ(document_id("https://example.com/"), "0c8b41cfdcb3c914");
  EXPECT_EQ(document_id("https://www.themoscowtimes.com/2026/04/10/"
                        "russia-eyes-management-of-cubas-industrial-production-a92469"),
            "2eff14d6a55cd053");
}

TEST(DocumentId, IsStableAndDistinguishesUrls) {
  const std::string url = "https://www.radiohc.cu/en/noticias/internacionales/339611";
  std::string id = document_id(url);
  ASSERT_EQ(id.size(), 16u);
  for (char c : id) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << id;
  EXPECT_EQ(document_id(url), id);
  EXPECT_NE(document_id(url + "/"), id);
}

TEST(UrlHost, ReturnsTheLowercasedHost) {
  EXPECT_EQ(url_host("https://WWW.TheMoscowTimes.com:8080/x?y#z"), "www.themoscowtimes.com");
  EXPECT_EQ(url_host("http://127.0.0.1:8931/radiohc/en/"), "127.0.0.1");
  EXPECT_EQ(url_host("/relative/path"), "");
  EXPECT_EQ(url_host("not a url"), "");
}

}  // namespace
TEST(UrlParts, GivesTheOriginAndThePathWithItsQueryButNoFragment) {
  EXPECT_EQ(normalize::url_origin("https://www.n.example:8443/a/b?x=1#top"), "https://www.n.example:8443");
  EXPECT_EQ(normalize::url_origin("http://n.example"), "http://n.example");
  EXPECT_EQ(normalize::url_path_and_query("https://n.example/a/b?x=1#top"), "/a/b?x=1");
  EXPECT_EQ(normalize::url_path_and_query("https://n.example"), "/");
}

TEST(UrlParts, TakesHostsThatDifferByWwwAsTheSameSite) {
  EXPECT_TRUE(normalize::same_site("https://www.n.example/a", "http://n.example/b"));
  EXPECT_FALSE(normalize::same_site("https://news.n.example/a", "https://n.example/a"));
  EXPECT_FALSE(normalize::same_site("not a url", "not a url"));
}

}  // namespace normalize
