// ingest/xml_repair.cpp: the HTML entities and bare ampersands of real-world feeds, mended
// so that a strict XML parser reads them.
#include "ingest/sources/xml_repair.h"

#include <gtest/gtest.h>

namespace {

using ingest::sources::repair_xml_references;

TEST(RepairXmlReferences, LeavesAWellFormedDocumentAlone) {
  EXPECT_EQ(repair_xml_references("<a x=\"1&amp;2\">&lt;&gt;&quot;&apos;&#233;&#xE9;</a>"), std::nullopt);
}

TEST(RepairXmlReferences, TurnsHtmlNamesIntoNumericReferences) {
  EXPECT_EQ(repair_xml_references("<t>a&nbsp;b&mdash;c&eacute;&hellip;</t>"),
            "<t>a&#160;b&#8212;c&#233;&#8230;</t>");
}

TEST(RepairXmlReferences, EscapesBareAmpersandsInTextAndAttributes) {
  EXPECT_EQ(repair_xml_references("<a href=\"/p?x=1&y=2\">AT&T & co</a>"),
            "<a href=\"/p?x=1&amp;y=2\">AT&amp;T &amp; co</a>");
}

TEST(RepairXmlReferences, KeepsAnUnknownNameAsTheTextWritten) {
  EXPECT_EQ(repair_xml_references("<t>&bogus;</t>"), "<t>&amp;bogus;</t>");
}

TEST(RepairXmlReferences, EscapesABrokenNumericReference) {
  EXPECT_EQ(repair_xml_references("<t>&#12a; &#;</t>"), "<t>&amp;#12a; &amp;#;</t>");
}

TEST(RepairXmlReferences, LeavesCdataCommentsAndTheDoctypeAsWritten) {
  EXPECT_EQ(repair_xml_references("<!DOCTYPE r [<!ENTITY me \"x&#38;y\">]><r><![CDATA[a & b &nbsp;]]>"
                                  "<!-- c & d --><t>&me; &nbsp;</t></r>"),
            "<!DOCTYPE r [<!ENTITY me \"x&#38;y\">]><r><![CDATA[a & b &nbsp;]]>"
            "<!-- c & d --><t>&me; &#160;</t></r>");
}

TEST(RepairXmlReferences, MendsAnAmpersandAtTheVeryEnd) {
  EXPECT_EQ(repair_xml_references("<t>x&"), "<t>x&amp;");
}

}  // namespace
