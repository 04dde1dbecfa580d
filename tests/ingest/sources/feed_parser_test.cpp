// ingest/feed_parser.cpp with the RSS, Atom and sitemap parsers behind it: feed bytes in,
// entries out. The fixture site's feeds are read from disk with {{origin}} replaced, as the
// fixture server would serve them.
#include "ingest/sources/feed.h"

#include <gtest/gtest.h>

#include <chrono>

#include "normalize/timestamp.h"
#include "tests/support/fixture_server.h"
#include "tests/support/test_files.h"

namespace {

using ingest::sources::ParsedFeed;
using test_support::read_file;
using test_support::source_path;

constexpr const char* kOrigin = "http://127.0.0.1:8931";

std::string fixture(const std::string& path) {
  std::string text = read_file(source_path("tests/fixtures/site/" + path));
  text = test_support::with_origin(text, kOrigin);
  return text;
}

std::string url(const std::string& path) { return std::string{kOrigin} + "/" + path; }

ParsedFeed parse_fixture(const std::string& path) {
  auto parsed = ingest::sources::parse_feed(fixture(path), url(path));
  if (!parsed) {
    ADD_FAILURE() << path << ": " << parsed.error().message;
    return {};
  }
  return *parsed;
}

ParsedFeed parse_ok(std::string_view bytes, std::string_view document_url = "http://news.example/feeds/rss.xml",
                    std::string_view charset = {}) {
  auto parsed = ingest::sources::parse_feed(bytes, document_url, charset);
  if (!parsed) {
    ADD_FAILURE() << parsed.error().message;
    return {};
  }
  return *parsed;
}

std::string utc(const std::optional<normalize::Timestamp>& t) {
  return t ? normalize::format_iso8601_utc(*t) : std::string{"(none)"};
}

std::string rss_item(const std::string& inner) {
  return "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>\n<item>" + inner +
         "</item>\n</channel></rss>\n";
}

// --- the fixture site's feeds ---

TEST(ParseFeed, ReadsTheMoscowTimesRss) {
  ParsedFeed feed = parse_fixture("moscowtimes/rss/news.xml");
  EXPECT_EQ(feed.format, "rss");
  EXPECT_EQ(feed.title, "The Moscow Times - Independent News From Russia");
  EXPECT_TRUE(feed.warnings.empty()) << ::testing::PrintToString(feed.warnings);
  EXPECT_TRUE(feed.malformed.empty());
  ASSERT_EQ(feed.entries.size(), 4u);
  const auto& first = feed.entries[0];
  EXPECT_EQ(first.title, "Lokomotiv Yaroslavl Beat Ak Bars to Win Second Straight Gagarin Cup");
  EXPECT_EQ(first.link, url("moscowtimes/2026/04/21/lokomotiv-yaroslavl-beat-ak-bars-to-win-second-straight-gagarin-cup-a92655"));
  EXPECT_EQ(first.id, first.link);
  EXPECT_EQ(utc(first.published), "2026-04-21T19:40:00Z");
  ASSERT_TRUE(first.published.has_value());
  EXPECT_EQ(first.published->offset, std::chrono::minutes{180});
  EXPECT_TRUE(first.authors.empty());
  EXPECT_EQ(first.summary,
            "Yaroslavl clinched the Kontinental Hockey League title with a 3-2 overtime win in Game 6 in front of a sold-out home crowd.");
  EXPECT_EQ(feed.entries[1].title, "Russia Eyes Management of Cuba's Industrial Production");
  EXPECT_EQ(feed.entries[1].link, url("moscowtimes/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469"));
  EXPECT_EQ(utc(feed.entries[1].published), "2026-04-10T10:47:00Z");
  EXPECT_EQ(feed.entries[3].title, "Russia's Central Bank Cuts Key Rate to 15% as Inflation Slows");
  EXPECT_EQ(utc(feed.entries[3].published), "2026-03-20T10:32:00Z");
}

TEST(ParseFeed, ReadsRadioHabanaCubasRssWithNumericGuids) {
  ParsedFeed feed = parse_fixture("radiohc/en/rss.xml");
  EXPECT_EQ(feed.format, "rss");
  EXPECT_EQ(feed.title, "Radio Habana Cuba");
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[0].id, "352310");
  EXPECT_EQ(feed.entries[0].link,
            url("radiohc/en/noticias/nacionales/352310-sugar-harvest-gets-under-way-in-cienfuegos-with-three-mills-operating"));
  EXPECT_EQ(utc(feed.entries[0].published), "2026-01-14T14:15:33Z");
  EXPECT_EQ(feed.entries[1].title, "Cuba and Russia committed to broadening cooperation");
  EXPECT_EQ(feed.entries[1].id, "339611");
  EXPECT_EQ(utc(feed.entries[1].published), "2025-06-20T15:42:07Z");
  EXPECT_EQ(utc(feed.entries[2].published), "2025-06-18T20:05:51Z");
}

