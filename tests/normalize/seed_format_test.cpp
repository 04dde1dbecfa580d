// Tests for normalize/seed_format.cpp: rendering articles as corpus seed text, reading the five
// original seeds (tests/data/seeds) and new ones back, and the corpus file names.
#include "normalize/seed_format.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/text.h"
#include "normalize/timestamp.h"
#include "normalize/url.h"
#include "tests/support/test_files.h"

namespace normalize {

// Readable failure messages for blocks (found by argument-dependent lookup).
inline void PrintTo(const Block& block, std::ostream* out) {
  static const char* const kKinds[] = {"paragraph", "heading", "list_item", "quote", "table_row"};
  *out << kKinds[static_cast<int>(block.kind)] << ":\"" << block.text << "\"";
}

namespace {

using test_support::read_file;
using test_support::source_path;

const char* const kSeedFiles[] = {"000_f638798d4e6aeb8a.txt", "001_a03e604598e42abc.txt",
                                  "002_4a3a340b16a89f33.txt", "003_bab5c734186a52be.txt",
                                  "004_9b3700362939b385.txt"};

std::string seed_text(int number) {
  return read_file(source_path(std::string{"tests/data/seeds/"} + kSeedFiles[number]));
}

Article parsed_seed(int number) {
  auto article = parse_seed(seed_text(number));
  if (!article) throw std::runtime_error("seed " + std::to_string(number) + ": " + article.error().message);
  return *article;
}

Timestamp iso(std::string_view text) {
  auto t = parse_iso8601(text);
  if (!t) throw std::runtime_error("bad test timestamp " + std::string{text});
  return *t;
}

// A complete article with every kind of block and the block starts that need escaping.
Article full_article() {
  Article a;
  a.canonical_url = "https://www.example.com/news/2026/04/10/cuba-russia-energy";
  a.title = "Cuba and Russia Sign an Energy Deal";
  a.authors = {"Ana Pérez", "John Smith"};
  a.published = iso("2026-04-10T13:47:00+03:00");
  a.language = "en";
  a.blocks = {
      {BlockKind::paragraph, "Havana and Moscow signed an *important* agreement on **energy** on Friday."},
      {BlockKind::heading, "What the deal covers"},
      {BlockKind::list_item, "Fuel deliveries"},
      {BlockKind::list_item, "Repairs of power plants"},
      {BlockKind::quote, "“This is a historic day,” the minister said."},
      {BlockKind::paragraph, "#Cuba trended on social media after the signing."},
      {BlockKind::paragraph, "- 30% of the fuel will come by sea."},
      {BlockKind::paragraph, "> not a quote, just a sign"},
      {BlockKind::paragraph, "\\ a backslash at the start"},
      {BlockKind::paragraph, "By the way, the deal was first discussed in 2024."},
  };
  return a;
}

std::string round_trip(const Article& a) {
  std::string rendered = render_seed(a);
  auto parsed = parse_seed(rendered);
  if (!parsed) return "parse failed: " + parsed.error().message;
  return render_seed(*parsed);
}

// --- render_seed ------------------------------------------------------------------------

TEST(RenderSeed, ProducesTheDocumentedShape) {
  EXPECT_EQ(render_seed(full_article()),
            "# Cuba and Russia Sign an Energy Deal\n"
            "\n"
            "April 10, 2026\n"
            "\n"
            "By Ana Pérez and John Smith\n"
            "\n"
            "Havana and Moscow signed an *important* agreement on **energy** on Friday.\n"
            "\n"
            "## What the deal covers\n"
            "\n"
            "- Fuel deliveries\n"
            "\n"
            "- Repairs of power plants\n"
            "\n"
            "> “This is a historic day,” the minister said.\n"
            "\n"
            "\\#Cuba trended on social media after the signing.\n"
            "\n"
            "\\- 30% of the fuel will come by sea.\n"
            "\n"
            "\\> not a quote, just a sign\n"
            "\n"
            "\\\\ a backslash at the start\n"
            "\n"
            "By the way, the deal was first discussed in 2024.\n"
            "\n"
            "Original url:\n"
            "\n"
            "<https://www.example.com/news/2026/04/10/cuba-russia-energy>\n");
}

TEST(RenderSeed, EndsWithOneNewlineWhenThereIsNoUrl) {
  Article a;
  a.title = "Title";
  a.blocks = {{BlockKind::paragraph, "Only paragraph."}};
  EXPECT_EQ(render_seed(a), "# Title\n\nOnly paragraph.\n");
}

TEST(RenderSeed, WritesTheDateInThePublishersOffsetAndThreeAuthorsWithCommas) {
  Article a;
  a.title = "T";
  a.published = iso("2026-04-10T00:30:00+03:00");  // still April 9 in UTC
  a.authors = {"A One", "B Two", "C Three"};
  a.blocks = {{BlockKind::paragraph, "Text."}};
  EXPECT_EQ(render_seed(a), "# T\n\nApril 10, 2026\n\nBy A One, B Two and C Three\n\nText.\n");
}

TEST(RenderSeed, CollapsesWhitespaceAndSkipsEmptyBlocks) {
  Article a;
  a.title = "  A\ttitle\nover two lines ";
  a.blocks = {{BlockKind::paragraph, "  one\n two\u00A0 three "},
              {BlockKind::paragraph, " \n "},
              {BlockKind::heading, ""},
              {BlockKind::paragraph, "last"}};
  EXPECT_EQ(render_seed(a), "# A title over two lines\n\none two three\n\nlast\n");
}

// --- parse_seed: the five original seeds -------------------------------------------------

TEST(SeedFormat, ReadsAllFiveSeeds) {
  for (int i = 0; i < 5; ++i) {
    auto article = parse_seed(seed_text(i));
    ASSERT_TRUE(article) << kSeedFiles[i] << ": " << article.error().message;
    EXPECT_GE(article->blocks.size(), 10u) << kSeedFiles[i];
  }
}

TEST(SeedFormat, ReadsSeed000WithItsOutletLineAndDateByline) {
  Article a = parsed_seed(0);
  EXPECT_EQ(a.outlet, "CubaHeadlines");
  EXPECT_EQ(a.title, "Russia to Establish Advanced Leadership and Development Tech Center in Cuba");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(format_long_date(*a.published), "September 21, 2025");
  EXPECT_FALSE(a.published->has_time);
  EXPECT_EQ(a.authors, std::vector<std::string>{"Richard Morales"});
  EXPECT_EQ(a.canonical_url, "");
  EXPECT_EQ(a.blocks.back().text, "© CubaHeadlines 2025");
}

TEST(SeedFormat, ReadsSeed001WithItsFirstLineAsTitle) {
  Article a = parsed_seed(1);
  EXPECT_EQ(a.title, "Cooperation with Cuba");
  EXPECT_EQ(a.outlet, "");
  EXPECT_FALSE(a.published);
  EXPECT_TRUE(a.authors.empty());
  EXPECT_EQ(a.canonical_url, "");
  EXPECT_EQ(a.blocks.front().text, "The diplomatic relations between the countries date back to 1942");
}

TEST(SeedFormat, ReadsSeed002WithItsBylineAndBareUrl) {
  Article a = parsed_seed(2);
  EXPECT_EQ(a.title, "Cuba and Russia committed to broadening cooperation");
  EXPECT_EQ(a.authors, std::vector<std::string>{"María Josefina Arce"});
  EXPECT_EQ(a.canonical_url,
            "https://www.radiohc.cu/index.php/en/especiales/comentarios/"
            "291596-cuba-and-russia-committed-to-broadening-cooperation");
  EXPECT_EQ(a.outlet, "Radio Habana Cuba");
  EXPECT_FALSE(a.published);
  // The bold lede stays as the first block, with its marks.
  EXPECT_TRUE(a.blocks.front().text.starts_with("**Fluid and at the highest level")) << a.blocks.front().text;
}

TEST(SeedFormat, ReadsSeed003WithItsDateAndFooterUrl) {
  Article a = parsed_seed(3);
  EXPECT_EQ(a.title, "Russia Eyes Management of Cuba's Industrial Production");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(format_long_date(*a.published), "April 10, 2026");
  EXPECT_EQ(format_iso8601(*a.published).substr(0, 10), "2026-04-10");
  EXPECT_FALSE(a.published->has_time);
  EXPECT_TRUE(a.authors.empty());
  EXPECT_EQ(a.canonical_url,
            "https://www.themoscowtimes.com/2026/04/10/"
            "russia-eyes-management-of-cubas-industrial-production-a92469");
  EXPECT_EQ(a.blocks.back().text, "*AFP contributed reporting.*");
}

TEST(SeedFormat, ReadsSeed004WhichHasNoTitle) {
  Article a = parsed_seed(4);
  EXPECT_EQ(a.title, "");
  EXPECT_FALSE(a.published);
  EXPECT_EQ(a.canonical_url, "");
  EXPECT_TRUE(a.blocks.front().text.starts_with("The Cuban leader, Miguel Díaz-Canel Bermúdez"))
      << a.blocks.front().text;
  EXPECT_EQ(a.blocks.back().text, "Filed under:");
}

TEST(SeedFormat, KeepsNoMetadataLineAsABlock) {
  for (int i = 0; i < 5; ++i) {
    Article a = parsed_seed(i);
    for (const auto& block : a.blocks) {
      const std::string& t = block.text;
      EXPECT_FALSE(t.starts_with("# ")) << kSeedFiles[i] << ": " << t;
      EXPECT_NE(t, "Original url:") << kSeedFiles[i];
      EXPECT_FALSE(t.starts_with("<http")) << kSeedFiles[i] << ": " << t;
      EXPECT_NE(t, "*Image not found or type unknown*") << kSeedFiles[i];
      EXPECT_NE(t, "CubaHeadlines") << kSeedFiles[i];
      EXPECT_NE(t, "**Radio Habana Cuba**") << kSeedFiles[i];
      EXPECT_NE(t, "Sunday, September 21, 2025 by Richard Morales") << kSeedFiles[i];
      EXPECT_NE(t, "April 10, 2026") << kSeedFiles[i];
      EXPECT_NE(t, "By María Josefina Arce") << kSeedFiles[i];
      EXPECT_FALSE(!a.authors.empty() && t.starts_with("By ")) << kSeedFiles[i] << ": " << t;
    }
    // The leading separator of seed 002 is not a block either.
    if (i == 2) {
      EXPECT_NE(a.blocks.front().text, "---");
    }
  }
}

TEST(SeedFormat, DropsTheSeparatorLineBeforeSeed002sUrl) {
  Article a = parsed_seed(2);
  for (const auto& block : a.blocks) EXPECT_NE(block.text, "---");
  EXPECT_TRUE(a.blocks.back().text.starts_with("In the second half of this year")) << a.blocks.back().text;
}

TEST(SeedFormat, DropsTheImageTitleAndCaptionLines) {
  Article seed000 = parsed_seed(0);
  EXPECT_NE(seed000.blocks[0].text, seed000.title);
  EXPECT_TRUE(seed000.blocks[0].text.starts_with("In a move backed by the St. Petersburg"))
      << seed000.blocks[0].text;
  Article seed003 = parsed_seed(3);
  EXPECT_TRUE(seed003.blocks[0].text.starts_with("Cuba will allow Russian companies"))
      << seed003.blocks[0].text;
}

// --- parse_seed: round trips ------------------------------------------------------------

TEST(SeedFormat, RoundTripsAFullArticle) {
  Article a = full_article();
  std::string rendered = render_seed(a);
  auto parsed = parse_seed(rendered);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->title, a.title);
  EXPECT_EQ(parsed->authors, a.authors);
  EXPECT_EQ(parsed->canonical_url, a.canonical_url);
  ASSERT_TRUE(parsed->published);
  EXPECT_EQ(format_long_date(*parsed->published), "April 10, 2026");
  EXPECT_EQ(parsed->blocks, a.blocks);
  EXPECT_EQ(render_seed(*parsed), rendered);
}

TEST(SeedFormat, WritesATablesRowsAsLinesOfOneParagraphAndReadsThemBack) {
  Article a;
  a.title = "Harvest by province";
  a.blocks = {{BlockKind::paragraph, "The figures, in tonnes:"},
              {BlockKind::table_row, "Province | 2025 | 2026"},
              {BlockKind::table_row, "Matanzas | 120 | 131"},
              {BlockKind::paragraph, "| not a row, a paragraph that starts with a bar"},
              {BlockKind::table_row, "Holguín | 98 | 90"}};
  std::string rendered = render_seed(a);
  EXPECT_EQ(rendered,
            "# Harvest by province\n\nThe figures, in tonnes:\n\n| Province | 2025 | 2026 |\n"
            "| Matanzas | 120 | 131 |\n\n\\| not a row, a paragraph that starts with a bar\n\n"
            "| Holguín | 98 | 90 |\n");
  auto parsed = parse_seed(rendered);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->blocks, a.blocks);
}

