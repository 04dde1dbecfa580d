// ingest/json_feed_parser.cpp through parse_feed(): JSON Feed 1.0 and 1.1, and JSON that is
// broken or not a feed. Outlet-shaped samples live in tests/fixtures/feeds/.
#include <gtest/gtest.h>

#include "ingest/sources/feed.h"
#include "tests/ingest/sources/feed_test_helpers.h"
#include "normalize/timestamp.h"
#include "tests/support/test_files.h"

namespace {

using ingest::sources::ParsedFeed;

ParsedFeed parse_ok(std::string_view bytes, std::string_view document_url = "https://news.example/feed.json") {
  return feed_test::parse_ok(bytes, document_url);
}

ParsedFeed parse_fixture(const std::string& name, std::string_view document_url) {
  return parse_ok(feed_test::sample(name), document_url);
}

ParsedFeed cubaheadlines() {
  return parse_fixture("cubaheadlines-jsonfeed-1.1.json", "https://cdn.cubaheadlines.example/feeds/feed.json");
}

std::string error_of(std::string_view bytes) {
  auto parsed = ingest::sources::parse_feed(bytes, "https://news.example/feed.json");
  if (parsed) {
    ADD_FAILURE() << "parsed as " << parsed->format << " with " << parsed->entries.size() << " entries";
    return {};
  }
  return parsed.error().message;
}

std::string utc(const std::optional<normalize::Timestamp>& t) {
  return t ? normalize::format_iso8601_utc(*t) : std::string{"(none)"};
}

// A JSON Feed 1.1 document with these items.
std::string feed_with(const std::string& items) {
  return R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [)" + items + "]}";
}

TEST(JsonFeedParser, ReadsAnOutletsJsonFeed11) {
  ParsedFeed feed = cubaheadlines();
  EXPECT_EQ(feed.format, "json");
  EXPECT_EQ(feed.title, "CubaHeadlines");
  EXPECT_TRUE(feed.malformed.empty());
  ASSERT_EQ(feed.entries.size(), 3u);
  const auto& first = feed.entries[0];
  EXPECT_EQ(first.id, "https://cubaheadlines.example/articles/158502");
  EXPECT_EQ(first.link, "https://cubaheadlines.example/articles/158502");
  EXPECT_EQ(first.title, "Tourist Arrivals to Cuba Fall Nearly 20% Through August");
  EXPECT_EQ(utc(first.published), "2025-09-24T14:05:00Z");
  EXPECT_EQ(utc(first.updated), "2025-09-24T16:40:00Z");
  EXPECT_EQ(first.authors, (std::vector<std::string>{"Daniela Ortega", "Richard Morales"}));
  EXPECT_EQ(first.summary, "Official figures show a steep drop.");
}

TEST(JsonFeedParser, TurnsANumericIdIntoAString) {
  ParsedFeed feed = cubaheadlines();
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[1].id, "158391");
}

TEST(JsonFeedParser, ResolvesARelativeUrlAgainstTheHomePage) {
  ParsedFeed feed = cubaheadlines();
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[1].link, "https://cubaheadlines.example/articles/158391");
}

TEST(JsonFeedParser, ResolvesARelativeUrlAgainstTheDocumentWithoutAHomePage) {
  ParsedFeed feed = parse_ok(feed_with(R"({"id": "a", "url": "../2026/a.html"})"), "https://news.example/feeds/feed.json");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "https://news.example/2026/a.html");
}

TEST(JsonFeedParser, ReadsContentTextWhenThereIsNoSummary) {
  ParsedFeed feed = cubaheadlines();
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[1].summary, "The tanker carried 700,000 barrels. It is the third shipment this year.");
  EXPECT_EQ(feed.entries[1].title, "Russian Oil Tanker Docks in Matanzas & Unloads");
}

TEST(JsonFeedParser, GivesAnItemWithoutAuthorsTheFeedsAuthors) {
  ParsedFeed feed = cubaheadlines();
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[1].authors, std::vector<std::string>{"CubaHeadlines Newsroom"});
}

