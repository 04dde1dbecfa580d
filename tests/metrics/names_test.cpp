// metrics/names.cpp: what the exposition format accepts as names and label values.
#include "metrics/names.h"

#include <gtest/gtest.h>

namespace {

TEST(Names, AcceptMetricNamesOfLettersDigitsUnderscoresAndColons) {
  for (const char* name : {"ingest_fetches_total", "_private", "job:requests:rate5m", "HTTP2_requests"})
    EXPECT_TRUE(metrics::is_metric_name(name)) << name;
}

TEST(Names, RefuseMetricNamesThatAreEmptyStartWithADigitOrHoldOtherCharacters) {
  for (const char* name : {"", "2xx_total", "ingest-fetches", "ingest fetches", "ingest.fetches", "задержка"})
    EXPECT_FALSE(metrics::is_metric_name(name)) << name;
}

TEST(Names, AcceptLabelNamesWithoutColonsAndRefuseReservedOnes) {
  EXPECT_TRUE(metrics::is_label_name("outlet"));
  EXPECT_TRUE(metrics::is_label_name("_x1"));
  for (const char* name : {"out:let", "__name__", "1st", ""}) EXPECT_FALSE(metrics::is_label_name(name)) << name;
}

TEST(Names, TellWellFormedUtf8FromIllFormed) {
  EXPECT_TRUE(metrics::is_valid_utf8("Radio Habana Cuba, Министерство, 中文, 🇨🇺"));
  EXPECT_TRUE(metrics::is_valid_utf8(""));
  const char* ill_formed[] = {
      "\xff",
      "\xC0\xAF",          // an overlong '/'
      "\xED\xA0\x80",      // a surrogate
      "\xF4\x90\x80\x80",  // past U+10FFFF
      "\xE2\x82",          // cut short
  };
  for (const char* text : ill_formed) EXPECT_FALSE(metrics::is_valid_utf8(text));
}

TEST(Names, ReplaceEachIllFormedByteWithTheReplacementCharacter) {
  EXPECT_EQ(metrics::to_valid_utf8("Granma"), "Granma");
  EXPECT_EQ(metrics::to_valid_utf8("a\xff" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(metrics::to_valid_utf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(metrics::to_valid_utf8("Куба\xC0"), "Куба\xEF\xBF\xBD");
}

}  // namespace