TEST(ParseFeed, ReadsCiberCubasRssWithDcCreatorAndEscapedHtml) {
  ParsedFeed feed = parse_fixture("cibercuba/noticias/cibercuba/rss.xml");
  EXPECT_EQ(feed.format, "rss");
  EXPECT_TRUE(feed.warnings.empty()) << ::testing::PrintToString(feed.warnings);
  ASSERT_EQ(feed.entries.size(), 3u);
  const auto& first = feed.entries[0];
  EXPECT_EQ(first.title, "La Unión Eléctrica prevé una afectación de 1.750 MW en el horario pico de este lunes");
  EXPECT_EQ(first.link, url("cibercuba/noticias/2025-11-03-u1-e199572-s27061-nid315880-union-electrica-preve-afectacion-1750-mw-horario-pico"));
  EXPECT_EQ(first.authors, std::vector<std::string>{"Darío Fernández"});
  EXPECT_EQ(first.id, std::string{"315880 at "} + kOrigin + "/cibercuba");
  EXPECT_EQ(utc(first.published), "2025-11-03T13:20:00Z");
  EXPECT_EQ(first.summary,
            "La UNE anticipa uno de los mayores déficits de generación de las últimas semanas por averías en termoeléctricas y falta de combustible.");
  EXPECT_EQ(feed.entries[2].authors, std::vector<std::string>{"Redacción de CiberCuba"});
  EXPECT_EQ(feed.entries[2].title, "Díaz-Canel pays tribute to the victims of the Siege of Leningrad in St. Petersburg");
  EXPECT_EQ(utc(feed.entries[2].published), "2025-05-12T14:35:00Z");
}

TEST(ParseFeed, ReadsCubaHeadlinesAtom) {
  ParsedFeed feed = parse_fixture("cubaheadlines/feed.xml");
  EXPECT_EQ(feed.format, "atom");
  EXPECT_EQ(feed.title, "CubaHeadlines");
  EXPECT_TRUE(feed.warnings.empty()) << ::testing::PrintToString(feed.warnings);
  ASSERT_EQ(feed.entries.size(), 3u);
  const auto& first = feed.entries[0];
  EXPECT_EQ(first.title, "Tourist Arrivals to Cuba Fall Nearly 20% Through August");
  EXPECT_EQ(first.link, url("cubaheadlines/articles/158502"));
  EXPECT_EQ(first.id, "tag:cubaheadlines.com,2025-09-24:articles/158502");
  EXPECT_EQ(utc(first.published), "2025-09-24T14:05:00Z");
  EXPECT_EQ(utc(first.updated), "2025-09-24T14:05:00Z");
  EXPECT_EQ(first.authors, std::vector<std::string>{"Daniela Ortega"});
  EXPECT_NE(first.summary.find("1.1 million international visitors"), std::string::npos);
  EXPECT_EQ(feed.entries[1].link, url("cubaheadlines/articles/158391"));
  EXPECT_EQ(feed.entries[1].authors, std::vector<std::string>{"Richard Morales"});
  EXPECT_EQ(utc(feed.entries[2].published), "2025-09-16T20:30:00Z");
}