TEST(SeedFormat, RoundTripsArticlesMissingParts) {
  Article base = full_article();

  Article no_date = base;
  no_date.published.reset();
  Article no_url = base;
  no_url.canonical_url.clear();
  Article no_authors = base;
  no_authors.authors.clear();  // "By the way, ..." must not become a byline
  no_authors.blocks.insert(no_authors.blocks.begin(),
                           Block{BlockKind::paragraph, "By the end of the year, both sides hope to sign."});
  Article several_authors = base;
  several_authors.authors = {"Ana Pérez", "John Smith", "Olga Ivanova", "Li Wei"};
  Article bare = base;
  bare.published.reset();
  bare.canonical_url.clear();
  bare.authors.clear();
  Article no_title = base;
  no_title.title.clear();  // like seed 004: the first paragraph ends with a full stop
  Article starts_with_heading = base;
  starts_with_heading.blocks.insert(starts_with_heading.blocks.begin(),
                                    Block{BlockKind::heading, "Background"});
  Article starts_with_list = bare;
  starts_with_list.blocks.insert(starts_with_list.blocks.begin(),
                                 Block{BlockKind::list_item, "First point"});

  for (const Article* a : {&no_date, &no_url, &no_authors, &several_authors, &bare, &no_title,
                           &starts_with_heading, &starts_with_list}) {
    std::string rendered = render_seed(*a);
    EXPECT_EQ(round_trip(*a), rendered) << rendered;
    auto parsed = parse_seed(rendered);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->blocks, a->blocks) << rendered;
    EXPECT_EQ(parsed->authors, a->authors) << rendered;
    EXPECT_EQ(parsed->title, a->title) << rendered;
  }
}

