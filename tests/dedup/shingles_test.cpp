// dedup/shingles.cpp: what counts as the same wording.
#include "dedup/shingles.h"

#include <gtest/gtest.h>

namespace {

TEST(Shingles, IgnoreCasePunctuationAndSpacing) {
  EXPECT_EQ(dedup::shingle_hashes("Cuba and Russia signed an agreement in Havana."),
            dedup::shingle_hashes("CUBA AND  RUSSIA, signed *an* agreement\nin Havana"));
  EXPECT_EQ(dedup::shingle_hashes("Куба и Россия подписали соглашение"),
            dedup::shingle_hashes("КУБА И РОССИЯ ПОДПИСАЛИ СОГЛАШЕНИЕ"));
}

TEST(Shingles, AreThreeWordsLongAndCountedOnce) {
  // a b c / b c d / c d a / d a b / a b c again: four distinct shingles.
  EXPECT_EQ(dedup::shingle_hashes("a b c d a b c").size(), 4u);
  EXPECT_NE(dedup::shingle_hashes("a b c"), dedup::shingle_hashes("a c b"));
}

TEST(Shingles, OfAShortTextAreItsWordsTogether) {
  EXPECT_EQ(dedup::shingle_hashes("Havana").size(), 1u);
  EXPECT_EQ(dedup::shingle_hashes("Havana Moscow").size(), 1u);
  EXPECT_TRUE(dedup::shingle_hashes("").empty());
  EXPECT_TRUE(dedup::shingle_hashes(" ... — ").empty());
}

TEST(Shingles, SurviveInvalidUtf8) {
  std::string text = "Cuba \xff\xfe and Russia";
  EXPECT_EQ(dedup::shingle_hashes(text), dedup::shingle_hashes("Cuba and Russia"));
}

}  // namespace
