// ingest/rss_parser.cpp through parse_feed(): the extensions RSS 2.0 feeds carry (Atom,
// Dublin Core terms, iTunes, content:encoded) and titles read the way feedparser reads them.
// The outlets' own RSS feeds are covered in feed_parser_test.cpp.
#include <gtest/gtest.h>

#include "ingest/sources/feed.h"
#include "tests/ingest/sources/feed_test_helpers.h"
#include "normalize/timestamp.h"

namespace {

using ingest::sources::ParsedFeed;

ParsedFeed parse_ok(std::string_view bytes, std::string_view document_url = "https://news.example/rss.xml") {
  return feed_test::parse_ok(bytes, document_url);
}

std::string utc(const std::optional<normalize::Timestamp>& t) {
  return t ? normalize::format_iso8601_utc(*t) : std::string{"(none)"};
}

// An RSS 2.0 document with the extension namespaces declared, around one item.
std::string rss_item(const std::string& inner) {
  return "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\""
         " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
         " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
         " xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">\n<channel><title>T</title>\n"
         "<atom:link href=\"https://news.example/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n<item>" +
         inner + "</item>\n</channel></rss>\n";
}

ingest::sources::FeedEntry only_entry(const std::string& inner) {
  ParsedFeed feed = parse_ok(rss_item(inner));
  if (feed.entries.size() != 1u) {
    ADD_FAILURE() << feed.entries.size() << " entries";
    return {};
  }
  return feed.entries[0];
}

// --- versions ---

TEST(RssParser, ReadsAnRss091FeedWithTheNetscapeDoctypeAndHtmlEntities) {
  // The DTD is never fetched; the HTML entities it would have declared are mended instead.
  ParsedFeed feed = parse_ok("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                             "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\"\n"
                             " \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n"
                             "<rss version=\"0.91\"><channel><title>Granma</title><language>es</language>\n"
                             "<item><title>Econom&iacute;a cubana</title><link>http://www.granma.example/a</link>"
                             "<description>Texto&nbsp;breve</description></item>\n"
                             "</channel></rss>\n");
  EXPECT_EQ(feed.format, "rss");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "Econom\u00EDa cubana");
  EXPECT_EQ(feed.entries[0].summary, "Texto breve");
  EXPECT_TRUE(feed.malformed.empty()) << feed.malformed;
}

// --- links ---

TEST(RssParser, TakesTheAtomAlternateLinkWhenLinkIsMissing) {
  auto entry = only_entry("<title>A</title><guid>https://news.example/guid-a</guid>"
                          "<atom:link rel=\"alternate\" type=\"text/html\" href=\"/2026/04/a\"/>");
  EXPECT_EQ(entry.link, "https://news.example/2026/04/a");
  EXPECT_EQ(entry.id, "https://news.example/guid-a");
}

TEST(RssParser, PrefersLinkToTheAtomAlternateLink) {
  auto entry = only_entry("<title>A</title><link>https://news.example/a</link>"
                          "<atom:link href=\"https://amp.news.example/a\"/>");
  EXPECT_EQ(entry.link, "https://news.example/a");
}

TEST(RssParser, IgnoresAtomLinksThatAreNotTheItemsPage) {
  auto entry = only_entry("<title>A</title><guid isPermaLink=\"false\">a-1</guid>"
                          "<atom:link rel=\"enclosure\" href=\"https://news.example/a.mp3\"/>"
                          "<atom:link rel=\"alternate\" type=\"application/json\" href=\"https://news.example/a.json\"/>");
  EXPECT_EQ(entry.link, "");
}

// --- dates ---

TEST(RssParser, ReadsAtomUpdatedAsTheUpdateDate) {
  auto entry = only_entry("<title>A</title><link>https://news.example/a</link>"
                          "<pubDate>Fri, 10 Apr 2026 14:05:00 +0300</pubDate>"
                          "<atom:updated>2026-04-10T16:00:00+03:00</atom:updated>");
  EXPECT_EQ(utc(entry.published), "2026-04-10T11:05:00Z");
  EXPECT_EQ(utc(entry.updated), "2026-04-10T13:00:00Z");
}

TEST(RssParser, ReadsDctermsModifiedAndDcModifiedAsTheUpdateDate) {
  auto terms = only_entry("<title>A</title><link>https://news.example/a</link>"
                          "<dcterms:modified>2026-04-11T09:00:00Z</dcterms:modified>");
  EXPECT_EQ(utc(terms.updated), "2026-04-11T09:00:00Z");
  EXPECT_FALSE(terms.published.has_value());
  auto elements = only_entry("<title>A</title><link>https://news.example/a</link>"
                             "<dc:modified>2026-04-12T09:00:00Z</dc:modified>");
  EXPECT_EQ(utc(elements.updated), "2026-04-12T09:00:00Z");
}

TEST(RssParser, ReadsDcDateAsTheUpdateDateBesidePubDate) {
  auto entry = only_entry("<title>A</title><link>https://news.example/a</link>"
                          "<pubDate>Fri, 10 Apr 2026 14:05:00 GMT</pubDate><dc:date>2026-04-10T15:00:00Z</dc:date>");
  EXPECT_EQ(utc(entry.published), "2026-04-10T14:05:00Z");
  EXPECT_EQ(utc(entry.updated), "2026-04-10T15:00:00Z");
}

