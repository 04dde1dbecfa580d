// ingest/article_identity.cpp: an article's outlet id and language edition, from its URL.
#include "ingest/pipeline/article_identity.h"

#include <gtest/gtest.h>

namespace {

ingest::pipeline::Outlet outlet(const std::string& name, const std::string& pattern, const std::string& group = {}) {
  ingest::pipeline::Outlet o;
  o.name = name;
  o.article_id = pattern;
  if (!pattern.empty()) o.article_id_regex = std::regex{pattern};
  o.id_group = group.empty() ? name : group;
  return o;
}

struct Case {
  std::string url;
  std::optional<std::string> key;
  std::string edition;
};

TEST(ArticleIdentity, ReadsTheOutletsIdAndEditionFromRealUrlShapes) {
  auto rhc = outlet("Radio Habana Cuba", "/(\\d+)-[^/]*$");
  auto mt = outlet("The Moscow Times", "-a(\\d+)/?$");
  auto cibercuba = outlet("CiberCuba", "-nid(\\d+)-");
  const std::vector<std::pair<const ingest::pipeline::Outlet*, Case>> cases = {
      {&rhc, {"https://www.radiohc.cu/noticias/nacionales/339611-cuba-y-rusia", "Radio Habana Cuba:339611",
              "Radio Habana Cuba"}},
      {&rhc, {"https://www.radiohc.cu/en/noticias/nacionales/339611-cuba-and-russia", "Radio Habana Cuba:339611",
              "Radio Habana Cuba/en"}},
      {&rhc, {"https://www.radiohc.cu/pt-br/noticias/339611-cuba", "Radio Habana Cuba:339611", "Radio Habana Cuba/pt-br"}},
      {&mt, {"https://www.themoscowtimes.com/2026/04/10/russia-eyes-cuba-a92469", "The Moscow Times:92469",
             "The Moscow Times"}},
      {&cibercuba, {"https://www.cibercuba.com/noticias/2025-05-12-u1-e199-s27061-nid301234-diaz-canel", "CiberCuba:301234",
                    "CiberCuba"}},
      // No id in the URL: the URL alone identifies the article.
      {&mt, {"https://www.themoscowtimes.com/2026/04/10/live-blog", std::nullopt, "The Moscow Times"}},
  };
  for (const auto& [o, c] : cases) {
    auto identity = ingest::pipeline::identify_article(*o, c.url);
    EXPECT_EQ(identity.article_key, c.key) << c.url;
    EXPECT_EQ(identity.edition, c.edition) << c.url;
  }
}

TEST(ArticleIdentity, TakesOnlyLanguageLikeSegmentsNearTheStartAsEditions) {
  auto o = outlet("Site", "");
  EXPECT_EQ(ingest::pipeline::identify_article(o, "https://s.example/news/2026/story").edition, "Site");
  EXPECT_EQ(ingest::pipeline::identify_article(o, "https://s.example/a/b/en/story").edition, "Site");  // too deep
  EXPECT_EQ(ingest::pipeline::identify_article(o, "https://s.example/en").edition, "Site");  // the article itself
  EXPECT_EQ(ingest::pipeline::identify_article(o, "https://s.example/EN/story").edition, "Site");
  EXPECT_EQ(ingest::pipeline::identify_article(o, "https://s.example/section/fr/story").edition, "Site/fr");
}

TEST(ArticleIdentity, SharesIdsAcrossOutletsOfOneGroup) {
  auto english = outlet("The Moscow Times", "-a(\\d+)$", "moscowtimes");
  auto russian = outlet("The Moscow Times (Russian)", "-a(\\d+)$", "moscowtimes");
  auto a = ingest::pipeline::identify_article(english, "https://www.themoscowtimes.com/2026/04/10/story-a92469");
  auto b = ingest::pipeline::identify_article(russian, "https://www.moscowtimes.ru/2026/04/10/istoriya-a92469");
  EXPECT_EQ(a.article_key, b.article_key);
  EXPECT_NE(a.edition, b.edition);
}

}  // namespace