TEST(ParseFeed, ReadsTheValidBrokenOutletFeed) {
  ParsedFeed feed = parse_fixture("broken/rss.xml");
  EXPECT_EQ(feed.format, "rss");
  EXPECT_EQ(feed.entries.size(), 3u);
}

TEST(ParseFeed, RecoversOrFailsOnTheMalformedFeedNamingALine) {
  auto parsed = ingest::sources::parse_feed(fixture("broken/feed.xml"), url("broken/feed.xml"));
  if (parsed) {
    ASSERT_FALSE(parsed->malformed.empty());
    EXPECT_EQ(parsed->malformed.find("malformed XML"), 0u) << parsed->malformed;
    EXPECT_NE(parsed->malformed.find("line "), std::string::npos) << parsed->malformed;
    ASSERT_FALSE(parsed->warnings.empty());
    EXPECT_EQ(parsed->warnings.front(), parsed->malformed);
    EXPECT_EQ(parsed->malformed.find('\n'), std::string::npos) << "one line: " << parsed->malformed;
    // What could be recovered before the damage is kept.
    ASSERT_FALSE(parsed->entries.empty());
    EXPECT_EQ(parsed->entries[0].link, url("broken/fine-article"));
  } else {
    EXPECT_NE(parsed.error().message.find("line "), std::string::npos) << parsed.error().message;
  }
}

// --- links ---

TEST(ParseFeed, ResolvesRelativeRssLinksAgainstTheDocumentUrl) {
  ParsedFeed feed = parse_ok("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
                             "<item><title>A</title><link>/2026/04/a</link></item>"
                             "<item><title>B</title><link>b.html</link></item>"
                             "<item><title>C</title><link>../c?x=1</link></item>"
                             "</channel></rss>",
                             "http://news.example/feeds/rss.xml");
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[0].link, "http://news.example/2026/04/a");
  EXPECT_EQ(feed.entries[1].link, "http://news.example/feeds/b.html");
  EXPECT_EQ(feed.entries[2].link, "http://news.example/c?x=1");
}

TEST(ParseFeed, ResolvesRssLinksAgainstXmlBase) {
  ParsedFeed feed = parse_ok("<?xml version=\"1.0\"?><rss version=\"2.0\" xml:base=\"https://cdn.example/news/\">"
                             "<channel><title>T</title>"
                             "<item><title>A</title><link>a</link></item>"
                             "<item xml:base=\"https://other.example/section/\"><title>B</title><link>b</link></item>"
                             "<item xml:base=\"sub/\"><title>C</title><link>c</link></item>"
                             "</channel></rss>",
                             "http://news.example/feeds/rss.xml");
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[0].link, "https://cdn.example/news/a");
  EXPECT_EQ(feed.entries[1].link, "https://other.example/section/b");
  EXPECT_EQ(feed.entries[2].link, "https://cdn.example/news/sub/c");
}

TEST(ParseFeed, ResolvesAtomLinksAgainstNestedXmlBase) {
  ParsedFeed feed = parse_ok(R"(<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://base.example/news/">
<title>T</title>
<entry xml:base="2025/"><title>A</title><id>a</id><link href="item.html"/></entry>
<entry><title>B</title><id>b</id><link href="/top"/></entry>
</feed>)",
                             "http://elsewhere.example/feed.atom");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].link, "http://base.example/news/2025/item.html");
  EXPECT_EQ(feed.entries[1].link, "http://base.example/top");
}