TEST(JsonFeedParser, TakesTheExternalUrlWhenAnItemHasNoUrl) {
  ParsedFeed feed = cubaheadlines();
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[2].link, "https://www.themoscowtimes.example/2025/09/21/russia-cuba-credit-a90001");
  EXPECT_EQ(feed.entries[2].summary, "Via The Moscow Times.");
  EXPECT_EQ(utc(feed.entries[2].published), "2025-09-21T15:30:00Z");
  EXPECT_TRUE(feed.warnings.empty()) << ::testing::PrintToString(feed.warnings);
}

TEST(JsonFeedParser, ReadsAJsonFeed10WithItsSingleAuthor) {
  ParsedFeed feed = parse_fixture("micro-blog-jsonfeed-1.0.json", "https://notas.example/feed.json");
  EXPECT_EQ(feed.format, "json");
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].title, "");
  EXPECT_EQ(feed.entries[0].summary, "Otra noche sin corriente en el Vedado.");
  EXPECT_EQ(feed.entries[0].authors, std::vector<std::string>{"Yoani Ejemplo"});
  EXPECT_EQ(utc(feed.entries[0].published), "2026-04-11T02:15:00Z");
  EXPECT_EQ(feed.entries[1].authors, std::vector<std::string>{"Invitado Especial"});
  EXPECT_EQ(feed.entries[1].summary, "Precios en alza.");
}

