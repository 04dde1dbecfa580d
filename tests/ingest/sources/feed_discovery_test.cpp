// ingest/feed_discovery.cpp: the feeds a page advertises in its <link rel="alternate">.
#include "ingest/sources/feed_discovery.h"

#include <gtest/gtest.h>

namespace {

using ingest::sources::advertised_feeds;

TEST(AdvertisedFeeds, ListsRssAtomAndJsonFeedsResolvedAgainstThePage) {
  auto feeds = advertised_feeds(
      "<html><head><title>T</title>"
      "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"News\" href=\"/rss/news\">"
      "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"https://n.example/feed/atom/\">"
      "<link rel=\"alternate\" type=\"application/feed+json\" title=\" JSON \n feed \" href=\"feed.json\">"
      "<link rel=\"stylesheet\" type=\"text/css\" href=\"/app.css\">"
      "<link rel=\"alternate\" hreflang=\"es\" href=\"/es/\">"
      "</head><body><p>x</p></body></html>",
      "https://n.example/section/page.html");
  ASSERT_TRUE(feeds) << feeds.error();
  ASSERT_EQ(feeds->size(), 3u);
  EXPECT_EQ((*feeds)[0].url, "https://n.example/rss/news");
  EXPECT_EQ((*feeds)[0].type, "rss");
  EXPECT_EQ((*feeds)[0].title, "News");
  EXPECT_EQ((*feeds)[1].type, "atom");
  EXPECT_EQ((*feeds)[2].url, "https://n.example/section/feed.json");
  EXPECT_EQ((*feeds)[2].type, "json");
  EXPECT_EQ((*feeds)[2].title, "JSON feed");
}

TEST(AdvertisedFeeds, ReadsRelAsAListOfTokensAndTypesWithParameters) {
  auto feeds = advertised_feeds(
      "<html><head><link rel=\"Alternate home\" type=\"Application/RSS+XML; charset=utf-8\" href=\"/r\">"
      "</head><body>x</body></html>",
      "https://n.example/");
  ASSERT_TRUE(feeds);
  ASSERT_EQ(feeds->size(), 1u);
  EXPECT_EQ((*feeds)[0].url, "https://n.example/r");
}

TEST(AdvertisedFeeds, UsesTheBaseElementAndListsAUrlOnce) {
  auto feeds = advertised_feeds(
      "<html><head><base href=\"https://cdn.example/en/\">"
      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"rss.xml\">"
      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://cdn.example/en/rss.xml\">"
      "</head><body>x</body></html>",
      "https://n.example/");
  ASSERT_TRUE(feeds);
  ASSERT_EQ(feeds->size(), 1u);
  EXPECT_EQ((*feeds)[0].url, "https://cdn.example/en/rss.xml");
}

TEST(AdvertisedFeeds, SkipsALinkThatIsNotHttp) {
  auto feeds = advertised_feeds(
      "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"javascript:alert(1)\">"
      "</head><body>x</body></html>",
      "https://n.example/");
  ASSERT_TRUE(feeds);
  EXPECT_TRUE(feeds->empty());
}

TEST(AdvertisedFeeds, RefusesBytesThatAreNotHtml) {
  auto feeds = advertised_feeds(std::string_view{"%PDF-1.4\n\0\0", 11}, "https://n.example/");
  ASSERT_FALSE(feeds);
  EXPECT_NE(feeds.error().find("not HTML"), std::string::npos) << feeds.error();
}

}  // namespace
