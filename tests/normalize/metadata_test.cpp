// Tests for normalize/metadata.cpp: what a page says about itself, and in which order of trust.
#include "normalize/metadata.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "normalize/html_document.h"

namespace normalize {
namespace {

PageMetadata metadata_of(const std::string& html) {
  auto doc = parse_html(html, "https://example.com/");
  if (!doc) throw std::runtime_error(doc.error().message);
  return read_metadata(doc->get());
}

TEST(ReadMetadata, PrefersJsonLdThenOpenGraphThenPlainTags) {
  PageMetadata meta = metadata_of(
      "<html lang=\"es-CU\"><head><title>Doc title | Site</title>"
      "<meta property=\"og:title\" content=\"OG title\">"
      "<meta property=\"og:site_name\" content=\"OG Site\">"
      "<meta property=\"og:url\" content=\"https://example.com/og\">"
      "<meta property=\"article:published_time\" content=\"2026-01-01T00:00:00Z\">"
      "<meta name=\"author\" content=\"Meta Author\">"
      "<link rel=\"canonical\" href=\"https://example.com/canonical\">"
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
      "{\"@type\":\"WebSite\",\"name\":\"ignored\"},"
      "{\"@type\":\"NewsArticle\",\"headline\":\"LD title\",\"datePublished\":"
      "\"2026-04-10T13:47:00+03:00\",\"author\":{\"@type\":\"Person\",\"name\":\"LD Author\"},"
      "\"url\":\"https://example.com/ld\",\"inLanguage\":\"en\",\"publisher\":{\"name\":\"LD Site\"}}]}"
      "</script></head><body></body></html>");
  EXPECT_EQ(meta.title, "LD title");
  EXPECT_EQ(meta.document_title, "Doc title | Site");
  EXPECT_EQ(meta.site_name, "OG Site");
  EXPECT_EQ(meta.authors, std::vector<std::string>{"LD Author"});
  ASSERT_TRUE(meta.published);
  EXPECT_EQ(format_iso8601(*meta.published), "2026-04-10T13:47:00+03:00");
  EXPECT_EQ(meta.canonical_url, "https://example.com/canonical");
  EXPECT_EQ(meta.language, "es-CU");
}

TEST(ReadMetadata, FallsBackWhenJsonLdIsMalformedOrMissing) {
  PageMetadata meta = metadata_of(
      "<html><head><title>Doc title</title>"
      "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": </script>"
      "<meta property=\"og:title\" content=\"OG title\">"
      "<meta property=\"og:url\" content=\"https://example.com/og\">"
      "<meta property=\"article:published_time\" content=\"2025-09-21T14:18:00-04:00\">"
      "<meta name=\"author\" content=\"Richard Morales\">"
      "<meta name=\"author\" content=\"Second Author\">"
      "</head><body></body></html>");
  EXPECT_EQ(meta.title, "OG title");
  EXPECT_EQ(meta.authors, (std::vector<std::string>{"Richard Morales", "Second Author"}));
  ASSERT_TRUE(meta.published);
  EXPECT_EQ(format_iso8601(*meta.published), "2025-09-21T14:18:00-04:00");
  EXPECT_EQ(meta.canonical_url, "https://example.com/og");
  EXPECT_EQ(meta.language, "");
}

TEST(ReadMetadata, IgnoresAuthorUrlsAndReadsAuthorArrays) {
  PageMetadata meta = metadata_of(
      "<html><head><meta property=\"article:author\" content=\"https://facebook.com/someone\">"
      "<script type=\"application/ld+json\">[{\"@type\":\"Article\",\"author\":["
      "{\"name\":\"Ana Pérez\"},\"John Smith\",{\"@id\":\"https://example.com/#me\"}]}]</script>"
      "</head><body></body></html>");
  EXPECT_EQ(meta.authors, (std::vector<std::string>{"Ana Pérez", "John Smith"}));
}

TEST(ReadMetadata, ResolvesAuthorsThatPointToAPersonElsewhereInTheGraph) {
  PageMetadata meta = metadata_of(
      "<html><head><script type=\"application/ld+json\">{\"@graph\":["
      "{\"@type\":\"NewsArticle\",\"author\":{\"@id\":\"https://example.com/#/person/1\"},"
      "\"datePublished\":\"2023-11-16T08:00:00+02:00\"},"
      "{\"@type\":\"Person\",\"@id\":\"https://example.com/#/person/1\",\"name\":\"Timo Shihepo\"}]}"
      "</script></head><body></body></html>");
  EXPECT_EQ(meta.authors, std::vector<std::string>{"Timo Shihepo"});
}

TEST(ReadMetadata, BuildsNamesFromGivenAndFamilyNamesAndPrefersPeopleToOrganisations) {
  PageMetadata meta = metadata_of(
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":["
      "{\"@type\":\"Organization\",\"name\":\"Example News\"},"
      "{\"@type\":\"Person\",\"givenName\":\"Anna Giulia\",\"familyName\":\"Fink\"}]}"
      "</script></head><body></body></html>");
  EXPECT_EQ(meta.authors, std::vector<std::string>{"Anna Giulia Fink"});
}

TEST(ReadMetadata, ReadsTheLiveBlogRatherThanItsFirstUpdate) {
  PageMetadata meta = metadata_of(
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"LiveBlogPosting\","
      "\"headline\":\"Live: riots\",\"datePublished\":\"2024-08-04T13:23:00Z\","
      "\"liveBlogUpdate\":[{\"@type\":\"BlogPosting\",\"headline\":\"Update\","
      "\"datePublished\":\"2024-08-05T19:00:00Z\"}]}</script></head><body></body></html>");
  EXPECT_EQ(meta.headline, "Live: riots");
  ASSERT_TRUE(meta.published);
  EXPECT_EQ(format_iso8601(*meta.published), "2024-08-04T13:23:00+00:00");
}

TEST(ReadMetadata, ReadsTheLesserKnownDateAndAuthorTags) {
  PageMetadata meta = metadata_of(
      "<html><head><meta property=\"article:published:time\" content=\"2024-10-23T15:48:15+00:00\">"
      "<meta name=\"dc.creator\" content=\"Tollefson, Jeff\">"
      "<meta name=\"dc.creator\" content=\"Basu, Mohana\">"
      "<meta name=\"application-name\" content=\"Example\">"
      "<meta name=\"twitter:title\" content=\"Tweet title\">"
      "</head><body></body></html>");
  ASSERT_TRUE(meta.published);
  EXPECT_EQ(format_iso8601(*meta.published), "2024-10-23T15:48:15+00:00");
  EXPECT_EQ(meta.authors, (std::vector<std::string>{"Jeff Tollefson", "Mohana Basu"}));
  EXPECT_EQ(meta.site_names, std::vector<std::string>{"Example"});
  EXPECT_EQ(meta.twitter_title, "Tweet title");
}

TEST(ReadMetadata, ReadsMicrodataDatePublished) {
  PageMetadata meta = metadata_of(
      "<html><body><article><meta itemprop=\"datePublished\" content=\"2023-04-28T13:53:25\">"
      "</article></body></html>");
  ASSERT_TRUE(meta.published);
  EXPECT_EQ(format_iso8601(*meta.published), "2023-04-28T13:53:25+00:00");
}

TEST(ReadMetadata, ReturnsEmptyFieldsForAPageThatSaysNothing) {
  PageMetadata meta = metadata_of("<html><body><p>Text</p></body></html>");
  EXPECT_EQ(meta.title, "");
  EXPECT_EQ(meta.document_title, "");
  EXPECT_TRUE(meta.authors.empty());
  EXPECT_FALSE(meta.published);
  EXPECT_EQ(meta.canonical_url, "");
}

}  // namespace
}  // namespace normalize
