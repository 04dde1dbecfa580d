// ingest/xml_document.cpp: libxml2 behind RAII with safe settings, and the helpers the feed
// parsers share.
#include "ingest/sources/xml_document.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using ingest::sources::parse_xml;

TEST(ParseXml, ParsesAWellFormedDocumentWithoutError) {
  auto parsed = parse_xml("<?xml version=\"1.0\"?><a><b>x</b></a>", "https://n.example/a.xml", "");
  ASSERT_NE(parsed.doc, nullptr);
  EXPECT_EQ(parsed.error, "");
  xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  EXPECT_TRUE(ingest::sources::is_xml_element(root, "a"));
}

TEST(ParseXml, RecoversAMalformedDocumentAndKeepsTheFirstErrorWithItsLine) {
  auto parsed = parse_xml("<?xml version=\"1.0\"?>\n<a>\n<b>x</c>\n<d>&bogus;</d>\n</a>", "", "");
  ASSERT_NE(parsed.doc, nullptr);
  EXPECT_EQ(parsed.error.rfind("line 3: ", 0), 0u) << parsed.error;
  EXPECT_EQ(parsed.error.find('\n'), std::string::npos) << parsed.error;
}

TEST(ParseXml, ReturnsNoDocumentForNothing) {
  auto parsed = parse_xml("", "", "");
  EXPECT_EQ(parsed.doc, nullptr);
  EXPECT_FALSE(parsed.error.empty());
}

TEST(XmlHelpers, MatchElementsByLocalNameAndNamespace) {
  auto parsed = parse_xml("<root xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>Ana</dc:creator>"
                          "<creator>Plain</creator></root>",
                          "", "");
  ASSERT_NE(parsed.doc, nullptr);
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  const xmlNode* dc = ingest::sources::xml_child(root, "creator", ingest::sources::xml_ns::kDublinCore);
  const xmlNode* plain = ingest::sources::xml_child(root, "creator");
  ASSERT_NE(dc, nullptr);
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(ingest::sources::xml_text(dc), "Ana");
  EXPECT_EQ(ingest::sources::xml_text(plain), "Plain");
  EXPECT_FALSE(ingest::sources::is_xml_element(dc, "creator"));
  EXPECT_FALSE(ingest::sources::is_xml_element(plain, "creator", ingest::sources::xml_ns::kDublinCore));
  EXPECT_EQ(ingest::sources::xml_child(root, "missing"), nullptr);
  EXPECT_FALSE(ingest::sources::is_xml_element(nullptr, "creator"));
}

TEST(XmlHelpers, TextCollapsesWhitespaceAndAttributesReadAsWritten) {
  auto parsed = parse_xml("<a href=\"x y\">\n  one\n\t two  <b>three</b>\n</a>", "", "");
  ASSERT_NE(parsed.doc, nullptr);
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  EXPECT_EQ(ingest::sources::xml_text(root), "one two three");
  EXPECT_EQ(ingest::sources::xml_attribute(root, "href"), "x y");
  EXPECT_EQ(ingest::sources::xml_attribute(root, "missing"), "");
  EXPECT_EQ(ingest::sources::xml_text(nullptr), "");
}

TEST(XmlHelpers, BaseFollowsTheXmlBaseChainThenTheDocumentUrl) {
  auto parsed = parse_xml("<a xml:base=\"https://b.example/x/\"><b xml:base=\"y/\"><c/></b></a>",
                          "https://doc.example/feed.xml", "");
  ASSERT_NE(parsed.doc, nullptr);
  const xmlNode* a = xmlDocGetRootElement(parsed.doc.get());
  const xmlNode* c = ingest::sources::xml_child(ingest::sources::xml_child(a, "b"), "c");
  EXPECT_EQ(ingest::sources::xml_base(parsed.doc.get(), c), "https://b.example/x/y/");
  auto plain = parse_xml("<a><c/></a>", "https://doc.example/feed.xml", "");
  const xmlNode* plain_c = ingest::sources::xml_child(xmlDocGetRootElement(plain.doc.get()), "c");
  EXPECT_EQ(ingest::sources::xml_base(plain.doc.get(), plain_c), "https://doc.example/feed.xml");
}

TEST(StripMarkup, RemovesTagsAndDecodesCommonEntities) {
  EXPECT_EQ(ingest::sources::strip_markup("<p>Cuba &amp; Russia</p><p>sign&nbsp;a <b>deal</b></p>"),
            "Cuba & Russia sign a deal");
  EXPECT_EQ(ingest::sources::strip_markup("&quot;quoted&quot; and &#39;single&#39; &apos;x&apos;"),
            "\"quoted\" and 'single' 'x'");
  EXPECT_EQ(ingest::sources::strip_markup("  plain   text \n"), "plain text");
  EXPECT_EQ(ingest::sources::strip_markup(""), "");
}

TEST(StripMarkup, DecodesAnEscapedAmpersandOnlyOnce) {
  EXPECT_EQ(ingest::sources::strip_markup("Write &amp;lt;p&amp;gt; tags"), "Write &lt;p&gt; tags");
}

TEST(StripMarkup, DecodesNumericAndNamedHtmlEntities) {
  EXPECT_EQ(ingest::sources::strip_markup("Russia&#8217;s plan for Cienfuegos&rsquo; mill &eacute;"),
            "Russia\xE2\x80\x99s plan for Cienfuegos\xE2\x80\x99 mill \xC3\xA9");
  EXPECT_EQ(ingest::sources::strip_markup("&#x2014; dash"), "\xE2\x80\x94 dash");
}

}  // namespace
