// normalize/page_overrides.cpp: an outlet's body and removal XPath expressions.
#include "normalize/page_overrides.h"

#include <gtest/gtest.h>

#include "normalize/html_document.h"

namespace {

using normalize::PageOverrides;

normalize::XmlDocument page(std::string_view html) {
  auto doc = normalize::parse_html(html, "https://n.example/a");
  EXPECT_TRUE(doc) << doc.error().message;
  return doc ? std::move(*doc) : nullptr;
}

constexpr std::string_view kPage =
    "<html><body><div class=\"layout\"><div id=\"textolimpio\"><p>First paragraph of the article.</p>"
    "<div class=\"cibercuba-faq\"><p>Frequently asked: why?</p><div class=\"cibercuba-faq\"><p>nested</p></div></div>"
    "<p>Second paragraph.</p></div><aside><p>Related</p></aside></div></body></html>";

TEST(PageOverrides, ReturnsTheElementTheBodyExpressionSelects) {
  auto doc = page(kPage);
  PageOverrides overrides{"//*[@id='textolimpio']", {}};
  xmlNode* body = normalize::apply_overrides(doc.get(), overrides);
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(normalize::attribute(body, "id"), "textolimpio");
}

TEST(PageOverrides, RemovesWhatTheRemovalExpressionsSelectNestedOrNot) {
  auto doc = page(kPage);
  PageOverrides overrides{"//*[@id='textolimpio']", {"//div[@class='cibercuba-faq']", "//aside"}};
  xmlNode* body = normalize::apply_overrides(doc.get(), overrides);
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(normalize::text_content(body), "First paragraph of the article.Second paragraph.");
  EXPECT_EQ(normalize::text_content(xmlDocGetRootElement(doc.get())).find("Related"), std::string::npos);
}

TEST(PageOverrides, GivesNothingWhenTheBodyIsNotOnThePage) {
  auto doc = page(kPage);
  EXPECT_EQ(normalize::apply_overrides(doc.get(), PageOverrides{"//article", {}}), nullptr);
  EXPECT_EQ(normalize::apply_overrides(doc.get(), PageOverrides{}), nullptr);
}

TEST(PageOverrides, TellsABrokenExpressionFromAGoodOne) {
  EXPECT_EQ(normalize::xpath_error("//div[contains(concat(' ', @class, ' '), ' article__content ')]"), std::nullopt);
  auto error = normalize::xpath_error("//div[@id='x'");
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("not a valid XPath expression"), std::string::npos) << *error;
  EXPECT_TRUE(normalize::xpath_error(""));
}

}  // namespace
