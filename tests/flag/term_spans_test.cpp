// flag/term_spans.cpp: finding the rule terms of an item's evidence in its sentences.
#include "flag/term_spans.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

// The highlighted pieces of `sentence`, as text.
std::vector<std::string> marked(std::string_view sentence, const std::vector<std::string>& terms) {
  flag::WordFolder folder;
  std::vector<std::string> out;
  for (const auto& span : flag::term_spans(sentence, terms, folder))
    out.emplace_back(sentence.substr(span.begin, span.end - span.begin));
  return out;
}

using Marks = std::vector<std::string>;

TEST(TermSpans, APrefixTermMarksEveryInflectedFormWhateverItsCase) {
  EXPECT_EQ(marked("Визит КУБИНСКОГО лидера и кубинская делегация", {"кубинск*"}),
            (Marks{"КУБИНСКОГО", "кубинская"}));
}

TEST(TermSpans, AWholeWordTermDoesNotMarkALongerWord) {
  EXPECT_EQ(marked("Cubadebate reports on Cuba", {"cuba"}), Marks{"Cuba"});
}

TEST(TermSpans, AccentsAndCaseAsideATermMatchesTheTextAsWritten) {
  EXPECT_EQ(marked("Díaz-Canel firmó la cooperacion", {"diaz-canel", "cooperación"}),
            (Marks{"Díaz-Canel", "cooperacion"}));
  EXPECT_EQ(marked("DIAZ CANEL viajó", {"Díaz-Canel"}), Marks{"DIAZ CANEL"});
}

TEST(TermSpans, ATermOfSeveralWordsMarksTheWholeRunAndOnlyThatRun) {
  EXPECT_EQ(marked("Llegó a La Habana; la ciudad de Habana no", {"la habana"}), Marks{"La Habana"});
  EXPECT_EQ(marked("la Comisión Intergubernamental Rusia-Cuba", {"comision intergubernamental"}),
            Marks{"Comisión Intergubernamental"});
}

TEST(TermSpans, APossessiveIsLeftOutOfTheMark) {
  EXPECT_EQ(marked("Russia Eyes Management of Cuba's Industrial Production", {"cuba", "russia"}),
            (Marks{"Russia", "Cuba"}));
}

TEST(TermSpans, OverlappingTermsMakeOneMarkInTextOrder) {
  EXPECT_EQ(marked("acuerdos de cooperación firmados", {"cooperación", "acuerdo*", "acuerdos de cooperación"}),
            Marks{"acuerdos de cooperación"});
}

TEST(TermSpans, MarksInAWideScriptAreWholeCharacters) {
  std::string sentence = "古巴 and Russia";
  EXPECT_EQ(marked(sentence, {"古巴", "russia"}), (Marks{"古巴", "Russia"}));
}

TEST(TermSpans, NoTermsOrNoMatchesMarkNothing) {
  EXPECT_TRUE(marked("Cuba and Russia", {}).empty());
  EXPECT_TRUE(marked("Cuba and Russia", {"venezuela", "*"}).empty());
}

}  // namespace
