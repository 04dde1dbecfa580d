// ingest/web/form.cpp and listing_params.cpp: what a browser sends, read strictly.
#include "ingest/web/form.h"

#include <gtest/gtest.h>

#include "ingest/web/listing_params.h"

namespace {

using ingest::web::parse_form;

TEST(Form, DecodesPlusAndPercentAndKeepsRepeatedNamesInOrder) {
  auto form = parse_form("note=on+topic%21&ids=3&ids=5&empty=&flag");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->get("note"), "on topic!");
  EXPECT_EQ(form->all("ids"), (std::vector<std::string>{"3", "5"}));
  EXPECT_EQ(form->get("empty"), "");
  EXPECT_EQ(form->non_empty("empty"), std::nullopt);
  EXPECT_EQ(form->get("flag"), "");
  EXPECT_EQ(form->get("missing"), std::nullopt);
}

TEST(Form, KeepsLineBreaksAndUtf8InANote) {
  auto form = parse_form("note=l%C3%ADnea%0D%0Aotra");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->get("note"), "línea\r\notra");
}

TEST(Form, RefusesBadEscapesInvalidUtf8AndControlCharacters) {
  EXPECT_FALSE(parse_form("a=%zz"));
  EXPECT_FALSE(parse_form("a=%4"));
  EXPECT_FALSE(parse_form("a=%"));
  EXPECT_FALSE(parse_form("a=%C3"));
  EXPECT_FALSE(parse_form("a=%00"));
  EXPECT_FALSE(parse_form("a=%1B"));
}

TEST(Form, RefusesMoreThanAThousandFields) {
  std::string many;
  for (int i = 0; i < 1001; ++i) many += "a=1&";
  EXPECT_FALSE(parse_form(many));
}

TEST(Form, FindsACookieAmongOthers) {
  EXPECT_EQ(ingest::web::cookie_value("a=1; ingest_session=abc; b=2", "ingest_session"), "abc");
  EXPECT_EQ(ingest::web::cookie_value("xingest_session=abc", "ingest_session"), std::nullopt);
}

TEST(ListingParams, ReadBackTheQueryTheyWrite) {
  auto form = parse_form("state=approved&outlet=The+Moscow+Times&lang=en&since=2026-01-02&min_score=1.5&sort=score&page=3");
  ASSERT_TRUE(form);
  auto params = ingest::web::parse_listing(*form);
  ASSERT_TRUE(params) << params.error();
  EXPECT_EQ(params->query.offset, 2 * ingest::web::kPageSize);
  const std::string query = ingest::web::listing_query(*params, true);
  EXPECT_EQ(query, "?state=approved&outlet=The%20Moscow%20Times&lang=en&since=2026-01-02&min_score=1.5&sort=score&page=3");
  auto again = ingest::web::parse_back(query);
  ASSERT_TRUE(again);
  EXPECT_EQ(ingest::web::listing_query(*again, true), query);
}

TEST(ListingParams, NameTheFieldThatIsWrong) {
  for (const char* bad : {"state=pending", "since=2026-1-2", "min_score=high", "sort=random", "page=0", "page=-1"}) {
    auto form = parse_form(bad);
    ASSERT_TRUE(form);
    auto params = ingest::web::parse_listing(*form);
    ASSERT_FALSE(params) << bad;
    EXPECT_EQ(params.error().substr(0, std::string_view{bad}.find('=')), std::string_view{bad}.substr(0, std::string_view{bad}.find('='))) << params.error();
  }
  EXPECT_FALSE(ingest::web::parse_back("state=flagged"));  // not a query string
}

}  // namespace

namespace {

TEST(Form, ReadsAWholeNumberOnlyWhenItIsDigitsAlone) {
  EXPECT_EQ(ingest::web::whole_number("0"), 0);
  EXPECT_EQ(ingest::web::whole_number("12345"), 12345);
  for (const char* bad : {"", "-1", "+1", "3x", "1e3", " 7", "99999999999999999999"})
    EXPECT_EQ(ingest::web::whole_number(bad), std::nullopt) << bad;
}

}  // namespace
