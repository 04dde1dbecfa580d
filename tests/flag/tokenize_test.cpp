// Tests for flag/tokenize.cpp: ICU sentence and word splitting.
#include "flag/tokenize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "flag/rules.h"

namespace flag {
namespace {

using Strings = std::vector<std::string>;

Strings strings(const std::vector<std::string_view>& views) { return Strings(views.begin(), views.end()); }

TEST(SentencesOf, SplitsOnSentenceEndsAndTrims) {
  EXPECT_EQ(strings(sentences_of("Cuba and Russia met. They signed a deal! Was it new? Yes.")),
            (Strings{"Cuba and Russia met.", "They signed a deal!", "Was it new?", "Yes."}));
}

TEST(SentencesOf, EndsASentenceAtEveryLineBreak) {
  EXPECT_EQ(strings(sentences_of("A headline without a full stop\nThe first paragraph starts here.\n\n"
                         "  Second paragraph.  ")),
            (Strings{"A headline without a full stop", "The first paragraph starts here.",
                     "Second paragraph."}));
}

TEST(SentencesOf, SplitsRussianAndSpanishText) {
  EXPECT_EQ(strings(sentences_of("Россия и Куба подписали соглашение. ¿Qué dijo Moscú? Nada.")),
            (Strings{"Россия и Куба подписали соглашение.", "¿Qué dijo Moscú?", "Nada."}));
}

TEST(SentencesOf, ReturnsNothingForBlankText) {
  EXPECT_TRUE(sentences_of("").empty());
  EXPECT_TRUE(sentences_of("\n \n\t\n").empty());
}

TEST(WordsOf, ReturnsLettersAndDigitsWithoutPunctuation) {
  EXPECT_EQ(words_of("cuba y rusia, 2025: acuerdo (firmado)."),
            (Strings{"cuba", "y", "rusia", "2025", "acuerdo", "firmado"}));
  EXPECT_EQ(words_of("diaz-canel"), (Strings{"diaz", "canel"}));
  EXPECT_EQ(words_of("российско-кубинского соглашения"),
            (Strings{"российско", "кубинского", "соглашения"}));
  EXPECT_TRUE(words_of(" — ,.; ").empty());
}

TEST(WordsOf, WorksOnFoldedText) {
  EXPECT_EQ(words_of(fold("Díaz-Canel visitó MOSCÚ")),
            (Strings{"diaz", "canel", "visito", "moscu"}));
}

TEST(WordsOf, SplitsAtApostrophesButDropsAPossessive) {
  EXPECT_EQ(words_of("l'accord d'etat"), (Strings{"l", "accord", "d", "etat"}));
  EXPECT_EQ(words_of("cuba's deal with russia’s"), (Strings{"cuba", "deal", "with", "russia"}));
  EXPECT_EQ(words_of("it's"), (Strings{"it"}));
  EXPECT_EQ(words_of("o'sullivan"), (Strings{"o", "sullivan"}));
}

TEST(WordFolder, FoldsWordsAsFoldDoesTheWholeText) {
  WordFolder folder;
  for (const char* text : {"Díaz-Canel visitó MOSCÚ", "РОССИЙСКО-КУБИНСКОГО соглашения", "L’Accord de La Havane",
                           "Cuba’s DEAL, 2025"})
    EXPECT_EQ(strings(folder.words(text)), words_of(fold(text))) << text;
  WordFolder fresh;
  EXPECT_EQ(strings(fresh.words("Moscú moscú MOSCÚ Moscú")), (Strings{"moscu", "moscu", "moscu", "moscu"}));
  EXPECT_EQ(fresh.size(), 3u);  // each written form is folded once
}

}  // namespace
}  // namespace flag