TEST(SeedFormat, RoundTripsAnUntitledArticleWhoseFirstParagraphHasNoFullStop) {
  Article a;
  a.blocks = {{BlockKind::paragraph,
               "“We will not leave Cuba,” Ryabkov said, “no matter what they say in Washington”"},
              {BlockKind::paragraph, "Second."}};
  EXPECT_EQ(round_trip(a), render_seed(a));
}

TEST(SeedFormat, RoundTripsEachOriginalSeed) {
  for (int i = 0; i < 5; ++i) {
    Article a = parsed_seed(i);
    std::string rendered = render_seed(a);
    EXPECT_EQ(round_trip(a), rendered) << kSeedFiles[i];
    auto again = parse_seed(rendered);
    ASSERT_TRUE(again) << kSeedFiles[i];
    EXPECT_EQ(again->title, a.title) << kSeedFiles[i];
    EXPECT_EQ(again->authors, a.authors) << kSeedFiles[i];
    EXPECT_EQ(again->canonical_url, a.canonical_url) << kSeedFiles[i];
    // Seed 001 ends two lines with a no-break space, which rendering collapses away.
    ASSERT_EQ(again->blocks.size(), a.blocks.size()) << kSeedFiles[i];
    for (std::size_t k = 0; k < a.blocks.size(); ++k) {
      EXPECT_EQ(again->blocks[k].kind, a.blocks[k].kind) << kSeedFiles[i];
      EXPECT_EQ(again->blocks[k].text, collapse_whitespace(a.blocks[k].text)) << kSeedFiles[i];
    }
  }
}

