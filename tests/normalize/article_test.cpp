// Tests for normalize/article.cpp: the plain text that flagging and deduplication read.
#include "normalize/article.h"

#include <gtest/gtest.h>

#include <vector>

namespace normalize {
namespace {

TEST(PlainText, JoinsBlocksWithBlankLinesAndDropsEmphasisMarks) {
  std::vector<Block> blocks = {{BlockKind::heading, "A *sub* heading"},
                               {BlockKind::paragraph, "Cuba and **Russia** signed a deal."},
                               {BlockKind::list_item, "First item"},
                               {BlockKind::quote, "*AFP contributed reporting.*"}};
  EXPECT_EQ(plain_text(blocks),
            "A sub heading\n\nCuba and Russia signed a deal.\n\nFirst item\n\nAFP contributed reporting.");
}

TEST(PlainText, IsEmptyForNoBlocks) {
  EXPECT_EQ(plain_text({}), "");
  EXPECT_EQ(plain_text({{BlockKind::paragraph, "Only one."}}), "Only one.");
}

}  // namespace
}  // namespace normalize
