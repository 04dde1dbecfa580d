// ingest/fetch/robots.cpp: robots.txt text in, the rules for one crawler out, and path matching
// against them (RFC 9309).
#include "ingest/fetch/robots.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using ingest::fetch::parse_robots;
using ingest::fetch::robots_agent_token;
using ingest::fetch::robots_sitemaps;
using ingest::fetch::RobotsRules;
using std::chrono::milliseconds;

struct PathCase {
  std::string_view path;
  bool allowed;
};

void expect_paths(const RobotsRules& rules, const std::vector<PathCase>& cases) {
  for (const auto& c : cases) {
    EXPECT_EQ(rules.allows(c.path), c.allowed) << c.path;
  }
}

// RFC 9309 section 5.1, verbatim apart from the EOF marker.
constexpr std::string_view kRfcExample =
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n";

TEST(Robots, TheRfcExampleFileGivesEachAgentItsOwnGroup) {
  struct Case {
    std::string_view agent;
    std::string_view path;
    bool allowed;
  };
  const std::vector<Case> cases = {
      {"foobot", "/", false},
      {"foobot", "/other", false},
      {"foobot", "/example/page.html", true},
      {"foobot", "/example/allowed.gif", true},
      {"foobot", "/example/other.gif", false},
      {"barbot", "/example/page.html", false},
      {"barbot", "/example/other.html", true},
      {"barbot", "/image.gif", true},
      {"bazbot", "/example/page.html", false},
      {"quxbot", "/example/page.html", true},
      {"quxbot", "/image.gif", true},
      {"ingest", "/image.gif", false},
      {"ingest", "/image.gif?x=1", true},
      {"ingest", "/example/", false},
      {"ingest", "/example/page.html", false},
      {"ingest", "/publications/", true},
      {"ingest", "/publications/cover.gif", true},  // "/publications/" is longer than "*.gif$"
      {"ingest", "/", true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(parse_robots(kRfcExample, c.agent).allows(c.path), c.allowed) << c.agent << " " << c.path;
  }
}

TEST(Robots, TheLongestMatchingRuleWins) {
  // RFC 9309 section 5.2.
  const auto rules = parse_robots(
      "User-Agent: foobot\n"
      "Allow: /example/page/\n"
      "Disallow: /example/page/disallowed.gif\n",
      "foobot");
  expect_paths(rules, {{"/example/page/", true},
                       {"/example/page/allowed.gif", true},
                       {"/example/page/disallowed.gif", false},
                       {"/example/page/disallowed.gif?v=2", false}});
}

TEST(Robots, AllowWinsATieBetweenEquallyLongRules) {
  const auto in_order = parse_robots("User-agent: *\nDisallow: /page\nAllow: /page\n", "ingest");
  const auto reversed = parse_robots("User-agent: *\nAllow: /page\nDisallow: /page\n", "ingest");
  const auto wildcards = parse_robots("User-agent: *\nDisallow: /*.html\nAllow: /a/*.ht\n", "ingest");
  EXPECT_TRUE(in_order.allows("/page"));
  EXPECT_TRUE(reversed.allows("/page/x"));
  EXPECT_TRUE(wildcards.allows("/a/b.html"));
  EXPECT_FALSE(wildcards.allows("/b/b.html"));
}

TEST(Robots, WildcardsAndTheEndAnchorMatchAsTheRfcDescribes) {
  struct Case {
    std::string_view pattern;
    std::string_view path;
    bool matches;
  };
  const std::vector<Case> cases = {
      {"/fish", "/fish", true},
      {"/fish", "/fish.html", true},
      {"/fish", "/fish/salmon.html", true},
      {"/fish", "/Fish.asp", false},
      {"/fish", "/catfish", false},
      {"/fish*", "/fishheads/yummy.html", true},
      {"/fish/", "/fish", false},
      {"/*.php", "/index.php", true},
      {"/*.php", "/folder/filename.php?parameters", true},
      {"/*.php", "/windows.PHP", false},
      {"/*.php$", "/filename.php", true},
      {"/*.php$", "/filename.php?parameters", false},
      {"/*.php$", "/filename.php5", false},
      {"/fish*.php", "/fishheads/catfish.php?parameters", true},
      {"/fish*.php", "/Fish.PHP", false},
      {"/this/path/exactly$", "/this/path/exactly", true},
      {"/this/path/exactly$", "/this/path/exactly/", false},
      {"/this/*/exactly", "/this/path/to/exactly", true},
      {"*/end$", "/a/b/end", true},
      {"/a$b", "/a$b", true},  // '$' only anchors at the very end
      {"/a*$", "/a/anything", true},
      {"/**/x", "/y/x", true},
      {"/$", "/", true},
      {"/$", "/x", false},
  };
  for (const auto& c : cases) {
    const RobotsRules rules{{{false, std::string{c.pattern}}}, std::nullopt};
    EXPECT_EQ(!rules.allows(c.path), c.matches) << c.pattern << " vs " << c.path;
  }
}

TEST(Robots, ASpecificGroupBeatsTheStarGroup) {
  const auto rules =
      parse_robots("User-agent: *\nDisallow: /\n\nUser-agent: ingest\nDisallow: /private/\n", "ingest");
  expect_paths(rules, {{"/news/", true}, {"/private/x", false}});
}

TEST(Robots, AnEmptySpecificGroupAllowsEverythingEvenWhenTheStarGroupDoesNot) {
  const auto rules = parse_robots("User-agent: *\nDisallow: /\n\nUser-agent: ingest\n", "ingest");
  EXPECT_TRUE(rules.allows("/anything"));
}

TEST(Robots, AgentNamesMatchCaseInsensitivelyOnTheProductTokenOnly) {
  struct Case {
    std::string_view user_agent_line;
    bool applies;
  };
  const std::vector<Case> cases = {
      {"ingest", true},          {"INGEST", true},     {"Ingest/2.0", true},  {"  ingest  ", true},
      {"ingest # us", true},     {"ingestbot", false}, {"ingest-bot", false}, {"in", false},
      {"Mozilla ingest", false}, {"otherbot", false},
  };
  for (const auto& c : cases) {
    const std::string text = "User-agent: " + std::string{c.user_agent_line} + "\nDisallow: /\n";
    EXPECT_EQ(!parse_robots(text, "ingest").allows("/x"), c.applies) << c.user_agent_line;
  }
}

TEST(Robots, SeveralGroupsForTheSameAgentAreMerged) {
  const auto rules = parse_robots(
      "User-agent: ingest\nDisallow: /a/\n\n"
      "User-agent: other\nDisallow: /b/\n\n"
      "user-agent: Ingest\nDisallow: /c/\nAllow: /c/open\n",
      "ingest");
  expect_paths(rules, {{"/a/1", false}, {"/b/1", true}, {"/c/1", false}, {"/c/open", true}});
  EXPECT_EQ(rules.rules.size(), 3U);
}

TEST(Robots, StarGroupsAreMergedToo) {
  const auto rules = parse_robots(
      "User-agent: *\nDisallow: /a\nUser-agent: x\nDisallow: /x\nUser-agent: *\nDisallow: /b\n", "ingest");
  expect_paths(rules, {{"/a", false}, {"/b", false}, {"/x", true}});
}

TEST(Robots, ConsecutiveUserAgentLinesShareOneGroup) {
  const auto text =
      "User-agent: a\n"
      "User-agent: ingest\n"
      "# a comment does not split the run\n"
      "Unknown-field: whatever\n"
      "User-agent: b\n"
      "Disallow: /shared\n"
      "User-agent: c\n"
      "Disallow: /c-only\n";
  for (const auto* agent : {"a", "ingest", "b"}) {
    const auto rules = parse_robots(text, agent);
    EXPECT_FALSE(rules.allows("/shared")) << agent;
    EXPECT_TRUE(rules.allows("/c-only")) << agent;
  }
  EXPECT_TRUE(parse_robots(text, "c").allows("/shared"));
}

TEST(Robots, AnEmptyDisallowStillEndsTheUserAgentRun) {
  const auto text = "User-agent: a\nDisallow:\nUser-agent: ingest\nDisallow: /\n";
  EXPECT_TRUE(parse_robots(text, "a").allows("/x"));
  EXPECT_FALSE(parse_robots(text, "ingest").allows("/x"));
}

TEST(Robots, RulesBeforeAnyUserAgentLineAreIgnored) {
  const auto rules = parse_robots("Disallow: /\nCrawl-delay: 9\nUser-agent: *\nDisallow: /tmp\n", "ingest");
  expect_paths(rules, {{"/", true}, {"/tmp/x", false}});
  EXPECT_FALSE(rules.crawl_delay);
}

TEST(Robots, NoGroupForTheAgentAndNoStarGroupAllowsEverything) {
  const auto rules = parse_robots("User-agent: otherbot\nDisallow: /\n", "ingest");
  EXPECT_TRUE(rules.allows("/"));
  EXPECT_TRUE(rules.rules.empty());
}

TEST(Robots, TheAgentTokenIsTheLeadingProductName) {
  struct Case {
    std::string_view user_agent;
    std::string_view token;
  };
  const std::vector<Case> cases = {
      {"ingest/0.1 (+https://example.org/bot)", "ingest"},
      {"ingest", "ingest"},
      {"  My_Crawler-X/2", "My_Crawler-X"},
      {"Googlebot/2.1; +http://www.google.com/bot.html", "Googlebot"},
      {"bot2/1", "bot"},
      {"/1.0", ""},
      {"", ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(robots_agent_token(c.user_agent), c.token) << c.user_agent;
  }
}

TEST(Robots, AFullUserAgentValueSelectsTheGroupOfItsToken) {
  const auto rules =
      parse_robots("User-agent: ingest\nDisallow: /mine\n", "ingest/0.1 (+https://example.org/bot)");
  EXPECT_FALSE(rules.allows("/mine"));
}

TEST(Robots, CrawlDelayIsReadAsSecondsAndInvalidValuesAreIgnored) {
  struct Case {
    std::string_view value;
    std::optional<milliseconds> delay;
  };
  const std::vector<Case> cases = {
      {"10", milliseconds{10000}},
      {"0", milliseconds{0}},
      {"0.5", milliseconds{500}},
      {".25", milliseconds{250}},
      {"2.", milliseconds{2000}},
      {"1.23456", milliseconds{1234}},
      {"  3  ", milliseconds{3000}},
      {"99999999999999999999", ingest::fetch::kRobotsMaxCrawlDelay},
      {"", std::nullopt},
      {".", std::nullopt},
      {"-1", std::nullopt},
      {"+1", std::nullopt},
      {"1e3", std::nullopt},
      {"5s", std::nullopt},
      {"1,5", std::nullopt},
      {"soon", std::nullopt},
  };
  for (const auto& c : cases) {
    const std::string text = "User-agent: *\nCrawl-delay: " + std::string{c.value} + "\n";
    EXPECT_EQ(parse_robots(text, "ingest").crawl_delay, c.delay) << '"' << c.value << '"';
  }
}

TEST(Robots, CrawlDelayComesFromTheChosenGroupAndTheLargestMergedValueWins) {
  const auto text =
      "User-agent: *\nCrawl-delay: 30\n"
      "User-agent: ingest\nCrawl-delay: 2\nCrawl-delay: bogus\n"
      "User-agent: ingest\nCRAWL-DELAY: 5\n";
  EXPECT_EQ(parse_robots(text, "ingest").crawl_delay, milliseconds{5000});
  EXPECT_EQ(parse_robots(text, "other").crawl_delay, milliseconds{30000});
}

TEST(Robots, SitemapsAreCollectedFromAnywhereInOrderWithoutDuplicates) {
  const auto text =
      "Sitemap: https://news.example/sitemap.xml\n"
      "User-agent: otherbot\n"
      "Disallow: /\n"
      "sitemap:https://news.example/news-sitemap.xml   # the news one\n"
      "SITEMAP : https://news.example/sitemap.xml\n"
      "Sitemap:\n"
      "User-agent: *\n"
      "Site-map: https://news.example/not-a-key.xml\n"
      "Sitemap: https://cdn.example/s.xml\n";
  const std::vector<std::string> expected = {"https://news.example/sitemap.xml",
                                             "https://news.example/news-sitemap.xml",
                                             "https://cdn.example/s.xml"};
  EXPECT_EQ(robots_sitemaps(text), expected);
}

TEST(Robots, SitemapLinesDoNotSplitAGroup) {
  const auto rules =
      parse_robots("User-agent: a\nSitemap: https://x/s.xml\nUser-agent: ingest\nDisallow: /\n", "a");
  EXPECT_FALSE(rules.allows("/x"));
}

TEST(Robots, CommentsByteOrderMarkAndAnyLineEndingsAreTolerated) {
  const std::vector<std::string_view> texts = {
      "\xEF\xBB\xBFUser-agent: ingest\r\nDisallow: /private # not for bots\r\n# Disallow: /\r\n",
      "User-agent: ingest\rDisallow: /private\r",
      "   USER-AGENT   :   ingest   \n\tdisallow\t:\t/private\t\n",
      "# header comment\n\nUser-agent: ingest # us\n\n\nDisallow: /private",
      "\xEF\xBB\xBF# only\nuser-agent:ingest\ndisallow:/private",
  };
  for (const auto& text : texts) {
    const auto rules = parse_robots(text, "ingest");
    EXPECT_FALSE(rules.allows("/private/x")) << text;
    EXPECT_TRUE(rules.allows("/public")) << text;
    EXPECT_EQ(rules.rules.size(), 1U) << text;
  }
}

TEST(Robots, AnEmptyOrMeaninglessFileAllowsEverything) {
  for (const auto* text : {"", "\xEF\xBB\xBF", "\n\n\r\n", "# nothing\n",
                           "<html><body>Not found</body></html>", "Disallow: /\n", "User-agent: *\n"}) {
    const auto rules = parse_robots(text, "ingest");
    EXPECT_TRUE(rules.allows("/")) << text;
    EXPECT_TRUE(rules.allows("/any/path?q=1")) << text;
  }
}

TEST(Robots, AnEmptyRuleSetAllowsEverything) {
  const RobotsRules rules;
  EXPECT_TRUE(rules.allows("/x"));
}

TEST(Robots, AnEmptyDisallowDisallowsNothing) {
  const auto rules = parse_robots("User-agent: *\nDisallow:\n", "ingest");
  EXPECT_TRUE(rules.allows("/"));
  EXPECT_TRUE(rules.allows("/x"));
}

TEST(Robots, DisallowingTheRootBlocksEverythingButRobotsTxt) {
  const auto rules = parse_robots("User-agent: *\nDisallow: /\n", "ingest");
  expect_paths(rules, {{"/", false},
                       {"/news/", false},
                       {"/?q=1", false},
                       {"/robots.txt", true},
                       {"/robots.txt?x=1", true},
                       {"/robots%2Etxt", true},
                       {"/robots.txt/x", false},
                       {"/robots.txt.bak", false}});
}

TEST(Robots, PercentEncodingIsNormalisedOnBothSides) {
  struct Case {
    std::string_view pattern;
    std::string_view path;
    bool matches;
  };
  const std::vector<Case> cases = {
      {"/%7Euser", "/~user", true},
      {"/%7euser", "/~user", true},
      {"/~user", "/%7Euser/page", true},
      {"/~user", "/%7euser/page", true},
      {"/a%2fb", "/a%2Fb", true},  // hex case does not matter
      {"/a%2Fb", "/a/b", false},   // an escaped '/' is not a '/'
      {"/foo/bar/ツ", "/foo/bar/%E3%83%84", true},
      {"/foo/bar/%E3%83%84", "/foo/bar/ツ", true},
      {"/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84", true},
      {"/foo/bar/%62%61%7A", "/foo/bar/baz", true},
      {"/foo/bar?baz=quz", "/foo/bar?baz=quz", true},
      {"/a b", "/a%20b", true},
      {"/%2A", "/anything", false},  // an escaped '*' is a literal star
      {"/%2A", "/%2a", true},
      {"/100%", "/100%25", true},  // a stray '%' means itself
  };
  for (const auto& c : cases) {
    const auto rules = parse_robots("User-agent: *\nDisallow: " + std::string{c.pattern} + "\n", "ingest");
    EXPECT_EQ(!rules.allows(c.path), c.matches) << c.pattern << " vs " << c.path;
    const RobotsRules built{{{false, std::string{c.pattern}}}, std::nullopt};
    EXPECT_EQ(!built.allows(c.path), c.matches) << "built: " << c.pattern << " vs " << c.path;
  }
}

TEST(Robots, PathsWithoutALeadingSlashOrWithAFragmentAreHandled) {
  const auto rules = parse_robots("User-agent: *\nDisallow: /$\nDisallow: /a$\n", "ingest");
  expect_paths(rules, {{"", false}, {"a", false}, {"/a#frag", false}, {"/b", true}});
}

TEST(Robots, OnlyTheFirst500KiBAreParsedEvenFromAMegabyteOfJunk) {
  std::string text = "User-agent: *\nDisallow: /early\n";
  const std::string junk_line = "x-junk: \x01\xFF%%%***$$$ lorem ipsum dolor sit amet ###\n";
  while (text.size() < ingest::fetch::kRobotsMaxBytes - 100) text += junk_line;
  // A line straddling the limit would be cut to "Disallow: /" and must not be read that way.
  text += std::string(ingest::fetch::kRobotsMaxBytes - 11 - text.size(), ' ');
  text += "Disallow: /late-straddling\n";
  while (text.size() < 1024 * 1024) text += "Disallow: /late\n";
  ASSERT_GT(text.size(), 1000000U);

  const auto rules = parse_robots(text, "ingest");
  expect_paths(rules, {{"/early", false}, {"/late", true}, {"/late-straddling", true}, {"/other", true}});
  EXPECT_EQ(rules.rules.size(), 1U);
}

TEST(Robots, APathologicalWildcardPatternAgainstALongPathStillAnswersCorrectly) {
  const std::string long_as = "/" + std::string(100000, 'a');
  const auto rules =
      parse_robots("User-agent: *\nDisallow: /a*a*a*a*a*a*a*a*b\nDisallow: /*a*a*a*a*a*a*c$\n", "ingest");
  EXPECT_TRUE(rules.allows(long_as));
  EXPECT_FALSE(rules.allows(long_as + "b"));
  EXPECT_FALSE(rules.allows(long_as + "c"));
  EXPECT_TRUE(rules.allows(long_as + "cd"));
}

TEST(Robots, AHugeNumberOfRulesAndAVeryLongPatternStillAnswerCorrectly) {
  std::string text = "User-agent: *\n";
  for (int i = 0; i < 15000; ++i) text += "Disallow: /*x*y*z" + std::to_string(i) + "$\n";
  text += "Disallow: /" + std::string(100000, '*') + "q\n";
  text += "Disallow: /*" + std::string(1000, 'x') + "yw\n";  // near-misses at every offset
  const auto rules = parse_robots(text, "ingest");
  const std::string path = "/" + std::string(2000, 'x') + "y";
  EXPECT_TRUE(rules.allows(path));
  EXPECT_FALSE(rules.allows(path + "z14999"));
  EXPECT_FALSE(rules.allows(path + "q"));
}

}  // namespace