// --- parse_seed: bad input --------------------------------------------------------------

TEST(SeedFormat, RejectsInvalidUtf8NamingTheOffset) {
  auto article = parse_seed("# Title\n\nBody \xFF text\n");
  ASSERT_FALSE(article.has_value());
  EXPECT_EQ(article.error().code, Error::Code::bad_format);
  EXPECT_NE(article.error().message.find("offset 14"), std::string::npos) << article.error().message;
}

TEST(SeedFormat, RejectsEmptyTextAndTextWithoutBlocks) {
  for (std::string_view text : {"", "\n\n   \n\t\n", "# Only a title\n", "\xEF\xBB\xBF"}) {
    auto article = parse_seed(text);
    ASSERT_FALSE(article.has_value()) << text;
    EXPECT_EQ(article.error().code, Error::Code::bad_format) << text;
    EXPECT_FALSE(article.error().message.empty());
  }
}

// Found by fuzz/seed_fuzz (fuzz/regressions/seed_fuzz/lone-backslash.txt): a lone "\" was
// read as an empty paragraph, which render_seed drops, so the article did not read back.
TEST(SeedFormat, TakesLinesWithoutTextAsNoBlocks) {
  for (std::string_view text : {"\\", "# Title\n\n\\\n", "# Title\n\n## \u00A0\n\n\\\u00A0\n"}) {
    auto article = parse_seed(text);
    ASSERT_FALSE(article.has_value()) << text << " -> " << article->blocks.size() << " blocks";
    EXPECT_EQ(article.error().message, "no text blocks") << text;
  }
  auto article = parse_seed("# Title\n\n\\\n\nBody.\n");
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->blocks, (std::vector<Block>{{BlockKind::paragraph, "Body."}}));
  EXPECT_EQ(render_seed(*parse_seed(render_seed(*article))), render_seed(*article));
}