TEST(ParseFeed, KeepsAbsoluteLinksAsTheyAre) {
  ParsedFeed feed = parse_ok(rss_item("<title>A</title><link>https://other.example/x/y?z=1</link>"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "https://other.example/x/y?z=1");
}

TEST(ParseFeed, TrimsWhitespaceAroundALink) {
  ParsedFeed feed = parse_ok(rss_item("<title>A</title><link>\n   https://other.example/x\n  </link>"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "https://other.example/x");
}

TEST(ParseFeed, WarnsAboutARelativeLinkWhenThereIsNoDocumentUrl) {
  auto parsed = ingest::sources::parse_feed(rss_item("<title>A</title><link>/a</link>"), "");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].link, "");
  ASSERT_FALSE(parsed->warnings.empty());
  EXPECT_EQ(parsed->warnings[0].rfind("line ", 0), 0u) << parsed->warnings[0];
}

TEST(ParseFeed, RefusesAJavascriptOrFtpLink) {
  ParsedFeed feed = parse_ok("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>\n"
                             "<item><title>A</title><link>javascript:alert(1)</link></item>\n"
                             "<item><title>B</title><link>ftp://news.example/b</link></item>\n"
                             "</channel></rss>");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].link, "");
  EXPECT_EQ(feed.entries[1].link, "");
  EXPECT_GE(feed.warnings.size(), 2u);
}

TEST(ParseFeed, TakesAPermalinkGuidAsTheLinkWhenLinkIsMissing) {
  ParsedFeed feed = parse_ok("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
                             "<item><title>A</title><guid>https://news.example/a</guid></item>"
                             "<item><title>B</title><guid isPermaLink=\"false\">12345</guid></item>"
                             "</channel></rss>");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].link, "https://news.example/a");
  EXPECT_EQ(feed.entries[1].link, "");
  EXPECT_EQ(feed.entries[1].id, "12345");
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_NE(feed.warnings[0].find("without a usable link"), std::string::npos) << feed.warnings[0];
}

TEST(ParseFeed, PrefersTheAtomAlternateLink) {
  ParsedFeed feed = parse_ok(R"(<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>A</title><id>a</id>
  <link rel="enclosure" type="image/jpeg" href="/img/a.jpg"/>
  <link rel="replies" type="text/html" href="/a/comments"/>
  <link rel="self" href="/a.atom"/>
  <link rel="alternate" type="text/html" href="/a"/>
</entry>
<entry><title>B</title><id>b</id>
  <link rel="edit" href="/b/edit"/>
  <link href="/b"/>
</entry>
<entry><title>C</title><id>c</id>
  <link rel="alternate" type="application/pdf" href="/c.pdf"/>
  <link rel="alternate" type="text/html" href="/c"/>
</entry>
<entry><title>D</title><id>urn:uuid:d</id>
  <link rel="related" href="/d-related"/>
</entry>
</feed>)",
                             "https://news.example/feed.atom");
  ASSERT_EQ(feed.entries.size(), 4u);
  EXPECT_EQ(feed.entries[0].link, "https://news.example/a");
  EXPECT_EQ(feed.entries[1].link, "https://news.example/b");
  EXPECT_EQ(feed.entries[2].link, "https://news.example/c");
  EXPECT_EQ(feed.entries[3].link, "");
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_NE(feed.warnings[0].find("line 17"), std::string::npos) << feed.warnings[0];
}

// --- text and dates ---

TEST(ParseFeed, ReducesEscapedHtmlInTitlesAndSummariesToPlainText) {
  ParsedFeed feed = parse_ok(rss_item("<title>Cuba &amp;amp; Russia: &lt;b&gt;deal&lt;/b&gt;</title>"
                                      "<link>https://news.example/a</link>"
                                      "<description><![CDATA[<p>First <a href=\"x\">line</a>.</p><p>Second.</p>]]></description>"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "Cuba & Russia: deal");
  EXPECT_EQ(feed.entries[0].summary, "First line . Second.");
}

TEST(ParseFeed, ReadsAtomHtmlAndXhtmlTextConstructs) {
  ParsedFeed feed = parse_ok(R"(<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">News &lt;em&gt;now&lt;/em&gt;</title>
<entry><id>a</id><link href="https://news.example/a"/>
  <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Cuba <b>and</b> Russia</div></title>
  <content type="html">&lt;p&gt;Body&lt;/p&gt;</content>
</entry>
</feed>)");
  EXPECT_EQ(feed.title, "News now");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "Cuba and Russia");
  EXPECT_EQ(feed.entries[0].summary, "Body");
}

