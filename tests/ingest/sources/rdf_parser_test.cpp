// ingest/rdf_parser.cpp through parse_feed(): RSS 1.0 and RSS 0.90, the RDF feeds whose items
// are siblings of the channel. Real-world-shaped samples live in tests/fixtures/feeds/.
#include <gtest/gtest.h>

#include "ingest/sources/feed.h"
#include "tests/ingest/sources/feed_test_helpers.h"
#include "normalize/timestamp.h"
#include "tests/support/test_files.h"

namespace {

using ingest::sources::ParsedFeed;

ParsedFeed parse_ok(std::string_view bytes, std::string_view document_url = "https://news.example/feed.rdf") {
  return feed_test::parse_ok(bytes, document_url);
}

ParsedFeed parse_fixture(const std::string& name, std::string_view document_url) {
  return parse_ok(feed_test::sample(name), document_url);
}

std::string utc(const std::optional<normalize::Timestamp>& t) {
  return t ? normalize::format_iso8601_utc(*t) : std::string{"(none)"};
}

// An RSS 1.0 document around `items`, with the namespaces feeds declare.
std::string rss10(const std::string& items, const std::string& root_attributes = "") {
  return "<?xml version=\"1.0\"?>\n"
         "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"\n"
         " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"" +
         root_attributes + ">\n<channel rdf:about=\"https://news.example/\"><title>News</title>"
         "<link>https://news.example/</link></channel>\n" + items + "</rdf:RDF>\n";
}

TEST(RdfParser, ReadsAnOutletsRss10Feed) {
  ParsedFeed feed = parse_fixture("prensa-latina-rss10.rdf", "https://www.prensa-latina.example/feed.rdf");
  EXPECT_EQ(feed.format, "rss1");
  EXPECT_EQ(feed.title, "Prensa Latina \u2013 Noticias");
  ASSERT_EQ(feed.entries.size(), 3u);
  const auto& first = feed.entries[0];
  EXPECT_EQ(first.title, "Cuba y Rusia firman acuerdo de cooperación energética");
  EXPECT_EQ(first.link, "https://www.prensa-latina.example/2026/04/10/cuba-y-rusia-firman-acuerdo-energetico/");
  EXPECT_EQ(first.id, first.link);
  EXPECT_FALSE(first.published) << "dc:date is the update date, as in feedparser";
  EXPECT_EQ(utc(first.updated), "2026-04-10T18:05:00Z");
  EXPECT_EQ(first.authors, std::vector<std::string>{"Redacción Prensa Latina"});
  EXPECT_EQ(first.summary,
            "La Habana, 10 abr (Prensa Latina) Los gobiernos de Cuba y Rusia firmaron hoy un memorando de entendimiento\u2026");
}

TEST(RdfParser, ReadsTheLinkOfAnRss10ItemAgainstXmlBase) {
  ParsedFeed feed = parse_fixture("prensa-latina-rss10.rdf", "https://mirror.example/feed.rdf");
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[1].link, "https://www.prensa-latina.example/2026/04/09/zafra-azucarera-avanza-en-cienfuegos/");
}

TEST(RdfParser, TakesRdfAboutAsTheIdEvenWhenItIsNotAUrl) {
  ParsedFeed feed = parse_fixture("prensa-latina-rss10.rdf", "https://www.prensa-latina.example/feed.rdf");
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[2].id, "tag:prensa-latina.example,2026:opinion-1187");
  EXPECT_EQ(feed.entries[2].link, "https://www.prensa-latina.example/opinion/1187");
}

TEST(RdfParser, ReadsEveryDcCreatorAndTheDcDates) {
  ParsedFeed feed = parse_fixture("prensa-latina-rss10.rdf", "https://www.prensa-latina.example/feed.rdf");
  ASSERT_EQ(feed.entries.size(), 3u);
  const auto& second = feed.entries[1];
  EXPECT_EQ(second.authors, (std::vector<std::string>{"Ana María Pérez", "Luis Gómez"}));
  // dc:date and dcterms:modified both say when it was updated; the more specific one wins.
  EXPECT_FALSE(second.published);
  EXPECT_EQ(utc(second.updated), "2026-04-09T11:00:00Z");
  // Without a description, the full text stands in, one space between paragraphs.
  EXPECT_EQ(second.summary, "Tres centrales muelen en la provincia. La meta es superior a la del año pasado.");
  // dc:date alone is the update date only.
  EXPECT_EQ(utc(feed.entries[0].updated), "2026-04-10T18:05:00Z");
  EXPECT_FALSE(feed.entries[0].published);
}

TEST(RdfParser, ReducesAnEscapedHtmlTitleToText) {
  ParsedFeed feed = parse_fixture("prensa-latina-rss10.rdf", "https://www.prensa-latina.example/feed.rdf");
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[2].title, "Opinión: el bloqueo y la economía");
  // "10 de abril de 2026" is a Spanish text date the date parser reads.
  EXPECT_EQ(utc(feed.entries[2].updated), "2026-04-10T00:00:00Z");
}