TEST(RssParser, WarnsOnceAboutAnUnreadableDcDate) {
  ParsedFeed feed = parse_ok(rss_item("<title>A</title><link>https://news.example/a</link><dc:date>soon</dc:date>"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_FALSE(feed.entries[0].published.has_value());
  EXPECT_FALSE(feed.entries[0].updated.has_value());
  EXPECT_EQ(feed.warnings.size(), 1u) << ::testing::PrintToString(feed.warnings);
}

// --- authors ---

TEST(RssParser, ReadsTheNameOutOfAnAuthorAddress) {
  auto entry = only_entry("<title>A</title><link>https://news.example/a</link>"
                          "<author>ana.perez@news.example (Ana Pérez)</author>"
                          "<author>Luis Gómez &lt;luis@news.example&gt;</author>"
                          "<author>desk@news.example</author>");
  EXPECT_EQ(entry.authors, (std::vector<std::string>{"Ana Pérez", "Luis Gómez", "desk@news.example"}));
}

TEST(RssParser, ReadsItunesAuthorAndListsEachAuthorOnce) {
  auto entry = only_entry("<title>A</title><link>https://news.example/a</link>"
                          "<dc:creator>Radio Habana Cuba</dc:creator><itunes:author>Radio Habana Cuba</itunes:author>"
                          "<itunes:author>Elena Díaz</itunes:author>");
  EXPECT_EQ(entry.authors, (std::vector<std::string>{"Radio Habana Cuba", "Elena Díaz"}));
}

TEST(RssParser, ReadsItunesAuthorInTheCapitalisedNamespace) {
  ParsedFeed feed = parse_ok("<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/DTDs/PodCast-1.0.dtd\">"
                             "<channel><title>T</title><item><title>A</title><link>https://news.example/a</link>"
                             "<itunes:author>Elena Díaz</itunes:author></item></channel></rss>");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].authors, std::vector<std::string>{"Elena Díaz"});
}

// --- text ---

TEST(RssParser, KeepsATitleThatDoesNotLookLikeHtmlAsWritten) {
  // No closing tag and no reference: feedparser reads the title as plain text, so "<br>" stays.
  auto entry = only_entry("<title>Why the &lt;br&gt; tag matters</title><link>https://news.example/a</link>");
  EXPECT_EQ(entry.title, "Why the <br> tag matters");
}

TEST(RssParser, ReducesATitleThatLooksLikeHtmlToItsText) {
  auto entry = only_entry("<title>&lt;b&gt;Cuba&lt;/b&gt; y Rusia</title><link>https://news.example/a</link>");
  EXPECT_EQ(entry.title, "Cuba y Rusia");
}

TEST(RssParser, DecodesADoubleEscapedAmpersandOnce) {
  // XML gives "AT&amp;T"; feedparser reads that as HTML, which a reader shows as "AT&T".
  auto entry = only_entry("<title>AT&amp;amp;T y ETECSA</title><link>https://news.example/a</link>");
  EXPECT_EQ(entry.title, "AT&T y ETECSA");
}

TEST(RssParser, ReadsACdataTitleLikeAnEscapedOne) {
  auto entry = only_entry("<title><![CDATA[Díaz-Canel &amp; Putin: <em>acuerdos</em>]]></title>"
                          "<link>https://news.example/a</link>");
  EXPECT_EQ(entry.title, "Díaz-Canel & Putin: acuerdos");
}

TEST(RssParser, ReadsDcTitleWhenTitleIsMissing) {
  auto entry = only_entry("<dc:title>Título Dublin Core</dc:title><link>https://news.example/a</link>");
  EXPECT_EQ(entry.title, "Título Dublin Core");
}

TEST(RssParser, TakesContentEncodedAsTheSummaryWhenThereIsNoDescription) {
  auto entry = only_entry("<title>A</title><link>https://news.example/a</link>"
                          "<content:encoded><![CDATA[<p>Full <b>text</b>.</p><p>More.</p>]]></content:encoded>");
  EXPECT_EQ(entry.summary, "Full text . More.");
}

TEST(RssParser, PrefersTheDescriptionToContentEncoded) {
  auto entry = only_entry("<title>A</title><link>https://news.example/a</link><description>Short.</description>"
                          "<content:encoded><![CDATA[<p>Long.</p>]]></content:encoded>");
  EXPECT_EQ(entry.summary, "Short.");
}

TEST(RssParser, ReadsRss2InTheUserlandNamespace) {
  ParsedFeed feed = parse_ok(
      "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\">"
      "<channel><title>T</title><item><title>Item</title><link>https://news.example/1</link>"
      "<guid>https://news.example/1</guid></item></channel></rss>");
  EXPECT_EQ(feed.format, "rss");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "Item");
  EXPECT_EQ(feed.entries[0].link, "https://news.example/1");
}

// Found by fuzz/sitemap_fuzz (fuzz/regressions/sitemap_fuzz/huge-ttl.xml): a <ttl> of more
// minutes than fit in seconds overflowed (undefined behaviour, reported by UBSan); it is taken
// as a year, which the scheduler caps at a day like every hint.
TEST(RssParser, ReadsTheTtlInMinutesAndTakesAHugeOneAsAYear) {
  auto with_ttl = [](const std::string& ttl) {
    return "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title><ttl>" + ttl +
           "</ttl>\n<item><link>https://news.example/a</link></item></channel></rss>\n";
  };
  EXPECT_EQ(parse_ok(with_ttl("90")).ttl, std::chrono::minutes{90});
  EXPECT_EQ(parse_ok(with_ttl("357873763803085026")).ttl, std::chrono::hours{366 * 24});
  EXPECT_EQ(parse_ok(with_ttl("9223372036854775807")).ttl, std::chrono::hours{366 * 24});
  EXPECT_EQ(parse_ok(with_ttl("0")).ttl, std::nullopt);
  EXPECT_EQ(parse_ok(with_ttl("-5")).ttl, std::nullopt);
}

}  // namespace
