#include "ingest/log/log.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using ingest::log::bounded;

TEST(Bounded, LeavesAShortValueAsItIs) {
  EXPECT_EQ(bounded("https://a.example/news/1"), "https://a.example/news/1");
  std::string exactly(ingest::log::kValueLimit, 'x');
  EXPECT_EQ(bounded(exactly), exactly);
}

TEST(Bounded, CutsAHundredKilobyteUrlToABoundedLengthWithItsKey) {
  std::string url = "https://a.example/" + std::string(100 * 1024, 'a');
  std::string shown = bounded(url);
  EXPECT_LE(shown.size(), ingest::log::kValueLimit + 64);
  EXPECT_TRUE(shown.starts_with("https://a.example/aaa"));
  EXPECT_NE(shown.find(std::to_string(url.size() - (ingest::log::kValueLimit - 64)) + " more bytes, key "),
            std::string::npos)
      << shown;
  // The key tells two long values apart and names one the same way every time.
  std::string other = url;
  other.back() = 'b';
  EXPECT_NE(bounded(other), shown);
  EXPECT_EQ(bounded(url), shown);
}

TEST(Bounded, NeverCutsInsideAUtf8Character) {
  std::string text;
  while (text.size() < 1000) text += "Гавана ";
  std::string shown = bounded(text, 101);
  std::string kept = shown.substr(0, shown.find("...["));
  ASSERT_FALSE(kept.empty());
  ASSERT_TRUE(text.starts_with(kept));
  // The next byte of the text starts a character: the cut fell between two.
  EXPECT_NE(static_cast<unsigned char>(text[kept.size()]) & 0xC0, 0x80u);
}

}  // namespace