TEST(ParseFeed, ReadsDcDateAsTheUpdateDateWhenPubDateIsMissing) {
  ParsedFeed feed = parse_ok("<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                             "<channel><title>T</title><item><title>A</title><link>https://n.example/a</link>"
                             "<dc:date>2026-04-10T14:05:00+03:00</dc:date><dc:creator>Ana</dc:creator>"
                             "<dc:creator>Luis</dc:creator></item></channel></rss>");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_FALSE(feed.entries[0].published);
  EXPECT_EQ(utc(feed.entries[0].updated), "2026-04-10T11:05:00Z");
  EXPECT_EQ(feed.entries[0].authors, (std::vector<std::string>{"Ana", "Luis"}));
}

TEST(ParseFeed, WarnsAboutAnUnreadableDateNamingItsLine) {
  ParsedFeed feed = parse_ok("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>\n"
                             "<item><title>A</title><link>https://n.example/a</link>\n"
                             "<pubDate>the day before yesterday</pubDate></item>\n</channel></rss>");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_FALSE(feed.entries[0].published.has_value());
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_NE(feed.warnings[0].find("line 4"), std::string::npos) << feed.warnings[0];
  EXPECT_NE(feed.warnings[0].find("the day before yesterday"), std::string::npos) << feed.warnings[0];
}

TEST(ParseFeed, UsesTheHttpCharsetWhenTheDocumentStatesNone) {
  ParsedFeed feed = parse_ok(rss_item("<title>Caf\xE9 con az\xFA" "car</title><link>https://n.example/a</link>")
                                 .replace(0, 21, "<?xml version=\"1.0\"?>"),
                             "https://n.example/rss", "iso-8859-1");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "Café con azúcar");
}

TEST(ParseFeed, ReadsADocumentInItsDeclaredEncoding) {
  std::string doc = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>T</title>"
                    "<item><title>Uni\xF3n El\xE9" "ctrica</title><link>https://n.example/a</link></item></channel></rss>";
  ParsedFeed feed = parse_ok(doc);
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "Unión Eléctrica");
}

// --- sitemaps ---

TEST(ParseFeed, ReadsAGoogleNewsSitemap) {
  ParsedFeed feed = parse_ok(R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://www.themoscowtimes.com/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469</loc>
    <lastmod>2026-04-10T14:05:00+03:00</lastmod>
    <news:news>
      <news:publication><news:name>The Moscow Times</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-04-10T13:47:00+03:00</news:publication_date>
      <news:title>Russia Eyes Management of Cuba&#8217;s Industrial Production</news:title>
    </news:news>
  </url>
  <url>
    <loc>/2026/04/11/relative</loc>
  </url>
</urlset>)",
                             "https://www.themoscowtimes.com/sitemap_news.xml");
  EXPECT_EQ(feed.format, "sitemap");
  ASSERT_EQ(feed.entries.size(), 2u);
  const auto& first = feed.entries[0];
  EXPECT_EQ(first.link, "https://www.themoscowtimes.com/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469");
  EXPECT_EQ(first.id, first.link);
  EXPECT_EQ(first.title, "Russia Eyes Management of Cuba\xE2\x80\x99s Industrial Production");
  EXPECT_EQ(utc(first.published), "2026-04-10T10:47:00Z");
  EXPECT_EQ(utc(first.updated), "2026-04-10T11:05:00Z");
  EXPECT_EQ(feed.entries[1].link, "https://www.themoscowtimes.com/2026/04/11/relative");
  EXPECT_EQ(feed.entries[1].title, "");
  EXPECT_FALSE(feed.entries[1].published.has_value());
}

