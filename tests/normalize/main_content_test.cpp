// Tests for normalize/main_content.cpp: which element holds the article and how its blocks
// are read, on small hand-written pages shaped like the real pages each rule was written for.
#include "normalize/main_content.h"

#include <gtest/gtest.h>
#include <libxml/HTMLtree.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/html_document.h"

namespace normalize {

inline void PrintTo(const Block& block, std::ostream* out) {
  static const char* const kKinds[] = {"paragraph", "heading", "list_item", "quote", "table_row"};
  *out << kKinds[static_cast<int>(block.kind)] << ":\"" << block.text << "\"";
}

namespace {

std::vector<Block> blocks_of(std::string_view html) {
  auto doc = parse_html(html, "https://news.example.com/a/1");
  if (!doc) return {};
  return extract_main_content(xmlDocGetRootElement(doc->get()));
}

std::string joined(const std::vector<Block>& blocks) {
  std::string text;
  for (const auto& b : blocks) text += b.text + "\n";
  return text;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// Three sentences of prose, different for each `n`, long enough to count as a paragraph.
std::string prose(int n) {
  std::string k = std::to_string(n);
  return "Paragraph " + k + " says that the ministers met in Havana on Monday, officials said. "
         "They discussed energy, rail and sugar, item " + k + " of the agenda, at length. "
         "A statement followed in the evening, number " + k + ".";
}

TEST(ExtractMainContent, ReadsTextInDivsSeparatedByLineBreaks) {
  auto blocks = blocks_of("<html><body><div class=\"nav-links\"><a href=\"/\">Home</a></div>"
                          "<div class=\"story\">" + prose(1) + "<br><br>" + prose(2) +
                          "<br>\n<br>" + prose(3) + "</div></body></html>");
  ASSERT_EQ(blocks.size(), 3u) << joined(blocks);
  EXPECT_EQ(blocks[0], (Block{BlockKind::paragraph, prose(1)}));
  EXPECT_EQ(blocks[2], (Block{BlockKind::paragraph, prose(3)}));
}

TEST(ExtractMainContent, ReadsDivTextBlocksWithoutParagraphs) {
  auto blocks = blocks_of("<html><body><div id=\"text\"><div>" + prose(1) + "</div><div>" +
                          prose(2) + "</div><div>Advertisement</div><div>" + prose(3) +
                          "</div></div></body></html>");
  EXPECT_EQ(blocks.size(), 3u) << joined(blocks);
  EXPECT_FALSE(contains(joined(blocks), "Advertisement"));
}

TEST(ExtractMainContent, FindsAnArticleWrappedInAnElementNamedForItsShareBar) {
  auto blocks = blocks_of(
      "<html><body><div class=\"post-share-container\"><div class=\"share-buttons\"><a "
      "href=\"#\">Facebook</a> <a href=\"#\">X</a></div><div class=\"post-content\"><p>" +
      prose(1) + "</p><p>" + prose(2) + "</p><p>" + prose(3) + "</p><p>" + prose(4) + "</p><p>" +
      prose(5) + "</p></div></div><div class=\"footer-note\"><p>Copyright Example News, all "
      "rights reserved, everywhere.</p></div></body></html>");
  ASSERT_EQ(blocks.size(), 5u) << joined(blocks);
  EXPECT_FALSE(contains(joined(blocks), "Facebook"));
}

TEST(ExtractMainContent, FindsAnArticleThatTheParserNestedInAnAside) {
  // An <aside> left open before the article: libxml2 puts the article inside it.
  auto blocks = blocks_of("<html><body><aside id=\"secondary\"><div class=\"widget\"><a href=\"/x\">"
                          "Poll of the week</a></div><section id=\"content\"><article><p>" +
                          prose(1) + "</p><p>" + prose(2) + "</p><p>" + prose(3) + "</p><p>" +
                          prose(4) + "</p></article></section></body></html>");
  EXPECT_EQ(blocks.size(), 4u) << joined(blocks);
}

TEST(ExtractMainContent, LeavesAFooterLineOutEvenWhenNothingElseIsThere) {
  auto blocks = blocks_of("<html><body><footer><p>© 2026 Example News, all rights reserved, "
                          "everywhere.</p></footer></body></html>");
  EXPECT_TRUE(blocks.empty()) << joined(blocks);
}

TEST(ExtractMainContent, ReadsBothHalvesOfABodySplitByAnAdBox) {
  auto blocks = blocks_of(
      "<html><body><article><h1>Title</h1><div class=\"body-part\"><p>" + prose(1) + "</p><p>" +
      prose(2) + "</p><p>" + prose(3) + "</p></div><div class=\"ad-slot\">Anzeige</div>"
      "<div class=\"body-part\"><p>" + prose(4) + "</p><p>" + prose(5) + "</p></div>"
      "</article></body></html>");
  ASSERT_EQ(blocks.size(), 5u) << joined(blocks);
  EXPECT_EQ(blocks.back().text, prose(5));
}

TEST(ExtractMainContent, KeepsAStandfirstBesideTheBody) {
  auto blocks = blocks_of("<html><body><article><p class=\"lead\">The island and Moscow agreed "
                          "on a rail deal worth millions on Monday, after two years of talks about the repair "
                          "of the island's network, officials said.</p><div class=\"text\"><p>" +
                          prose(1) + "</p><p>" + prose(2) + "</p><p>" + prose(3) +
                          "</p></div></article></body></html>");
  ASSERT_EQ(blocks.size(), 4u) << joined(blocks);
  EXPECT_TRUE(blocks.front().text.starts_with("The island and Moscow")) << blocks.front().text;
}

TEST(ExtractMainContent, LeavesOutAConsentDialogWithLongProse) {
  std::string consent = "<div class=\"consent-layer\"><p>We and our partners store and access "
                        "information on your device, such as cookies, and process personal "
                        "data, such as unique identifiers, for personalised ads and content, "
                        "measurement, audience insights and product development.</p><p>You "
                        "can change your choices at any time, including the right to object "
                        "to processing based on legitimate interest, in the settings.</p></div>";
  auto blocks = blocks_of("<html><body>" + consent + "<div id=\"page\"><p>" + prose(1) + "</p><p>" +
                          prose(2) + "</p></div></body></html>");
  EXPECT_EQ(blocks.size(), 2u) << joined(blocks);
  EXPECT_FALSE(contains(joined(blocks), "partners"));
}

TEST(ExtractMainContent, KeepsTextHiddenBehindAPaywall) {
  auto blocks = blocks_of("<html><body><article><p>" + prose(1) + "</p><div class=\"paywall\" "
                          "hidden><p>" + prose(2) + "</p><p>" + prose(3) + "</p></div>"
                          "</article></body></html>");
  EXPECT_EQ(blocks.size(), 3u) << joined(blocks);
}

TEST(ExtractMainContent, LeavesOutRelatedLinksShareBarsAndCaptionsInsideTheArticle) {
  auto blocks = blocks_of(
      "<html><body><div class=\"article-body\"><p>" + prose(1) + "</p>"
      "<figure><img src=\"a.jpg\"><figcaption>A caption under the picture</figcaption></figure>"
      "<ul class=\"link-list\"><li><a href=\"/1\">Earlier: Havana signs a deal with Minsk</a></li>"
      "<li><a href=\"/2\">Moscow hosts a sugar fair</a></li></ul>"
      "<div class=\"shareBar\"><a href=\"#\">Share on Facebook</a></div>"
      "<p>Read more: <a href=\"/3\">All our coverage of the talks in one place</a></p><p>" +
      prose(2) + "</p><div class=\"comments\"><p>" + prose(9) + "</p></div></div></body></html>");
  std::string text = joined(blocks);
  EXPECT_EQ(blocks.size(), 2u) << text;
  for (std::string_view leak : {"caption", "Minsk", "sugar fair", "Share on", "Read more", "Paragraph 9"})
    EXPECT_FALSE(contains(text, leak)) << leak;
}

TEST(ExtractMainContent, KeepsSubheadingsListsQuotesAndEmphasis) {
  auto blocks = blocks_of("<html><body><article><p>" + prose(1) + "</p><h2>What was agreed</h2>"
                          "<ul><li>A rail line from Havana to Santiago</li><li>Two power "
                          "plants</li></ul><blockquote><p>“It is a <em>historic</em> day,” "
                          "he said.</p></blockquote><p><strong>" + prose(2) + "</strong></p>"
                          "<h2>Related</h2></article></body></html>");
  std::vector<Block> expected = {
      {BlockKind::paragraph, prose(1)},
      {BlockKind::heading, "What was agreed"},
      {BlockKind::list_item, "A rail line from Havana to Santiago"},
      {BlockKind::list_item, "Two power plants"},
      {BlockKind::quote, "“It is a *historic* day,” he said."},
      {BlockKind::paragraph, "**" + prose(2) + "**"},
  };
  EXPECT_EQ(blocks, expected);
}

TEST(ExtractMainContent, WalksATreeDeeperThanTheParserAllowsWithoutRecursion) {
  // libxml2's parser stops at depth 256; a tree built by hand has no such limit, and the
  // walk must not use the stack for it.
  XmlDocument doc{htmlNewDoc(nullptr, nullptr)};
  xmlNode* html = xmlNewDocNode(doc.get(), nullptr, reinterpret_cast<const xmlChar*>("html"), nullptr);
  xmlDocSetRootElement(doc.get(), html);
  xmlNode* node = xmlNewChild(html, nullptr, reinterpret_cast<const xmlChar*>("body"), nullptr);
  for (int i = 0; i < 200000; ++i)
    node = xmlNewChild(node, nullptr, reinterpret_cast<const xmlChar*>(i % 2 ? "span" : "div"), nullptr);
  std::string text = prose(1);
  xmlNewTextChild(node, nullptr, reinterpret_cast<const xmlChar*>("p"),
                  reinterpret_cast<const xmlChar*>(text.c_str()));
  auto blocks = extract_main_content(html);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].text, text);
}

TEST(ExtractMainContent, ReadsTruncatedPagesAsFarAsTheyGo) {
  std::string page = "<html><body><article><p>" + prose(1) + "</p><p>" + prose(2) + "</p><p>Cut off in the mi";
  auto blocks = blocks_of(page);
  ASSERT_GE(blocks.size(), 2u) << joined(blocks);
  EXPECT_EQ(blocks[0].text, prose(1));
}

TEST(ExtractMainContent, FindsNothingInAPageOfLinks) {
  auto blocks = blocks_of("<html><body><div class=\"teasers\"><h3><a href=\"/1\">Havana and "
                          "Moscow sign a rail deal worth millions</a></h3><h3><a href=\"/2\">"
                          "Sugar harvest begins in Cienfuegos with three mills</a></h3></div>"
                          "</body></html>");
  EXPECT_TRUE(blocks.empty()) << joined(blocks);
}

TEST(ExtractMainContent, SkipsElementsThatTheHiddenAttributeOrAnInlineStyleHides) {
  auto blocks = blocks_of(
      "<html><body><article><p>" + prose(1) + "</p><p>" + prose(2) + "</p>"
      "<div hidden><p>An older draft of this story said the ministers met in Minsk instead.</p></div>"
      "<div style=\"color: red; DISPLAY : None !important\"><p>The mobile edition repeats "
      "the summary of the talks here for small screens.</p></div>"
      "<p style=\"visibility:hidden\">A translated copy waits here for the language switch to show it.</p>"
      "<p style=\"display: block\">" + prose(3) + "</p></article></body></html>");
  std::string text = joined(blocks);
  EXPECT_EQ(blocks.size(), 3u) << text;
  for (std::string_view leak : {"older draft", "mobile edition", "translated copy"})
    EXPECT_FALSE(contains(text, leak)) << leak;
}

TEST(ExtractMainContent, KeepsParagraphsMarkedAriaHiddenAndSectionsHiddenUntilFound) {
  auto blocks = blocks_of("<html><body><article><p>" + prose(1) + "</p><p aria-hidden=\"true\">" +
                          prose(2) + "</p><div hidden=\"until-found\"><p>" + prose(3) +
                          "</p></div></article></body></html>");
  EXPECT_EQ(blocks.size(), 3u) << joined(blocks);
}

TEST(ExtractMainContent, ReadsATableRowByRowWithItsCellsOnOneLine) {
  auto blocks = blocks_of(
      "<html><body><article><p>" + prose(1) + "</p><table><thead><tr><th>Port</th><th>Ships</th>"
      "<th>Tonnes</th></tr></thead><tbody><tr><td>Mariel</td><td>14</td><td><p>120 000</p></td></tr>"
      "<tr><td><a href=\"/cienfuegos\">Cienfuegos</a></td><td>9</td><td>61 500</td></tr>"
      "</tbody></table><p>" + prose(2) + "</p></article></body></html>");
  std::vector<Block> expected = {
      {BlockKind::paragraph, prose(1)},
      {BlockKind::table_row, "Port | Ships | Tonnes"},
      {BlockKind::table_row, "Mariel | 14 | 120 000"},
      {BlockKind::table_row, "Cienfuegos | 9 | 61 500"},
      {BlockKind::paragraph, prose(2)},
  };
  EXPECT_EQ(blocks, expected);
}

TEST(ExtractMainContent, FindsAReportWhoseTextIsMostlyATable) {
  std::string rows;
  for (int i = 0; i < 12; ++i)
    rows += "<tr><td>Province " + std::to_string(i) + "</td><td>" + std::to_string(100 + i) +
            "</td><td>" + std::to_string(7 * i) + " %</td></tr>";
  auto blocks = blocks_of("<html><body><div class=\"sidebar\"><p>Subscribe to our weekly digest "
                          "of the island's economy, delivered every Monday morning.</p></div>"
                          "<div class=\"report\"><p>Harvest by province, in tonnes.</p><table>" +
                          rows + "</table></div></body></html>");
  ASSERT_GE(blocks.size(), 12u) << joined(blocks);
  EXPECT_EQ(blocks.back(), (Block{BlockKind::table_row, "Province 11 | 111 | 77 %"}));
}

TEST(ExtractMainContent, ReadsALayoutTableCellByCell) {
  auto blocks = blocks_of("<html><body><table><tr><td><a href=\"/\">Home</a><br><a href=\"/news\">"
                          "News</a></td><td><p>" + prose(1) + "</p><p>" + prose(2) + "</p><p>" +
                          prose(3) + "</p></td></tr></table></body></html>");
  std::vector<Block> expected = {{BlockKind::paragraph, prose(1)},
                                 {BlockKind::paragraph, prose(2)},
                                 {BlockKind::paragraph, prose(3)}};
  EXPECT_EQ(blocks, expected);
}

// Three teasers, each a headline linking to another story and a sentence of excerpt.
std::string teasers(std::string_view item_tag) {
  std::string out;
  for (int i = 1; i <= 3; ++i) {
    std::string k = std::to_string(i);
    out += "<" + std::string{item_tag} + "><h3><a href=\"/story/" + k + "\">Another story number " + k +
           " about the harbour works</a></h3><p>The port authority opened bids for dredging on "
           "pier " + k + ", a spokesman said. Work should begin before the rainy season and "
           "end within two years, he added.</p></" + std::string{item_tag} + ">";
  }
  return out;
}

TEST(ExtractMainContent, LeavesOutATeaserListThatNoClassNames) {
  // The excerpts hold more prose than the short article, and used to pull the chosen
  // container out to the wrapper around both.
  auto blocks = blocks_of("<html><body><div class=\"wrap\"><div class=\"x1\"><p>" + prose(1) +
                          "</p></div><div class=\"x2\"><h2>More</h2>" + teasers("div") +
                          "</div></div></body></html>");
  std::string text = joined(blocks);
  EXPECT_EQ(blocks.size(), 1u) << text;
  EXPECT_FALSE(contains(text, "port authority")) << text;
}

TEST(ExtractMainContent, LeavesOutTeaserArticlesInsideTheArticlesContainer) {
  auto blocks = blocks_of("<html><body><main><p>" + prose(1) + "</p>" + teasers("article") +
                          "<p>" + prose(2) + "</p></main></body></html>");
  std::string text = joined(blocks);
  EXPECT_EQ(blocks.size(), 2u) << text;
  EXPECT_FALSE(contains(text, "Another story")) << text;
}

TEST(ExtractMainContent, KeepsParagraphsThatOpenWithALink) {
  std::string body;
  for (int i = 1; i <= 4; ++i)
    body += "<p><a href=\"/topic/ministry\">The Ministry of Foreign Trade</a> said on day " +
            std::to_string(i) + " that the talks on sugar and rail would go on next week.</p>";
  auto blocks = blocks_of("<html><body><article>" + body + "</article></body></html>");
  EXPECT_EQ(blocks.size(), 4u) << joined(blocks);
}

TEST(ExtractMainContent, PrefersAShortVisiblePostToALongerComment) {
  std::string long_comment;
  for (int i = 10; i < 16; ++i) long_comment += prose(i) + " ";
  auto blocks = blocks_of("<html><body><div class=\"post\"><p>The new ferry to the keys starts "
                          "on Monday. It leaves twice a day from the main pier.</p><p>Tickets "
                          "cost less than the bus, the operator said in a statement today.</p></div>"
                          "<ol class=\"commentlist\"><li class=\"comment\"><p>" + long_comment +
                          "</p></li></ol></body></html>");
  std::string text = joined(blocks);
  EXPECT_TRUE(contains(text, "The new ferry")) << text;
  EXPECT_FALSE(contains(text, "Paragraph 10")) << text;
}

TEST(ExtractMainContent, FindsAShortPostInsideAWrapperNamedLikeAWidget) {
  // A blog platform wraps every post in "widget Blog"; nothing else on the page has prose.
  auto blocks = blocks_of("<html><body><div class=\"widget Blog\" id=\"Blog1\"><div "
                          "class=\"post-outer\"><h3 class=\"post-title\">A walk</h3><div "
                          "class=\"post-body\"><p>" + prose(1) + "</p><p>" + prose(2) +
                          "</p></div></div></div><div class=\"widget Label\"><a href=\"/l/a\">"
                          "travel</a></div></body></html>");
  EXPECT_EQ(blocks.size(), 2u) << joined(blocks);
}

TEST(ExtractMainContent, FindsAnArticleThatAFigureHoldsWhenNothingElseDoes) {
  auto blocks = blocks_of("<html><body><figure class=\"story\"><p>" + prose(1) + "</p><p>" +
                          prose(2) + "</p></figure></body></html>");
  EXPECT_EQ(blocks.size(), 2u) << joined(blocks);
}

TEST(ExtractMainContent, JoinsTheBoxesOfABodyCutBetweenPicturesAndAds) {
  auto blocks = blocks_of(
      "<html><body><article><div class=\"text-block\"><p>" + prose(1) + "</p><p>" + prose(2) +
      "</p><p>" + prose(3) + "</p><p>" + prose(4) + "</p><p>" + prose(5) + "</p><p>" + prose(6) +
      "</p></div><div class=\"ad-slot\">Advertisement</div><div class=\"text-block\"><p>One more "
      "line closes the story.</p></div></article><div class=\"text-block-other\"><p>" + prose(9) +
      "</p></div></body></html>");
  std::string text = joined(blocks);
  EXPECT_EQ(blocks.size(), 7u) << text;
  EXPECT_EQ(blocks.back().text, "One more line closes the story.");
}

TEST(ExtractMainContent, LeavesOutCommentsThatOnlyTheirHeadingNames) {
  auto blocks = blocks_of("<html><body><div id=\"page\"><div class=\"billet\"><p>" + prose(1) +
                          "</p><h2>Comment réagissent les pêcheurs ?</h2><p>" + prose(2) +
                          "</p><h2>Réactions</h2><p>" + prose(3) + "</p></div><div id=\"reac\"><h3>3 "
                          "réactions</h3><div class=\"r\"><p>" + prose(10) + "</p><p>" + prose(11) +
                          "</p></div></div></div></body></html>");
  std::string text = joined(blocks);
  EXPECT_EQ(blocks.size(), 5u) << text;
  EXPECT_FALSE(contains(text, "Paragraph 10")) << text;
}

TEST(ExtractMainContent, TakesTheStandfirstUnderTheHeadlineButNotTheBylineOrARepeat) {
  std::string page = "<html><body><header class=\"story-head\"><h1>Ferry to the keys</h1><p>Ana "
                     "Ruiz | Monday, 4 May 2026 - 10:30</p><p class=\"lead\">The new ferry starts on "
                     "Monday and leaves twice a day from the main pier, the operator said.</p></header>"
                     "<div class=\"story-body\"><p>" + prose(1) + "</p><p>" + prose(2) + "</p></div></body></html>";
  auto blocks = blocks_of(page);
  ASSERT_EQ(blocks.size(), 3u) << joined(blocks);
  EXPECT_TRUE(blocks[0].text.starts_with("The new ferry starts")) << joined(blocks);
  // A page that repeats its standfirst as the first paragraph shows it once.
  auto repeated = blocks_of("<html><body><h1>Ferry</h1><p class=\"lead\">" + prose(1) +
                            "</p><div class=\"story-body\"><p>" + prose(1) + "</p><p>" + prose(2) +
                            "</p><p>" + prose(3) + "</p></div></body></html>");
  EXPECT_EQ(repeated.size(), 3u) << joined(repeated);
}

TEST(ExtractMainContent, ReadsATableSetInAFigureButNotAPicturesCaption) {
  auto blocks = blocks_of("<html><body><article><p>" + prose(1) + "</p><figure><img src=\"a.jpg\">"
                          "<figcaption>The pier at dawn, photo by the port</figcaption></figure>"
                          "<figure class=\"wp-block-table\"><table><tr><th>Pier</th><th>Depth</th></tr>"
                          "<tr><td>North</td><td>11 m</td></tr></table></figure><p>" + prose(2) +
                          "</p></article></body></html>");
  std::vector<Block> expected = {{BlockKind::paragraph, prose(1)},
                                 {BlockKind::table_row, "Pier | Depth"},
                                 {BlockKind::table_row, "North | 11 m"},
                                 {BlockKind::paragraph, prose(2)}};
  EXPECT_EQ(blocks, expected);
}

TEST(ExtractMainContent, FindsAShortArticleInsideAnAdWrapperWithoutTakingTheConsentBox) {
  auto blocks = blocks_of("<html><body><div class=\"sp-consent\"><p>We and our partners process "
                          "personal data such as your address to show content and ads, and measure "
                          "them, as described in our notice.</p></div><div class=\"ad-wrapper\"><div "
                          "class=\"promo-page\"><article><p>" + prose(1) + "</p><p>" + prose(2) +
                          "</p></article></div></div></body></html>");
  std::string text = joined(blocks);
  EXPECT_EQ(blocks.size(), 2u) << text;
  EXPECT_FALSE(contains(text, "partners")) << text;
}

TEST(ExtractMainContent, TakesAStandfirstThatItsClassNamesFurtherFromTheHeadline) {
  auto blocks = blocks_of("<html><body><div class=\"head\"><div class=\"t\"><h1>Ferry</h1></div><div "
                          "class=\"meta\"><span>Monday</span></div></div><div class=\"x\"><div><p "
                          "class=\"article-perex\">The new ferry starts on Monday and leaves twice a day "
                          "from the main pier.</p></div></div><div class=\"story-body\"><p>" + prose(1) +
                          "</p><p>" + prose(2) + "</p></div></body></html>");
  ASSERT_EQ(blocks.size(), 3u) << joined(blocks);
  EXPECT_TRUE(blocks[0].text.starts_with("The new ferry")) << joined(blocks);
}

}  // namespace
}  // namespace normalize
