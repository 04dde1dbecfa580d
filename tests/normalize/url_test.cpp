// Tests for normalize/url.cpp: canonical URLs, deduplication keys, resolution of references,
// document ids.
#include "normalize/url.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace normalize {
namespace {

std::string canonical_or_error(std::string_view url) {
  auto result = canonical_url(url);
  return result ? *result : "error: " + result.error().message;
}

// The {input, expected} rows of a table-driven test.
using Rows = std::vector<std::pair<std::string_view, std::string_view>>;

void expect_canonical(const Rows& rows) {
  for (const auto& [input, expected] : rows) EXPECT_EQ(canonical_or_error(input), expected) << input;
}

void expect_keys(const Rows& rows) {
  for (const auto& [input, expected] : rows) EXPECT_EQ(url_key(input), expected) << input;
}

TEST(CanonicalUrl, NormalizesTheWaysOneUrlIsWritten) {
  expect_canonical({
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
  });
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
  expect_canonical({
      {"https://example.com/a?utm_source=rss&id=7&utm_medium=feed&utm_campaign=x",
       "https://example.com/a?id=7"},
      {"https://example.com/a?b=2&fbclid=IwAR0&a=1&gclid=Cj0", "https://example.com/a?b=2&a=1"},
      {"https://example.com/a?yclid=1&mc_cid=2&mc_eid=3&UTM_Source=x", "https://example.com/a"},
      {"https://example.com/a?utm_source=rss#top", "https://example.com/a"},
      {"https://example.com/search?q=cuba+russia&page=2", "https://example.com/search?q=cuba+russia&page=2"},
      // A parameter that merely contains "utm" is not a tracking parameter.
      {"https://example.com/a?autm_x=1", "https://example.com/a?autm_x=1"},
  });
}

TEST(CanonicalUrl, RemovesTrackingParametersOfEveryKnownFamily) {
  expect_canonical({
      // Every utm_ and mc_ parameter, not only the common ones.
      {"https://n.example/a?id=7&utm_content=x&utm_term=y&utm_id=z", "https://n.example/a?id=7"},
      {"https://n.example/a?id=7&mc_cid=1&mc_eid=2&mc_tc=3", "https://n.example/a?id=7"},
      // Ad click ids.
      {"https://n.example/a?id=7&fbclid=IwAR0", "https://n.example/a?id=7"},
      {"https://n.example/a?id=7&gclid=Cj0&dclid=Cj1", "https://n.example/a?id=7"},
      {"https://n.example/a?id=7&gbraid=0AA&wbraid=Cj2", "https://n.example/a?id=7"},
      {"https://n.example/a?id=7&yclid=123&msclkid=abc", "https://n.example/a?id=7"},
      {"https://n.example/a?id=7&igshid=MzRl", "https://n.example/a?id=7"},
      // Analytics linkers and email marketing.
      {"https://n.example/a?id=7&_ga=2.1&_gl=1*abc", "https://n.example/a?id=7"},
      {"https://n.example/a?id=7&_hsenc=p2A&_hsmi=99&mkt_tok=eyJ", "https://n.example/a?id=7"},
      // Twitter.
      {"https://n.example/a?id=7&ref_src=twsrc%5Etfw&ref_url=x", "https://n.example/a?id=7"},
      {"https://n.example/a?id=7&__twitter_impression=true", "https://n.example/a?id=7"},
      // Publishers' campaign tags.
      {"https://n.example/a?id=7&cmpid=rss&ocid=msedgntp&smid=tw-share", "https://n.example/a?id=7"},
      {"https://n.example/a?id=7&xtor=RSS-1&at_medium=rss&at_campaign=x", "https://n.example/a?id=7"},
      {"https://n.example/a?id=7&s_cid=em&wt_mc=nl.1&spm=a2g0o.1", "https://n.example/a?id=7"},
      // Names compare without regard to case.
      {"https://n.example/a?id=7&FBCLID=1&Utm_Medium=rss&MC_CID=2&Spm=3", "https://n.example/a?id=7"},
  });
}

TEST(CanonicalUrl, RemovesRefFromAndSourceOnlyWhenTheyNameAFeedOrNewsletter) {
  expect_canonical({
      {"https://n.example/a?ref=rss", "https://n.example/a"},
      {"https://n.example/a?from=feed&id=7", "https://n.example/a?id=7"},
      {"https://n.example/a?source=atom", "https://n.example/a"},
      {"https://n.example/a?ref=rss2", "https://n.example/a"},
      {"https://n.example/a?source=newsletter", "https://n.example/a"},
      // Name and value compare without regard to case.
      {"https://n.example/a?REF=RSS&Source=NewsLetter", "https://n.example/a"},
      // Any other value may choose what the page shows: it stays.
      {"https://n.example/a?ref=abc", "https://n.example/a?ref=abc"},
      {"https://n.example/a?ref=rss&ref=abc", "https://n.example/a?ref=abc"},
      {"https://n.example/search?q=cuba&source=reuters", "https://n.example/search?q=cuba&source=reuters"},
      {"https://n.example/a?from=2026-04-10", "https://n.example/a?from=2026-04-10"},
      {"https://n.example/a?ref", "https://n.example/a?ref"},
  });
}

TEST(CanonicalUrl, KeepsParametersThatOnlyLookLikeTrackingOrAmp) {
  expect_canonical({
      {"https://n.example/a?page=2", "https://n.example/a?page=2"},
      {"https://n.example/a?amplitude=3", "https://n.example/a?amplitude=3"},
      {"https://n.example/a?amp=0", "https://n.example/a?amp=0"},
      {"https://n.example/a?output=print&outputType=json",
       "https://n.example/a?output=print&outputType=json"},
      {"https://n.example/a?utm=1&mc=2&_gax=3&spmx=4", "https://n.example/a?utm=1&mc=2&_gax=3&spmx=4"},
      {"https://n.example/a?referrer=x&sources=rss", "https://n.example/a?referrer=x&sources=rss"},
  });
}

TEST(CanonicalUrl, KeepsTheOrderOfTheParametersItKeeps) {
  expect_canonical({
      {"https://n.example/a?z=1&utm_source=x&b=2&ref=rss&a=3&amp=1", "https://n.example/a?z=1&b=2&a=3"},
      {"https://n.example/a?q=cuba+russia&spm=1&page=2", "https://n.example/a?q=cuba+russia&page=2"},
  });
}

TEST(CanonicalUrl, RemovesParametersThatAskForTheAmpPage) {
  expect_canonical({
      {"https://n.example/a?amp", "https://n.example/a"},
      {"https://n.example/a?amp=", "https://n.example/a"},
      {"https://n.example/a?id=7&amp=1", "https://n.example/a?id=7"},
      {"https://n.example/a?amp=true", "https://n.example/a"},
      {"https://n.example/a?AMP=TRUE", "https://n.example/a"},
      {"https://n.example/a?outputType=amp", "https://n.example/a"},
      {"https://n.example/a?output=AMP&id=7", "https://n.example/a?id=7"},
      {"https://n.example/a?amp_js_v=0.1&usqp=mq331AQFKAGwASA%3D", "https://n.example/a"},
  });
}

TEST(CanonicalUrl, RewritesAmpPathsToTheOrdinaryPage) {
  expect_canonical({
      // A last segment "amp" goes; the trailing slash stays as it was.
      {"https://n.example/a/b/amp", "https://n.example/a/b"},
      {"https://n.example/a/b/amp/", "https://n.example/a/b/"},
      {"https://n.example/a/b/amp/?id=7#top", "https://n.example/a/b/?id=7"},
      // A first segment "amp" before the page's own path goes.
      {"https://n.example/amp/a/b", "https://n.example/a/b"},
      {"https://n.example/amp/a/b/", "https://n.example/a/b/"},
      // Both at once, in one call.
      {"https://n.example/amp/a/amp", "https://n.example/a"},
      // An AMP file beside the ordinary one.
      {"https://n.example/news/x.amp.html", "https://n.example/news/x.html"},
      {"https://n.example/news/x.amp", "https://n.example/news/x"},
      // A path that is only the marker is the home page.
      {"https://n.example/amp", "https://n.example/"},
      {"https://n.example/amp/", "https://n.example/"},
      // With the AMP parameters too.
      {"http://WWW.N.example/news/amp/?amp=1&utm_source=rss", "http://www.n.example/news/"},
  });
}

TEST(CanonicalUrl, KeepsAmpThatIsAWordOfThePath) {
  expect_canonical({
      {"https://n.example/tags/amp/cables", "https://n.example/tags/amp/cables"},
      {"https://n.example/ampere/a", "https://n.example/ampere/a"},
      {"https://n.example/a/camp", "https://n.example/a/camp"},
      {"https://n.example/a/amp-stories", "https://n.example/a/amp-stories"},
      {"https://n.example/a/x.ampx", "https://n.example/a/x.ampx"},
      {"https://n.example/a/x.amp.htm", "https://n.example/a/x.amp.htm"},
      // Paths are case-sensitive: only the lowercase marker the publishing tools write goes.
      {"https://n.example/a/AMP", "https://n.example/a/AMP"},
      // A name that would be left empty or a dot segment stays.
      {"https://n.example/a/.amp", "https://n.example/a/.amp"},
      {"https://n.example/a/..amp", "https://n.example/a/..amp"},
  });
}

TEST(CanonicalUrl, IsIdempotent) {
  for (std::string_view url : {"HTTP://Example.com:80/a/../b?utm_source=x&k=v#f",
                               "https://www.themoscowtimes.com/2026/04/10/x-a92469",
                               "https://n.example/amp/amp/amp", "https://n.example/amp/a/x.amp.amp.html/",
                               "https://n.example/a/amp/..amp"}) {
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

// Found by fuzz/url_fuzz (fuzz/regressions/url_fuzz/port-running-into-path.txt): Boost.URL
// 1.81 reads "http://a.example:80x/y" as port 80 followed by the path "x/y", so dropping the
// default port gave http://a.examplex/y, another host; with an empty port the canonical form
// was not even its own canonical form.
TEST(CanonicalUrl, RejectsAPortThatRunsIntoThePath) {
  for (std::string_view url : {"http://a.example:80x/y", "https://a.example:443x", "https://a.example:x",
                               "https://user:p=RSS&utm_Medium=x"}) {
    auto result = canonical_url(url);
    ASSERT_FALSE(result.has_value()) << url << " -> " << *result;
    EXPECT_EQ(result.error().code, Error::Code::bad_url) << url;
    auto resolved = resolve_url("https://example.com/a", url);
    EXPECT_FALSE(resolved.has_value()) << url << " -> " << *resolved;
  }
  EXPECT_EQ(url_key("http://a.example:80x/y"), "http://a.example:80x/y");  // not a URL: itself
  EXPECT_EQ(canonical_or_error("https://a.example:/x"), "https://a.example/x");  // an empty port goes
}

// Found by fuzz/url_fuzz (fuzz/regressions/url_fuzz/empty-query-before-fragment.txt): Boost.URL
// 1.81 counts the parameters of an empty query followed by a fragment as two, and walking them
// to remove tracking parameters crashed (SEGV) on links such as "/article?#comments".
TEST(CanonicalUrl, TakesAnEmptyQueryBeforeAFragment) {
  expect_canonical({{"https://e.example/?#", "https://e.example/?"},
                    {"https://e.example/a?#comments", "https://e.example/a?"},
                    {"https://e.example/a?&#x", "https://e.example/a?&"},
                    {"https://e.example/a?utm_source=x#top", "https://e.example/a"}});
  EXPECT_EQ(url_key("https://www.e.example/a?#comments"), "https://e.example/a?");
}

TEST(CanonicalUrl, PercentEncodesRawTextFromFeedsAndPages) {
  EXPECT_EQ(canonical_or_error("https://www.cibercuba.com/noticias/díaz-canel"),
            "https://www.cibercuba.com/noticias/d%C3%ADaz-canel");
  EXPECT_EQ(canonical_or_error("https://example.com/a b"), "https://example.com/a%20b");
  auto resolved = resolve_url("https://x.example/a/", "noticias/díaz canel");
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(*resolved, "https://x.example/a/noticias/d%C3%ADaz%20canel");
}

TEST(UrlKey, FoldsTheSchemeToHttps) {
  expect_keys({
      {"http://n.example/a", "https://n.example/a"},
      {"https://n.example/a", "https://n.example/a"},
      {"http://n.example:8080/a", "https://n.example:8080/a"},
      // 443 is then the default port and goes.
      {"http://n.example:443/a", "https://n.example/a"},
  });
}

TEST(UrlKey, DropsAWwwMobileOrAmpLabelFromAHostOfThreeLabelsOrMore) {
  expect_keys({
      {"https://www.n.example/a", "https://n.example/a"},
      {"https://m.n.example/a", "https://n.example/a"},
      {"https://mobile.n.example/a", "https://n.example/a"},
      {"https://amp.n.example/a", "https://n.example/a"},
      {"https://www.news.n.example/a", "https://news.n.example/a"},
      // While three labels or more remain, so that a key is its own key.
      {"https://www.m.n.example/a", "https://n.example/a"},
      {"https://www.m.me/a", "https://m.me/a"},
      // With two labels the first is the site's own name.
      {"https://m.me/a", "https://m.me/a"},
      {"https://www.com/a", "https://www.com/a"},
      // Other labels, and labels that merely begin alike, stay.
      {"https://news.n.example/a", "https://news.n.example/a"},
      {"https://mx.n.example/a", "https://mx.n.example/a"},
      {"https://ampnews.n.example/a", "https://ampnews.n.example/a"},
      {"http://127.0.0.1:8931/a", "https://127.0.0.1:8931/a"},
  });
}

TEST(UrlKey, DropsTheTrailingSlashOfAPathOtherThanTheRoot) {
  expect_keys({
      {"https://n.example/a/b/", "https://n.example/a/b"},
      {"https://n.example/a/b/?x=1", "https://n.example/a/b?x=1"},
      {"https://n.example/a/b", "https://n.example/a/b"},
      {"https://n.example/", "https://n.example/"},
      {"https://n.example", "https://n.example/"},
  });
}

TEST(UrlKey, SortsQueryParametersByNameThenValue) {
  expect_keys({
      {"http://www.Example.org/a/b/?z=1&a=2", "https://example.org/a/b?a=2&z=1"},
      {"https://n.example/a?b=2&b=1&a", "https://n.example/a?a&b=1&b=2"},
      {"https://n.example/a?q=cuba+russia&page=2", "https://n.example/a?page=2&q=cuba+russia"},
      {"https://n.example/a?id=7", "https://n.example/a?id=7"},
  });
}

TEST(UrlKey, GivesOneKeyToTheWaysOnePageIsLinked) {
  for (std::string_view url : {"https://example.org/news/story", "http://example.org/news/story/",
                               "https://www.example.org/news/story#comments",
                               "https://m.example.org/news/story?utm_source=rss&ref=rss",
                               "https://amp.example.org/news/story/amp/",
                               "https://example.org/amp/news/story",
                               "https://mobile.example.org/news/story.amp?usqp=mq331AQ",
                               "HTTP://WWW.EXAMPLE.ORG:80/news/./story?amp=1"})
    EXPECT_EQ(url_key(url), "https://example.org/news/story") << url;
}

TEST(UrlKey, IsItsOwnKey) {
  for (std::string_view url :
       {"http://www.Example.org/a/b/?z=1&a=2", "https://m.me/", "http://www.m.n.example/amp/"}) {
    std::string key = url_key(url);
    EXPECT_EQ(url_key(key), key) << url;
  }
}

// Found by fuzz/url_fuzz (fuzz/regressions/url_fuzz/path-starting-with-two-slashes.txt):
// Boost.URL 1.81 writes a path set to "//news" as "/.//news", so the key of a key changed.
TEST(UrlKey, KeepsAPathThatStartsWithTwoSlashes) {
  EXPECT_EQ(url_key("https://a.example//news/"), "https://a.example//news");
  EXPECT_EQ(url_key("https://a.example//news/"), url_key("https://a.example//news"));
  EXPECT_EQ(url_key("https://www.a.example//news/?b=2&a=1"), "https://a.example//news?a=1&b=2");
  EXPECT_EQ(canonical_or_error("https://n.example//a/amp"), "https://n.example//a");
  EXPECT_EQ(canonical_or_error("https://n.example//a/amp?x=1"), "https://n.example//a?x=1");
  for (std::string_view url : {"https://a.example//news/", "https://n.example//a/amp/?amp=1"}) {
    std::string key = url_key(url);
    EXPECT_EQ(url_key(key), key) << url;
  }
}

// Found by fuzz/url_fuzz (fuzz/regressions/url_fuzz/path-ending-in-two-slashes.txt): only one
// trailing slash went, so the key of a path ending in "//" still ended in "/" and its own key
// differed.
TEST(UrlKey, DropsEveryTrailingSlash) {
  expect_keys({{"https://a.example/news//", "https://a.example/news"},
               {"https://a.example/news///?b=1", "https://a.example/news?b=1"},
               {"https://a.example//", "https://a.example/"}});
  std::string key = url_key("https://a.example/item%00HTTPS://");
  EXPECT_EQ(key, "https://a.example/item%00HTTPS:");
  EXPECT_EQ(url_key(key), key);
}

// Found by fuzz/url_fuzz (fuzz/regressions/url_fuzz/amp-before-two-slashes.txt): "/x/amp//" is
// no AMP path to canonical_url, but without its slashes it is one.
TEST(UrlKey, DropsAnAmpMarkerThatDroppingSlashesUncovers) {
  expect_keys({{"https://a.example/x/amp//", "https://a.example/x"},
               {"https://a.example/amp//", "https://a.example/"},
               {"https://a.example/x/story.amp//?b=1", "https://a.example/x/story?b=1"}});
  for (std::string_view url : {"https://a.example/x/amp//", "https://a.example/amp/amp//"}) {
    std::string key = url_key(url);
    EXPECT_EQ(url_key(key), key) << url;
  }
}

TEST(UrlKey, ReturnsTextThatIsNotAnHttpUrlUnchanged) {
  for (std::string_view text :
       {"ftp://example.com/f/", "/relative/path/", "not a url", "", "mailto:a@b.example"})
    EXPECT_EQ(url_key(text), text);
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

// Found by fuzz/url_fuzz (fuzz/regressions/url_fuzz/dot-segments-above-root.txt): Boost.URL
// 1.81 kept ".." segments that climb above the root, where RFC 3986 5.2.4 removes them.
TEST(ResolveUrl, DropsDotSegmentsThatClimbAboveTheRoot) {
  for (auto [base, reference, expected] :
       std::vector<std::tuple<std::string_view, std::string_view, std::string_view>>{
           {"http://b.example/a/", "../../x", "http://b.example/x"},
           {"http://b.example/a/b", "../../../x/?q=1", "http://b.example/x/?q=1"},
           {"http://b.example/", "/../..", "http://b.example/"},
           {"http://b.example/a", "http://b.example/../../x", "http://b.example/x"}}) {
    auto resolved = resolve_url(base, reference);
    ASSERT_TRUE(resolved) << reference;
    EXPECT_EQ(*resolved, expected) << base << " + " << reference;
  }
}

TEST(CanonicalUrl, DropsDotSegmentsThatClimbAboveTheRoot) {
  expect_canonical({{"http://b.example/../../?k=v", "http://b.example/?k=v"},
                    {"http://b.example/a/../../x", "http://b.example/x"},
                    {"http://b.example/..", "http://b.example/"},
                    {"http://b.example/..//x", "http://b.example//x"}});
  std::string key = url_key("http://b.example/../../?k=v");
  EXPECT_EQ(key, "https://b.example/?k=v");
  EXPECT_EQ(url_key(key), key);
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