TEST(JsonFeedParser, ReadsAFeedAfterAByteOrderMarkAndWhitespace) {
  ParsedFeed feed = parse_ok("\xEF\xBB\xBF\n  \r\n" + feed_with(R"({"id": "a", "url": "https://news.example/a"})"));
  EXPECT_EQ(feed.format, "json");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "https://news.example/a");
}

TEST(JsonFeedParser, ReducesEscapedHtmlInContentHtmlToText) {
  ParsedFeed feed = parse_ok(feed_with(R"({"id": "a", "url": "https://news.example/a",
      "content_html": "<p>Caf&eacute; &amp; <a href=\"x\">az&uacute;car</a></p><script>x()</script>"})"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].summary.find("Café & azúcar"), 0u) << feed.entries[0].summary;
}

TEST(JsonFeedParser, ReportsMalformedJsonWithLineAndColumn) {
  std::string message = error_of("{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"items\": [,]\n}");
  EXPECT_NE(message.find("malformed JSON at line 3, column 13"), std::string::npos) << message;
}

TEST(JsonFeedParser, ReportsATruncatedFeedAtItsEnd) {
  std::string doc = feed_with(R"({"id": "a", "url": "https://news.example/a"}, {"id": "b", "url": "https://news.ex)");
  std::string message = error_of(doc);
  EXPECT_EQ(message.rfind("malformed JSON at line 1, column ", 0), 0u) << message;
  EXPECT_NE(message.find("column " + std::to_string(doc.size() + 1)), std::string::npos) << message;
}

TEST(JsonFeedParser, RefusesTextAfterTheDocument) {
  std::string message = error_of(feed_with("") + "\n<!-- served by a CMS -->");
  EXPECT_NE(message.find("line 2, column 1: text after the end"), std::string::npos) << message;
}

TEST(JsonFeedParser, RefusesJsonThatIsNotUtf8) {
  std::string message = error_of(feed_with("{\"id\": \"a\", \"title\": \"Caf\xE9\"}"));
  EXPECT_NE(message.find("not UTF-8"), std::string::npos) << message;
}

TEST(JsonFeedParser, RefusesJsonThatIsNotAFeed) {
  std::string message = error_of(R"({"status": "ok", "articles": [{"url": "https://news.example/a"}]})");
  EXPECT_NE(message.find("not a JSON Feed"), std::string::npos) << message;
  EXPECT_NE(message.find("https://jsonfeed.org/version/"), std::string::npos) << message;
}

TEST(JsonFeedParser, RefusesAbsurdNesting) {
  std::string doc = R"({"version": "https://jsonfeed.org/version/1.1", "items": [{"x": )" + std::string(200, '[') +
                    std::string(200, ']') + "}]}";
  std::string message = error_of(doc);
  EXPECT_NE(message.find("malformed JSON at line 1"), std::string::npos) << message;
}

TEST(JsonFeedParser, ReadsItemsWithoutAVersionButSaysSo) {
  ParsedFeed feed = parse_ok(R"({"title": "T", "items": [{"id": "a", "url": "https://news.example/a"}]})");
  EXPECT_EQ(feed.format, "json");
  ASSERT_EQ(feed.entries.size(), 1u);
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_EQ(feed.warnings[0].rfind("version: ", 0), 0u) << feed.warnings[0];
}

TEST(JsonFeedParser, WarnsWhenItemsIsNotAnArray) {
  ParsedFeed feed = parse_ok(R"({"version": "https://jsonfeed.org/version/1", "title": "T", "items": {"id": "a"}})");
  EXPECT_EQ(feed.title, "T");
  EXPECT_TRUE(feed.entries.empty());
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_EQ(feed.warnings[0], "items: expected an array, found an object");
}

TEST(JsonFeedParser, SkipsFieldsOfTheWrongTypeNamingTheirPath) {
  ParsedFeed feed = parse_ok(feed_with(R"(
    "not an item",
    {"id": {"n": 1}, "url": ["https://news.example/a"], "title": 42, "date_published": 1700000000,
     "authors": "Ana", "author": {"name": "Luis"}},
    {"id": 12.5, "url": "https://news.example/c", "authors": [{"name": "Eva"}, "Raúl", {"name": 7}]})"));
  ASSERT_EQ(feed.entries.size(), 2u);
  const auto& broken = feed.entries[0];
  EXPECT_EQ(broken.id, "");
  EXPECT_EQ(broken.link, "");
  EXPECT_EQ(broken.title, "");
  EXPECT_FALSE(broken.published.has_value());
  EXPECT_EQ(broken.authors, std::vector<std::string>{"Luis"});
  EXPECT_EQ(feed.entries[1].id, "12.5");
  EXPECT_EQ(feed.entries[1].authors, std::vector<std::string>{"Eva"});
  EXPECT_EQ(feed.warnings,
            (std::vector<std::string>{
                "items[0]: expected an object, found a string",
                "items[1].id: expected a string or a number, found an object",
                "items[1].title: expected a string, found a number",
                "items[1].url: expected a string, found an array",
                "items[1]: item without a usable link",
                "items[1].date_published: expected a string, found a number",
                "items[1].authors: expected an array, found a string",
                "items[2].authors[1]: expected an object, found a string",
                "items[2].authors[2].name: expected a string, found a number",
            }));
}

TEST(JsonFeedParser, WarnsAboutAnUnreadableDateNamingTheItem) {
  ParsedFeed feed = parse_ok(feed_with(R"({"id": "a", "url": "https://news.example/a", "date_published": "la semana pasada"})"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_FALSE(feed.entries[0].published.has_value());
  ASSERT_EQ(feed.warnings.size(), 1u);
  EXPECT_EQ(feed.warnings[0], "items[0].date_published: unreadable date \"la semana pasada\"");
}

TEST(JsonFeedParser, RefusesAJavascriptUrl) {
  ParsedFeed feed = parse_ok(feed_with(R"j({"id": "a", "url": "javascript:alert(1)"})j"));
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "");
  ASSERT_EQ(feed.warnings.size(), 2u);
  EXPECT_EQ(feed.warnings[0].rfind("items[0].url: unusable link", 0), 0u) << feed.warnings[0];
}

TEST(JsonFeedParser, LeavesAnArrayDocumentToTheXmlParser) {
  // Only an object can be a JSON Feed; "[" is not routed here and fails as a document.
  auto parsed = ingest::sources::parse_feed(R"([{"url": "https://news.example/a"}])", "https://news.example/feed.json");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_FALSE(parsed.error().message.empty());
}

}  // namespace