TEST(ParseFeed, ReadsASitemapIndexAsEntries) {
  ParsedFeed feed = parse_ok(R"(<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://n.example/sitemap-1.xml</loc><lastmod>2026-04-01</lastmod></sitemap>
  <sitemap><loc>https://n.example/sitemap-2.xml</loc></sitemap>
</sitemapindex>)");
  EXPECT_EQ(feed.format, "sitemapindex");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].link, "https://n.example/sitemap-1.xml");
  EXPECT_EQ(feed.entries[1].link, "https://n.example/sitemap-2.xml");
}

// --- documents that are not (good) feeds ---

TEST(ParseFeed, RefusesANonFeedRootNamingIt) {
  auto parsed = ingest::sources::parse_feed("<?xml version=\"1.0\"?><html><body><p>Not a feed</p></body></html>",
                                   "https://n.example/");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().message.find("<html>"), std::string::npos) << parsed.error().message;
}

TEST(ParseFeed, RefusesAnAtomLookalikeOutsideTheAtomNamespace) {
  auto parsed = ingest::sources::parse_feed("<?xml version=\"1.0\"?><feed><entry><link href=\"https://n.example/a\"/></entry></feed>",
                                   "https://n.example/");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().message.find("<feed>"), std::string::npos) << parsed.error().message;
}

TEST(ParseFeed, RefusesAnEmptyDocument) {
  auto parsed = ingest::sources::parse_feed("", "https://n.example/");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_FALSE(parsed.error().message.empty());
}

TEST(ParseFeed, RefusesBinaryJunk) {
  std::string junk = "%PDF-1.4\n\x01\x02\x03\xFF\xFE binary";
  auto parsed = ingest::sources::parse_feed(junk, "https://n.example/");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_FALSE(parsed.error().message.empty());
}

TEST(ParseFeed, ToleratesJunkBeforeTheXmlDeclaration) {
  for (const std::string junk : {"Warning: something in /var/www/feed.php on line 12\n",
                                 "\n\n  <!-- generated by a broken CMS -->\r\n", "\xEF\xBB\xBF\n"}) {
    auto parsed = ingest::sources::parse_feed(junk + rss_item("<title>A</title><link>https://n.example/a</link>"),
                                     "https://n.example/rss");
    ASSERT_TRUE(parsed.has_value()) << junk << ": " << parsed.error().message;
    EXPECT_EQ(parsed->format, "rss");
    ASSERT_EQ(parsed->entries.size(), 1u) << junk;
    EXPECT_EQ(parsed->entries[0].title, "A");
  }
}

TEST(ParseFeed, ToleratesAByteOrderMark) {
  ParsedFeed feed = parse_ok("\xEF\xBB\xBF" + rss_item("<title>A</title><link>https://n.example/a</link>"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "A");
}

TEST(ParseFeed, ReportsTheFirstErrorOfATruncatedFeedAsOneLine) {
  std::string doc = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>\n"
                    "<item><title>A</title><link>https://n.example/a</link></item>\n"
                    "<item><title>B</title><link>https://n.example/b";
  auto parsed = ingest::sources::parse_feed(doc, "https://n.example/rss");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->malformed.rfind("malformed XML, recovered: line ", 0), 0u) << parsed->malformed;
  EXPECT_EQ(parsed->malformed.find('\n'), std::string::npos) << parsed->malformed;
  ASSERT_GE(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].link, "https://n.example/a");
}

// --- hostile XML ---

