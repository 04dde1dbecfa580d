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

}  // namespace
}  // namespace normalize