// Found by fuzz/seed_fuzz (fuzz/regressions/seed_fuzz/untitled-list.txt): an untitled article
// that starts with a list item or a heading renders it first, and it was read back as the title.
TEST(SeedFormat, RoundTripsAnUntitledArticleThatStartsWithAListOrHeading) {
  for (BlockKind kind : {BlockKind::list_item, BlockKind::heading, BlockKind::quote}) {
    Article a;
    a.blocks = {{kind, "First point"}, {BlockKind::paragraph, "Text."}};
    std::string rendered = render_seed(a);
    auto parsed = parse_seed(rendered);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->title, "") << rendered;
    EXPECT_EQ(parsed->blocks, a.blocks) << rendered;
  }
}

// Found by fuzz/seed_fuzz (fuzz/regressions/seed_fuzz/untitled-with-byline.txt): an untitled
// article with authors renders its byline first, which was read back as the title.
TEST(SeedFormat, RoundTripsAnUntitledArticleWithAuthors) {
  Article a;
  a.authors = {"Ana Pérez"};
  a.blocks = {{BlockKind::paragraph, "Text of the article."}};
  std::string rendered = render_seed(a);
  EXPECT_EQ(rendered, "By Ana Pérez\n\nText of the article.\n");
  auto parsed = parse_seed(rendered);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->title, "");
  EXPECT_EQ(parsed->authors, a.authors);
  EXPECT_EQ(parsed->blocks, a.blocks);
  EXPECT_EQ(round_trip(a), rendered);
}