TEST(ParseFeed, DoesNotReadExternalEntitiesFromFiles) {
  test_support::TempDir dir;
  test_support::write_file(dir / "secret.txt", "SECRET-XXE-CONTENT");
  for (const std::string& target : {"file://" + (dir / "secret.txt").string(), std::string{"file:///etc/passwd"}}) {
    std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY e SYSTEM \"" + target + "\">]>\n"
                      "<rss version=\"2.0\"><channel><title>t &e;</title><item><title>A &e; B</title>"
                      "<link>https://n.example/a</link><description>d &e;</description></item></channel></rss>";
    auto parsed = ingest::sources::parse_feed(doc, "https://n.example/rss");
    if (!parsed) continue;  // refusing the document is fine too
    EXPECT_EQ(parsed->title.find("SECRET"), std::string::npos) << target;
    EXPECT_EQ(parsed->title.find("root:"), std::string::npos) << target;
    for (const auto& entry : parsed->entries) {
      EXPECT_EQ(entry.title.find("SECRET"), std::string::npos) << target << ": " << entry.title;
      EXPECT_EQ(entry.title.find("root:"), std::string::npos) << target << ": " << entry.title;
      EXPECT_EQ(entry.summary.find("SECRET"), std::string::npos) << target;
      EXPECT_EQ(entry.summary.find("root:"), std::string::npos) << target;
    }
  }
}

TEST(ParseFeed, FetchesNoExternalDtdOrEntityOverTheNetwork) {
  test_support::TempDir dir;
  test_support::write_file(dir / "evil.dtd", "<!ENTITY leak \"LEAKED\">");
  test_support::write_file(dir / "entity.txt", "LEAKED");
  test_support::FixtureServer server{dir.path()};
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"" + server.origin() + "/evil.dtd\" [\n"
                    "<!ENTITY % remote SYSTEM \"" + server.origin() + "/evil.dtd\"> %remote;\n"
                    "<!ENTITY net SYSTEM \"" + server.origin() + "/entity.txt\">\n]>\n"
                    "<rss version=\"2.0\"><channel><title>T</title><item><title>A &net; &leak; B</title>"
                    "<link>https://n.example/a</link></item></channel></rss>";
  auto parsed = ingest::sources::parse_feed(doc, "https://n.example/rss");
  if (parsed) {
    for (const auto& entry : parsed->entries) EXPECT_EQ(entry.title.find("LEAKED"), std::string::npos) << entry.title;
  }
  EXPECT_TRUE(server.requests().empty()) << "the parser requested " << server.requests().front().target;
}

TEST(ParseFeed, RefusesABillionLaughsEntityBombWithAClearError) {
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n";
  std::string previous = "lol";
  for (int level = 1; level <= 9; ++level) {
    std::string name = "lol" + std::to_string(level);
    doc += "<!ENTITY " + name + " \"";
    for (int k = 0; k < 10; ++k) doc += "&" + previous + ";";
    doc += "\">\n";
    previous = name;
  }
  doc += "]>\n<rss version=\"2.0\"><channel><title>T</title><item><title>&" + previous +
         ";</title><link>https://n.example/a</link></item></channel></rss>";
  auto parsed = ingest::sources::parse_feed(doc, "https://n.example/rss");
  ASSERT_FALSE(parsed) << "a document built to explode is refused, not half-read";
  EXPECT_NE(parsed.error().message.find("refused: entity expansion"), std::string::npos) << parsed.error().message;
}

TEST(ParseFeed, ReadsWindows1251AsItsDeclarationSays) {
  const std::string title = "\xD0\xEE\xF1\xF1\xE8\xFF \xE8 \xCA\xF3\xE1\xE0";  // "Россия и Куба" in windows-1251
  auto parsed = ingest::sources::parse_feed("<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel>"
                                   "<title>T</title><item><title>" + title + "</title><link>https://n.example/a</link>"
                                   "<pubDate>Fri, 10 Apr 2026 14:05:00 MSK</pubDate></item></channel></rss>",
                                   "https://n.example/rss");
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].title, "Россия и Куба");
  EXPECT_EQ(normalize::format_iso8601_utc(*parsed->entries[0].published), "2026-04-10T11:05:00Z");
}

TEST(ParseFeed, NamesUndeclaredNonUtf8BytesInOneLine) {
  auto parsed = ingest::sources::parse_feed("<rss version=\"2.0\"><channel><title>T</title><item><title>\xD0\xEE\xF1</title>"
                                   "<link>https://n.example/a</link></item></channel></rss>",
                                   "https://n.example/rss");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_NE(parsed->malformed.find("not proper UTF-8"), std::string::npos) << parsed->malformed;
  EXPECT_EQ(parsed->malformed.find('\n'), std::string::npos) << parsed->malformed;
}

