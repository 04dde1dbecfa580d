// ingest/atom_parser.cpp through parse_feed(): the Atom 0.3 draft that Blogger and others
// served for years (Atom 1.0 is covered in feed_parser_test.cpp), and the text constructs
// both versions share. The Blogger-shaped sample is tests/fixtures/feeds/blogger-atom03.xml.
#include <gtest/gtest.h>

#include "ingest/sources/feed.h"
#include "tests/ingest/sources/feed_test_helpers.h"
#include "normalize/timestamp.h"
#include "tests/support/test_files.h"

namespace {

using ingest::sources::ParsedFeed;

constexpr const char* kBloggerUrl = "http://blog.cubadebate.example/atom.xml";

ParsedFeed parse_ok(std::string_view bytes, std::string_view document_url = "https://news.example/atom.xml") {
  return feed_test::parse_ok(bytes, document_url);
}

ParsedFeed blogger() {
  return parse_ok(test_support::read_file(test_support::source_path("tests/fixtures/feeds/blogger-atom03.xml")),
                  kBloggerUrl);
}

std::string utc(const std::optional<normalize::Timestamp>& t) {
  return t ? normalize::format_iso8601_utc(*t) : std::string{"(none)"};
}

std::string atom03(const std::string& entries) {
  return "<?xml version=\"1.0\"?>\n<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>T</title>\n" +
         entries + "</feed>\n";
}

TEST(AtomParser, ReadsABloggerAtom03Feed) {
  ParsedFeed feed = blogger();
  EXPECT_EQ(feed.format, "atom03");
  EXPECT_EQ(feed.title, "Cubadebate \u2013 Blog");
  EXPECT_TRUE(feed.warnings.empty()) << ::testing::PrintToString(feed.warnings);
  ASSERT_EQ(feed.entries.size(), 4u);
  const auto& first = feed.entries[0];
  EXPECT_EQ(first.id, "tag:blogger.com,1999:blog-8842017.post-114235");
  EXPECT_EQ(first.authors, std::vector<std::string>{"Rosa Martínez"});
}

TEST(AtomParser, TakesTheAlternateLinkOfAnAtom03EntryNotTheEditLink) {
  ParsedFeed feed = blogger();
  ASSERT_EQ(feed.entries.size(), 4u);
  EXPECT_EQ(feed.entries[0].link, "http://blog.cubadebate.example/2006/03/cuba-y-rusia.html");
}

TEST(AtomParser, ReadsIssuedAsPublishedAndModifiedAsUpdated) {
  ParsedFeed feed = blogger();
  ASSERT_EQ(feed.entries.size(), 4u);
  EXPECT_EQ(utc(feed.entries[0].published), "2006-03-14T18:15:00Z");
  EXPECT_EQ(utc(feed.entries[0].updated), "2006-03-14T18:21:08Z");
}

TEST(AtomParser, FallsBackToCreatedWhenIssuedIsMissing) {
  ParsedFeed feed = blogger();
  ASSERT_EQ(feed.entries.size(), 4u);
  EXPECT_EQ(utc(feed.entries[2].published), "2006-03-12T11:00:00Z");
  EXPECT_EQ(utc(feed.entries[2].updated), "2006-03-12T12:00:00Z");
}

TEST(AtomParser, DecodesAnEscapedTitleOnce) {
  ParsedFeed feed = blogger();
  ASSERT_EQ(feed.entries.size(), 4u);
  // mode="escaped" type="text/html": "&amp;amp;" is XML for "&amp;", which is HTML for "&".
  EXPECT_EQ(feed.entries[0].title, "Cuba & Rusia: nuevo acuerdo");
  EXPECT_EQ(feed.entries[2].title, "Codificado");
}

TEST(AtomParser, ReadsInlineXhtmlContentAsTextWithParagraphsApart) {
  ParsedFeed feed = blogger();
  ASSERT_EQ(feed.entries.size(), 4u);
  EXPECT_EQ(feed.entries[0].summary, "Primer párrafo. Segundo párrafo & final.");
}

TEST(AtomParser, PrefersTheSummaryToTheContent) {
  ParsedFeed feed = blogger();
  ASSERT_EQ(feed.entries.size(), 4u);
  EXPECT_EQ(feed.entries[1].summary, "Resumen breve .");
}

TEST(AtomParser, DecodesBase64Content) {
  ParsedFeed feed = blogger();
  ASSERT_EQ(feed.entries.size(), 4u);
  EXPECT_EQ(feed.entries[2].summary, "Texto codificado en base64 & más.");
}

TEST(AtomParser, TakesTheFirstReadableMultipartAlternative) {
  ParsedFeed feed = blogger();
  ASSERT_EQ(feed.entries.size(), 4u);
  EXPECT_EQ(feed.entries[3].summary, "Versión en texto.");
}

TEST(AtomParser, ResolvesAtom03LinksAgainstXmlBaseAndTheDocumentUrl) {
  ParsedFeed feed = blogger();
  ASSERT_EQ(feed.entries.size(), 4u);
  EXPECT_EQ(feed.entries[1].link, "http://blog.cubadebate.example/2006/03/zafra.html");
  EXPECT_EQ(feed.entries[2].link, "http://blog.cubadebate.example/2006/03/base64.html");
}

TEST(AtomParser, WarnsAboutBrokenBase64NamingItsLine) {
  ParsedFeed feed = parse_ok(atom03("<entry><id>a</id><link rel=\"alternate\" type=\"text/html\" href=\"/a\"/>\n"
                                    "<content type=\"text/html\" mode=\"base64\">not*base64!</content></entry>\n"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].summary, "");
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_NE(feed.warnings[0].find("line 4: unreadable base64"), std::string::npos) << feed.warnings[0];
}

TEST(AtomParser, TakesAnIdThatIsAWebAddressAsTheLinkWhenThereIsNone) {
  ParsedFeed feed = parse_ok(atom03("<entry><id>https://news.example/2026/a</id><title>A</title></entry>\n"
                                    "<entry xml:base=\"https://news.example/b/\"><id>item-2</id><title>B</title></entry>\n"));
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].link, "https://news.example/2026/a");
  // A relative id is resolved against xml:base first, as feedparser does.
  EXPECT_EQ(feed.entries[1].id, "https://news.example/b/item-2");
  EXPECT_EQ(feed.entries[1].link, "https://news.example/b/item-2");
}