// Found by fuzz/seed_fuzz (fuzz/regressions/seed_fuzz/outlet-name-paragraph.txt,
// footer-paragraph.txt): a paragraph that is only an outlet's name, a bare <url> or the
// footer's "Original url:" was read back as the outlet, the URL or the footer.
TEST(SeedFormat, RoundTripsParagraphsThatLookLikeEndMatter) {
  Article a;
  a.title = "Title";
  a.blocks = {{BlockKind::paragraph, "Granma"},
              {BlockKind::paragraph, "Original url:"},
              {BlockKind::paragraph, "Text."},
              {BlockKind::paragraph, "**Prensa Latina**"},
              {BlockKind::paragraph, "<https://news.example/a>"}};
  std::string rendered = render_seed(a);
  EXPECT_EQ(rendered, "# Title\n\n\\Granma\n\n\\Original url:\n\nText.\n\n\\**Prensa Latina**\n\n\\<https://news.example/a>\n");
  auto parsed = parse_seed(rendered);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->blocks, a.blocks);
  EXPECT_EQ(parsed->outlet, "");
  EXPECT_EQ(parsed->canonical_url, "");
  EXPECT_EQ(round_trip(a), rendered);
}

// Found by fuzz/seed_fuzz (fuzz/regressions/seed_fuzz/escaped-caption.txt, list-item-caption.txt):
// a paragraph that reads like an image caption is written escaped, but was dropped as a caption
// all the same; so were headings, list items and quotes that hold a caption's marks.
TEST(SeedFormat, RoundTripsAParagraphThatReadsLikeACaption) {
  Article a;
  a.title = "Title";
  a.blocks = {{BlockKind::paragraph, "Havana harbour - Image by the ministry"},
              {BlockKind::paragraph, "Photo: the ministry"},
              {BlockKind::list_item, "- Image by r"},
              {BlockKind::heading, "Foto: the harbour"},
              {BlockKind::quote, "By Ana Pérez"},
              {BlockKind::paragraph, "Text."}};
  std::string rendered = render_seed(a);
  auto parsed = parse_seed(rendered);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->blocks, a.blocks) << rendered;
  EXPECT_EQ(round_trip(a), rendered);
}

// Found by fuzz/seed_fuzz (fuzz/regressions/seed_fuzz/blank-title.txt, nested-marks-title.txt):
// a title of white space rendered as "# ", read back as the title "#"; a title in two layers
// of emphasis lost one layer per round trip.
TEST(SeedFormat, RoundTripsTitlesOfWhiteSpaceAndWrappedInMarks) {
  Article a;
  a.blocks = {{BlockKind::paragraph, "Text."}};
  for (std::string_view title : {"\u00A0", " ", "***Wrapped twice***", "** *Wrapped twice* **"}) {
    a.title = std::string{title};
    std::string rendered = render_seed(a);
    EXPECT_EQ(round_trip(a), rendered) << title;
  }
  a.title = "***Wrapped twice***";
  EXPECT_EQ(render_seed(a), "# Wrapped twice\n\nText.\n");
  auto parsed = parse_seed("***Wrapped twice***\n\nText.\n");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->title, "Wrapped twice");
  parsed = parse_seed("\u00A0\nText.\n");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->title, "");
}

// Found by fuzz/seed_fuzz (fuzz/regressions/seed_fuzz/byline-with-caption-marks.txt): the
// byline "By R Foto: s" was taken for an image caption and the author lost.
TEST(SeedFormat, ReadsTheBylineBeforeLookingForACaption) {
  Article a;
  a.title = "Title";
  a.authors = {"Ana Foto: Pérez"};
  a.blocks = {{BlockKind::paragraph, "Text."}};
  std::string rendered = render_seed(a);
  auto parsed = parse_seed(rendered);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->authors, a.authors) << rendered;
  EXPECT_EQ(round_trip(a), rendered);
}

