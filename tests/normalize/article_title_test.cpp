// Tests for normalize/article_title.cpp: choosing the title by agreement between sources.
#include "normalize/article_title.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace normalize {
namespace {

TEST(ChooseTitle, PrefersTheTitleMostSourcesAgreeOn) {
  TitleSources sources;
  sources.headline = "Dax falls as US yields rise";
  sources.og_title = "Dax falls as US yields rise | Market Daily";
  sources.h1 = "Dax falls as US yields rise";
  sources.document_title = "Dax falls as US yields rise | Markets | Market Daily";
  sources.site_names = {"Market Daily"};
  EXPECT_EQ(choose_title(sources), "Dax falls as US yields rise");
}

TEST(ChooseTitle, TakesTheOpenGraphTitleWhenTheHeadlineAndH1Differ) {
  TitleSources sources;
  sources.headline = "Kicker: the long headline";
  sources.og_title = "The social title";
  sources.h1 = "The social title";
  EXPECT_EQ(choose_title(sources), "The social title");
}

TEST(ChooseTitle, CountsStraightAndTypographicQuotesAsOneTitleShownAsThePageShowsIt) {
  TitleSources sources;
  sources.headline = "Mayor calls sale \"a betrayal\"";
  sources.og_title = "Mayor calls depot sale a scandal";
  sources.h1 = "Mayor calls sale “a betrayal”";
  sources.document_title = "Mayor calls sale « a betrayal »";
  EXPECT_EQ(choose_title(sources), "Mayor calls sale “a betrayal”");
}

TEST(ChooseTitle, DecodesEntitiesLeftInMetadata) {
  TitleSources sources;
  sources.og_title = "Coach: &quot;Nothing left to lose&quot;";
  EXPECT_EQ(choose_title(sources), "Coach: \"Nothing left to lose\"");
}

TEST(ChooseTitle, IgnoresADateAndSectionAfterTheTitle) {
  TitleSources sources;
  sources.og_title = "Counter-offensive: aims and risks | DW | 28.04.2023";
  sources.twitter_title = "Counter-offensive: aims and risks ";
  sources.h1 = "Counter-offensive: aims and risks";
  sources.document_title = "Counter-offensive: aims and risks | Europe | DW | 28.04.2023";
  sources.site_names = {"DW.COM", "dw.com", "dw"};
  EXPECT_EQ(choose_title(sources), "Counter-offensive: aims and risks");
}

TEST(ChooseTitle, CutsASiteNameWrittenWithoutSpaces) {
  TitleSources sources;
  sources.og_title = "장동혁, 한동훈 제명했지만 부담 커졌다ㅣ한국일보";
  sources.site_names = {"한국일보"};
  EXPECT_EQ(choose_title(sources), "장동혁, 한동훈 제명했지만 부담 커졌다");
}

TEST(ChooseTitle, ReturnsEmptyWhenThePageHasNoTitle) {
  EXPECT_EQ(choose_title(TitleSources{}), "");
}

TEST(StripSiteName, RemovesTheSiteNameAtEitherEnd) {
  struct Case {
    std::string title;
    std::vector<std::string> sites;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"Wero passes its test | Börsen-Zeitung", {"Börsen-Zeitung"}, "Wero passes its test"},
      {"Green hydrogen pipeline flagged - The Namibian", {"The Namibian"}, "Green hydrogen pipeline flagged"},
      {"Title - WELT", {"welt.de", "welt"}, "Title"},
      {"Title | Sport | BILD.de", {"bild.de", "bild"}, "Title | Sport"},
      {"Landesspiegel - A long title about Liechtenstein", {"Landesspiegel"}, "A long title about Liechtenstein"},
      {"Biden - Trump debate draws record audience", {"Example News"}, "Biden - Trump debate draws record audience"},
      // Without a known site name, a short tail is taken for one.
      {"A long title here | Some Site", {}, "A long title here"},
  };
  for (const auto& c : cases) EXPECT_EQ(strip_site_name(c.title, c.sites), c.expected) << c.title;
}

TEST(SiteNamesWithHost, AddsTheHostAndItsMainLabel) {
  EXPECT_EQ(site_names_with_host({"BILD"}, "https://www.bild.de/sport/a.html"),
            (std::vector<std::string>{"BILD", "bild.de", "bild"}));
  EXPECT_EQ(site_names_with_host({}, ""), std::vector<std::string>{});
}

}  // namespace
}  // namespace normalize