TEST(ParseFeed, RefusesTenThousandNestedElementsWithAClearError) {
  std::string doc = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>T</title>"
                    "<link>https://n.example/a</link>";
  for (int i = 0; i < 10'000; ++i) doc += "<div>";
  for (int i = 0; i < 10'000; ++i) doc += "</div>";
  doc += "</item></channel></rss>";
  auto parsed = ingest::sources::parse_feed(doc, "https://n.example/rss");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("refused: elements nested more than 256 deep"), std::string::npos)
      << parsed.error().message;
}

TEST(ParseFeed, ReadsHtmlEntitiesAndBareAmpersandsAsABrowserWouldAndSaysSo) {
  auto parsed = ingest::sources::parse_feed(
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item>"
      "<title>Cuba&nbsp;y Rusia &mdash; AT&T &copy; &bogus; &#233;</title>"
      "<link>https://n.example/a?x=1&y=2</link></item>"
      "<item><title><![CDATA[Tom & Jerry &nbsp;]]></title><link>https://n.example/b</link></item>"
      "</channel></rss>",
      "https://n.example/rss");
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->entries.size(), 2u);
  // The no-break space becomes a space, as all whitespace in a title does.
  EXPECT_EQ(parsed->entries[0].title, "Cuba y Rusia \u2014 AT&T \u00A9 &bogus; \u00E9");
  EXPECT_EQ(parsed->entries[0].link, "https://n.example/a?x=1&y=2");
  // CDATA is left as written; its "&nbsp;" is then read as the escaped HTML a title may hold.
  EXPECT_EQ(parsed->entries[1].title, "Tom & Jerry");
  EXPECT_EQ(parsed->malformed, "") << "fully mended: the source is not reported as failing";
  ASSERT_FALSE(parsed->warnings.empty());
  EXPECT_NE(parsed->warnings[0].find("Entity 'nbsp' not defined"), std::string::npos) << parsed->warnings[0];
}

TEST(ParseFeed, SurvivesAQuadraticBlowupEntity) {
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"" + std::string(10'000, 'x') +
                    "\">]>\n<rss version=\"2.0\"><channel><title>T</title><item><title>";
  for (int i = 0; i < 10'000; ++i) doc += "&a;";
  doc += "</title><link>https://n.example/a</link></item></channel></rss>";
  auto parsed = ingest::sources::parse_feed(doc, "https://n.example/rss");
  // Not an expansion loop, so it is read; the declared entity is not expanded into the title.
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->entries.size(), 1u);
  EXPECT_LT(parsed->entries[0].title.size(), 1'000u);
}

TEST(ParseFeed, ExpandsThePredefinedAndCharacterEntities) {
  ParsedFeed feed = parse_ok(rss_item("<title>A &amp; B &quot;D&quot; &apos;E&apos; &#8212; &#x2019;</title>"
                                      "<link>https://n.example/a?x=1&amp;y=2</link>"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "A & B \"D\" 'E' \xE2\x80\x94 \xE2\x80\x99");
  EXPECT_EQ(feed.entries[0].link, "https://n.example/a?x=1&y=2");
}

TEST(ParseFeed, KeepsALessThanSignThatDoesNotStartATag) {
  ParsedFeed feed = parse_ok("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
                             "<item><title>Growth &lt; 1% as inflation tops 30%</title><link>https://n.example/a</link></item>"
                             "<item><title>Rates &lt; 15% and &gt; 10%</title><link>https://n.example/b</link></item>"
                             "</channel></rss>");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].title, "Growth < 1% as inflation tops 30%");
  EXPECT_EQ(feed.entries[1].title, "Rates < 15% and > 10%");
}

}  // namespace
