// Tests for normalize/html_document.cpp: charset sniffing, parsing and the DOM helpers.
#include "normalize/html_document.h"

#include <gtest/gtest.h>

#include <unicode/unistr.h>

#include <string>

namespace normalize {
namespace {

TEST(SniffHtmlCharset, ReadsByteOrderMarksAndMetaTags) {
  EXPECT_EQ(sniff_html_charset("\xEF\xBB\xBF<html>"), "utf-8");
  EXPECT_EQ(sniff_html_charset("\xFF\xFE<\0h\0"), "utf-16le");
  EXPECT_EQ(sniff_html_charset("<html><head><meta charset=\"UTF-8\"></head>"), "utf-8");
  EXPECT_EQ(sniff_html_charset("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                               "charset=windows-1251\">"),
            "windows-1251");
  EXPECT_EQ(sniff_html_charset("<META CHARSET='ISO-8859-1'>"), "iso-8859-1");
  EXPECT_EQ(sniff_html_charset("<html><head><meta name=\"viewport\" content=\"width=1\">"), "");
  EXPECT_EQ(sniff_html_charset(""), "");
}

TEST(ParseHtml, ParsesMarkupIntoADocument) {
  auto doc = parse_html("<html lang=\"en\"><body><p class=\"x\">Hello <b>world</b></p></body></html>",
                        "https://example.com/");
  ASSERT_TRUE(doc) << doc.error().message;
  xmlNode* root = xmlDocGetRootElement(doc->get());
  ASSERT_TRUE(is_element(root, "html"));
  EXPECT_TRUE(is_element(root, "HTML"));
  EXPECT_EQ(attribute(root, "lang"), "en");
  EXPECT_EQ(attribute(root, "missing"), "");
  EXPECT_EQ(text_content(root), "Hello world");
}

TEST(ParseHtml, RejectsEmptyBinaryAndMarkuplessInput) {
  for (const std::string& bytes :
       {std::string{}, std::string{"<html>\0\0\0</html>", 16}, std::string(5000, 'x') + "<p>"}) {
    auto doc = parse_html(bytes, "");
    ASSERT_FALSE(doc.has_value()) << bytes.size() << " bytes";
    EXPECT_EQ(doc.error().code, Error::Code::bad_input);
  }
}

TEST(ParseHtml, FallsBackToUtf8ForAnUnknownCharset) {
  auto doc = parse_html("<html><body><p>Díaz-Canel</p></body></html>", "", "x-no-such-charset");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(text_content(xmlDocGetRootElement(doc->get())), "Díaz-Canel");
}

TEST(ParseHtml, HonoursTheHttpCharsetOverTheDefault) {
  auto doc = parse_html("<html><body><p>\xCF\xF3\xF2\xE8\xED</p></body></html>", "", "windows-1251");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(text_content(xmlDocGetRootElement(doc->get())), "Путин");
}

TEST(ParseHtml, ReadsUtf8BytesAsUtf8WhateverTheMetaTagSays) {
  // Pages stored as UTF-8 that kept their first <meta charset>: read as GB2312 they would be
  // mojibake (or, with bytes GB2312 lacks, nothing at all).
  auto doc = parse_html("<html><head><meta http-equiv=\"content-type\" content=\"text/html;"
                        "charset=GB2312\"/></head><body><p>新华社北京4月24日电</p></body></html>",
                        "");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(text_content(xmlDocGetRootElement(doc->get())), "新华社北京4月24日电");
}

TEST(ParseHtml, GuessesTheEncodingOfUndeclaredLegacyBytes) {
  // Shift_JIS without any declaration: not UTF-8, and not the windows-1252 a browser would
  // assume either.
  const std::string text =
      "気象庁は十三日、日向灘で震度五弱の地震があったと発表した。震源の深さは約三十キロ、"
      "地震の規模は六・九と推定される。この地震で、気象庁は高知県と宮崎県に津波注意報を出した。"
      "各地の震度は次のとおり。宮崎県の高鍋町、新富町、宮崎市で震度五弱を観測した。";
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  std::string shift_jis(static_cast<std::size_t>(unicode.length()) * 4, '\0');
  auto length = unicode.extract(0, unicode.length(), shift_jis.data(),
                                static_cast<uint32_t>(shift_jis.size()), "Shift_JIS");
  shift_jis.resize(static_cast<std::size_t>(length));
  ASSERT_NE(shift_jis, text);
  auto doc = parse_html("<html><body><p>" + shift_jis + "</p></body></html>", "");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(text_content(xmlDocGetRootElement(doc->get())), text);
}

TEST(ParseHtml, KeepsALegacyDeclarationForBytesThatAreNotUtf8) {
  // "Путин" in windows-1251 next to a meta tag that says so.
  auto doc = parse_html("<html><head><meta charset=\"windows-1251\"></head><body><p>\xCF\xF3\xF2"
                        "\xE8\xED</p></body></html>", "");
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(text_content(xmlDocGetRootElement(doc->get())), "Путин");
}

TEST(WalkTree, VisitsInDocumentOrderAndLeavesEachEnteredElement) {
  auto doc = parse_html("<html><body><div><p>a<b>b</b></p><script>x</script><p>c</p></div></body></html>", "");
  ASSERT_TRUE(doc) << doc.error().message;
  std::string trace;
  walk_tree(xmlDocGetRootElement(doc->get()), [&](xmlNode* n) {
    if (n->type == XML_TEXT_NODE) trace += reinterpret_cast<const char*>(n->content);
    if (n->type != XML_ELEMENT_NODE) return false;
    trace += std::string{"<"} + reinterpret_cast<const char*>(n->name) + ">";
    return !is_element(n, "script");
  }, [&](xmlNode* n) { trace += std::string{"</"} + reinterpret_cast<const char*>(n->name) + ">"; });
  EXPECT_EQ(trace, "<body><div><p>a<b>b</b></p><script><p>c</p></div></body>");
}

}  // namespace
}  // namespace normalize