TEST(RdfParser, ReadsAnRss090Feed) {
  ParsedFeed feed = parse_fixture("netscape-rss090.rdf", "http://www.granma.example/rss.rdf");
  EXPECT_EQ(feed.format, "rss090");
  EXPECT_EQ(feed.title, "Granma Internacional");
  EXPECT_TRUE(feed.warnings.empty()) << ::testing::PrintToString(feed.warnings);
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].title, "Delegación rusa visita el puerto del Mariel");
  EXPECT_EQ(feed.entries[0].link, "http://www.granma.example/mundo/2026-04-08/delegacion-rusa-visita-el-mariel");
  EXPECT_EQ(feed.entries[0].id, "");
  EXPECT_FALSE(feed.entries[0].published.has_value());
  EXPECT_EQ(feed.entries[1].link, "http://www.granma.example/cuba/2026-04-07/cosecha-cafetalera");
}

TEST(RdfParser, ResolvesARelativeLinkAgainstTheDocumentUrl) {
  ParsedFeed feed = parse_ok(rss10("<item rdf:about=\"x\"><title>A</title><link>../2026/a.html</link></item>\n"),
                             "https://news.example/feeds/rss10.rdf");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "https://news.example/2026/a.html");
  EXPECT_EQ(feed.entries[0].id, "x");
}

TEST(RdfParser, ResolvesALinkAgainstTheItemsXmlBase) {
  ParsedFeed feed = parse_ok(rss10("<item xml:base=\"https://cdn.example/es/\"><title>A</title><link>a</link></item>\n",
                                   " xml:base=\"https://ignored.example/\""));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "https://cdn.example/es/a");
}

TEST(RdfParser, LeavesTheLinkEmptyWithoutALinkElementAsFeedparserDoes) {
  ParsedFeed feed = parse_ok(rss10("<item rdf:about=\"https://news.example/a\"><title>A</title></item>\n"
                                   "<item rdf:about=\"#b\"><title>B</title></item>\n"));
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].link, "");
  EXPECT_EQ(feed.entries[0].id, "https://news.example/a");
  EXPECT_EQ(feed.entries[1].link, "");
  EXPECT_EQ(feed.entries[1].id, "#b");
  ASSERT_EQ(feed.warnings.size(), 2u);
  EXPECT_NE(feed.warnings[1].find("line 6: item without a usable link"), std::string::npos) << feed.warnings[1];
}

TEST(RdfParser, PrefersAGuidToRdfAboutAsTheId) {
  ParsedFeed feed = parse_ok(rss10("<item rdf:about=\"https://news.example/a\"><title>A</title>"
                                   "<link>https://news.example/a</link><guid>a-1234</guid></item>\n"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].id, "a-1234");
}

TEST(RdfParser, ReadsItemsWronglyNestedInsideTheChannel) {
  ParsedFeed feed = parse_ok("<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                             " xmlns=\"http://purl.org/rss/1.0/\"><channel><title>N</title>"
                             "<item><title>A</title><link>https://news.example/a</link></item></channel></rdf:RDF>");
  EXPECT_EQ(feed.format, "rss1");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "https://news.example/a");
}

TEST(RdfParser, ReadsRss10WithoutItsNamespaceAndSaysSo) {
  ParsedFeed feed = parse_ok("<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                             "<channel><title>N</title></channel>"
                             "<item><title>A</title><link>https://news.example/a</link></item></rdf:RDF>");
  EXPECT_EQ(feed.format, "rss1");
  ASSERT_EQ(feed.entries.size(), 1u);
  ASSERT_FALSE(feed.warnings.empty());
  EXPECT_NE(feed.warnings[0].find("namespace"), std::string::npos) << feed.warnings[0];
}

TEST(RdfParser, WarnsAboutAnUnreadableDcDateNamingItsLine) {
  ParsedFeed feed = parse_ok(rss10("<item><title>A</title><link>https://news.example/a</link>\n"
                                   "<dc:date>sometime last week</dc:date></item>\n"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_FALSE(feed.entries[0].published.has_value());
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_NE(feed.warnings[0].find("line 6"), std::string::npos) << feed.warnings[0];
}

TEST(RdfParser, RecoversATruncatedRss10Feed) {
  std::string doc = rss10("<item><title>A</title><link>https://news.example/a</link></item>\n"
                          "<item><title>B</title><link>https://news.example/b</link></item>\n");
  doc.resize(doc.find("<item><title>B") + 20);
  auto parsed = ingest::sources::parse_feed(doc, "https://news.example/feed.rdf");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->format, "rss1");
  EXPECT_EQ(parsed->malformed.rfind("malformed XML, recovered: line ", 0), 0u) << parsed->malformed;
  ASSERT_GE(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].link, "https://news.example/a");
}

TEST(RdfParser, RefusesAnRdfDocumentThatIsNotAFeed) {
  auto parsed = ingest::sources::parse_feed("<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                                   "<rdf:Description rdf:about=\"https://news.example/\"/></rdf:RDF>",
                                   "https://news.example/");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().message.find("<RDF>"), std::string::npos) << parsed.error().message;
}

}  // namespace
