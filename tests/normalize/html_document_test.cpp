// Tests for normalize/html_document.cpp: charset sniffing, parsing and the DOM helpers.
#include "normalize/html_document.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace normalize
