// Tests for the metadata that normalize/html_extractor.cpp chooses for an article: title by
// agreement, authors from metadata or the visible byline, dates. Pages are small hand-written
// HTML shaped like real ones.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "normalize/html_extractor.h"

namespace normalize {
namespace {

const std::string kBody =
    "<div class=\"story\"><p>Havana and Moscow signed a rail agreement on Monday, officials "
    "said, after months of talks about the repair of the island's network.</p>"
    "<p>The deal covers locomotives, spare parts and the training of Cuban engineers.</p></div>";

Article extract(const std::string& head, const std::string& body_prefix = {},
                std::string url = "https://www.example-news.com/world/rail-deal") {
  ExtractOptions options;
  options.url = std::move(url);
  auto article = extract_article("<html><head>" + head + "</head><body>" + body_prefix + kBody +
                                     "</body></html>",
                                 options);
  if (!article) throw std::runtime_error(article.error().message);
  return *article;
}

TEST(ArticleMetadata, TitleIsWhatTheSourcesAgreeOnWithoutTheSiteName) {
  Article article = extract(
      "<title>Havana and Moscow sign a rail deal | World | Example News</title>"
      "<meta property=\"og:title\" content=\"Havana and Moscow sign a rail deal | Example News\">"
      "<meta property=\"og:site_name\" content=\"Example News\">",
      "<h1>Havana and Moscow sign a rail deal</h1>");
  EXPECT_EQ(article.title, "Havana and Moscow sign a rail deal");
}

TEST(ArticleMetadata, TitleLosesTheHostNameWhenThePageNamesItselfNowhereElse) {
  Article article = extract("<title>Havana and Moscow sign a rail deal - Example-News.com</title>");
  EXPECT_EQ(article.title, "Havana and Moscow sign a rail deal");
}

TEST(ArticleMetadata, AuthorsComeFromABylineWhoseNameSitsInTheNextElement) {
  Article article = extract(
      "", "<div class=\"author-wrap\"><span class=\"by\">By</span> <a href=\"/author/timo\" "
          "rel=\"author\">Timo Shihepo</a></div>");
  EXPECT_EQ(article.authors, std::vector<std::string>{"Timo Shihepo"});
}

TEST(ArticleMetadata, AuthorsPreferTheBylineToMetadataThatNamesOnlyTheSite) {
  Article article = extract("<meta name=\"author\" content=\"Example News (www.example-news.com)\">",
                            "<p class=\"byline\">Von Roman Goncharenko</p>");
  EXPECT_EQ(article.authors, std::vector<std::string>{"Roman Goncharenko"});
}

TEST(ArticleMetadata, AuthorsDropEmailAddressesAndTheBylineWord) {
  Article article = extract("<meta name=\"author\" content=\"d.kuckelkorn@example-news.com\">",
                            "<p class=\"author\">By Dieter Kuckelkorn and Anna Sleegers</p>");
  EXPECT_EQ(article.authors, (std::vector<std::string>{"Dieter Kuckelkorn", "Anna Sleegers"}));
}

TEST(ArticleMetadata, PublishedPrefersThePublicationTimeToTheModificationTime) {
  Article article = extract(
      "<meta property=\"article:modified_time\" content=\"2024-08-05T19:49:50Z\">"
      "<meta property=\"og:published_time\" content=\"2024-08-04T13:23:00Z\">");
  ASSERT_TRUE(article.published);
  EXPECT_EQ(format_iso8601(*article.published), "2024-08-04T13:23:00+00:00");
}

TEST(ArticleMetadata, PublishedReadsAGermanDateInTheArticleHeader) {
  Article article = extract("", "<div class=\"meta\"><span class=\"date\">28. April 2023</span></div>");
  ASSERT_TRUE(article.published);
  EXPECT_EQ(format_iso8601(*article.published), "2023-04-28T00:00:00+00:00");
}

}  // namespace
}  // namespace normalize
