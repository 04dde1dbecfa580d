// ingest/feed_fields.cpp: the field readers the feed parsers share.
#include <gtest/gtest.h>

#include "ingest/sources/feed_formats.h"

namespace {

using ingest::sources::author_name;
using ingest::sources::plain_text_or_html;

TEST(AuthorName, ReadsTheNameAfterAnAddress) { EXPECT_EQ(author_name("ana@n.example (Ana Pérez)"), "Ana Pérez"); }

TEST(AuthorName, ReadsTheNameBeforeAnAddress) {
  EXPECT_EQ(author_name("Ana Pérez <ana@n.example>"), "Ana Pérez");
  EXPECT_EQ(author_name("Ana Pérez (ana@n.example)"), "Ana Pérez");
}

TEST(AuthorName, KeepsAnAddressAloneAsTheName) { EXPECT_EQ(author_name(" desk@n.example "), "desk@n.example"); }

TEST(AuthorName, KeepsANameWithoutAnAddress) { EXPECT_EQ(author_name("Redacción @CiberCuba"), "Redacción @CiberCuba"); }

TEST(PlainTextOrHtml, ReadsTextWithAClosingTagAsHtml) {
  EXPECT_EQ(plain_text_or_html("<b>Cuba</b> hoy"), "Cuba hoy");
}

TEST(PlainTextOrHtml, ReadsTextWithAReferenceAsHtml) {
  EXPECT_EQ(plain_text_or_html("Caf&eacute; &lt;3"), "Café <3");
}

TEST(PlainTextOrHtml, KeepsOtherTextAsWrittenWithWhitespaceCollapsed) {
  EXPECT_EQ(plain_text_or_html("  5 < 6 and <br> &  more "), "5 < 6 and <br> & more");
}

}  // namespace