TEST(AtomParser, ReadsALinkWrittenAsTextAndABase64Title) {
  ParsedFeed feed = parse_ok(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>urn:uuid:1</id>"
      "<title type=\"application/octet-stream\">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>"
      "<link rel=\"alternate\" type=\"text/html\">https://news.example/a</link></entry></feed>");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "Example Atom");
  EXPECT_EQ(feed.entries[0].link, "https://news.example/a");
}

TEST(AtomParser, IgnoresContentThatIsNotText) {
  ParsedFeed feed = parse_ok(atom03("<entry><id>a</id><link rel=\"alternate\" href=\"https://news.example/a\"/>"
                                    "<content type=\"image/png\" mode=\"base64\">iVBORw0KGgo=</content></entry>\n"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].summary, "");
  EXPECT_TRUE(feed.warnings.empty()) << ::testing::PrintToString(feed.warnings);
}

TEST(AtomParser, WarnsAboutAnAtom03EntryWithoutAnAlternateLink) {
  ParsedFeed feed = parse_ok(atom03("<entry><id>tag:news.example,2026:a</id><title>A</title>\n"
                                    "<link rel=\"service.edit\" type=\"application/atom+xml\" href=\"/edit/a\"/></entry>\n"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "");
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_NE(feed.warnings[0].find("line 3: entry without a usable link"), std::string::npos) << feed.warnings[0];
}

TEST(AtomParser, WarnsAboutAnUnreadableIssuedDate) {
  ParsedFeed feed = parse_ok(atom03("<entry><id>a</id><link rel=\"alternate\" href=\"https://news.example/a\"/>\n"
                                    "<issued>yesterday-ish</issued></entry>\n"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_FALSE(feed.entries[0].published.has_value());
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_NE(feed.warnings[0].find("yesterday-ish"), std::string::npos) << feed.warnings[0];
}

TEST(AtomParser, DoesNotMixAtom03AndAtom10Elements) {
  // An Atom 1.0 <published> inside an Atom 0.3 entry is another namespace's element.
  ParsedFeed feed = parse_ok(atom03("<entry xmlns:a10=\"http://www.w3.org/2005/Atom\"><id>a</id>"
                                    "<link rel=\"alternate\" href=\"https://news.example/a\"/>"
                                    "<a10:published>2026-01-01T00:00:00Z</a10:published></entry>\n"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_FALSE(feed.entries[0].published.has_value());
}

TEST(AtomParser, KeepsParagraphsApartInAtom10XhtmlContent) {
  ParsedFeed feed = parse_ok(R"(<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><id>a</id><link href="https://news.example/a"/>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &lt;two&gt;.</p><p>Three.</p></div></content>
</entry>
</feed>)");
  ASSERT_EQ(feed.entries.size(), 1u);
  // Inline XHTML is markup already parsed: its escaped "<two>" is text, not a tag.
  EXPECT_EQ(feed.entries[0].summary, "One <two>. Three.");
}

TEST(AtomParser, ListsTheSameAuthorOnce) {
  ParsedFeed feed = parse_ok(R"(<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><id>a</id><link href="https://news.example/a"/>
  <author><name>Ana</name></author><author><name>Ana</name></author><author><name>Luis</name></author>
</entry>
</feed>)");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].authors, (std::vector<std::string>{"Ana", "Luis"}));
}

}  // namespace