// Found by fuzz/seed_fuzz (fuzz/regressions/seed_fuzz/paragraph-starting-with-bom.txt): an
// untitled article whose text starts with U+FEFF rendered as a document that starts with a
// byte order mark, which reading drops.
TEST(SeedFormat, RoundTripsAParagraphThatStartsWithAByteOrderMark) {
  Article a;
  a.blocks = {{BlockKind::paragraph, "\xEF\xBB\xBFText."}};
  std::string rendered = render_seed(a);
  EXPECT_EQ(rendered, "\\\xEF\xBB\xBFText.\n");
  auto parsed = parse_seed(rendered);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->blocks, a.blocks);
}

TEST(SeedFormat, ReadsCrlfLineEndingsAndAByteOrderMark) {
  auto article = parse_seed("\xEF\xBB\xBF# Title\r\n\r\nApril 10, 2026\r\n\r\nBody text.\r\n");
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->title, "Title");
  ASSERT_TRUE(article->published);
  EXPECT_EQ(format_long_date(*article->published), "April 10, 2026");
  EXPECT_EQ(article->blocks, (std::vector<Block>{{BlockKind::paragraph, "Body text."}}));
}

TEST(SeedFormat, DoesNotTakeProseStartingWithADateAsTheDateLine) {
  auto article = parse_seed("# Title\n\nApril 10, 2026 was the day the deal was signed.\n");
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_FALSE(article->published);
  ASSERT_EQ(article->blocks.size(), 1u);
  EXPECT_EQ(article->blocks[0].text, "April 10, 2026 was the day the deal was signed.");
}

// --- File names -------------------------------------------------------------------------

TEST(SeedFileName, IsTheNumberAndTheDocumentId) {
  const std::string url = "https://www.themoscowtimes.com/2026/04/10/"
                          "russia-eyes-management-of-cubas-industrial-production-a92469";
  EXPECT_EQ(seed_file_name(5, url), "005_2eff14d6a55cd053.txt");
  EXPECT_EQ(seed_file_name(5, url), "005_" + document_id(url) + ".txt");
  EXPECT_EQ(seed_file_name(0, "a"), "000_af63dc4c8601ec8c.txt");
  EXPECT_EQ(seed_file_name(42, url).substr(0, 4), "042_");
  EXPECT_EQ(seed_file_name(1234, url).substr(0, 5), "1234_");
}

TEST(SeedFileNumber, ReadsTheNumberOfWellFormedNames) {
  EXPECT_EQ(seed_file_number("012_abcdef0123456789.txt"), 12);
  EXPECT_EQ(seed_file_number("000_f638798d4e6aeb8a.txt"), 0);
  EXPECT_EQ(seed_file_number("1234_abcdef0123456789.txt"), 1234);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(seed_file_number(kSeedFiles[i]), i);
  EXPECT_EQ(seed_file_number(seed_file_name(5, "https://example.com/a")), 5);
  EXPECT_EQ(seed_file_number(seed_file_name(1000, "https://example.com/a")), 1000);
}

TEST(SeedFileNumber, RejectsOtherNames) {
  for (std::string_view name :
       {"", "README.md", "12_abcdef0123456789.txt", "012_ABCDEF0123456789.txt",
        "012_abcdef012345678.txt", "012_abcdef01234567890.txt", "012_abcdef012345678g.txt",
        "012_abcdef0123456789.md", "012_abcdef0123456789.txt.tmp", "abc_abcdef0123456789.txt",
        "0x1_abcdef0123456789.txt", "012-abcdef0123456789.txt", "-12_abcdef0123456789.txt",
        "99999999999_abcdef0123456789.txt"})
    EXPECT_EQ(seed_file_number(name), -1) << name;
}

}  // namespace
}  // namespace normalize
