// What a line's words stand for, read one line at a time, as the flagger reads them before
// weighing any sentence.
#include "flag/word_roles.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "flag/rules.h"
#include "flag/term_index.h"
#include "flag/tokenize.h"

namespace flag {
namespace {

struct Line {
  std::string text;
  FoldedWords words;
};

Line read(std::string text) {
  static WordFolder folder{default_rules().index};
  Line line{std::move(text), {}};
  line.words = folder.words_matched(line.text);
  return line;
}

std::vector<NotParty> roles(const std::string& text, bool first_line = false) {
  Line line = read(text);
  std::size_t dateline = first_line ? dateline_words(line.text, line.words) : 0;
  return not_party_words(default_rules(), *default_rules().index, line.text, line.words, dateline);
}

TEST(DatelineWords, AreACityInCapitalsOrAPlaceWithADate) {
  Line moscow = read("MOSCOW, April 10 — Russia said");
  EXPECT_EQ(dateline_words(moscow.text, moscow.words), 1u);
  Line havana = read("LA HABANA, 14 feb. (14ymedio) – La empresa");
  EXPECT_EQ(dateline_words(havana.text, havana.words), 2u);
  Line mexico = read("Ciudad de México, 15 ago (El Universal).- Cuba");
  EXPECT_EQ(dateline_words(mexico.text, mexico.words), 3u);
  Line acronym = read("CUPET, the state company, signed");
  EXPECT_EQ(dateline_words(acronym.text, acronym.words), 0u);
  Line sentence = read("Cuba and Russia signed, on Monday");
  EXPECT_EQ(dateline_words(sentence.text, sentence.words), 0u);
}

TEST(NotPartyWords, ReadAnAdjectiveWithoutAStateBodyAsAnOrigin) {
  auto why = roles("Russian tourists met the Russian ambassador");
  ASSERT_EQ(why.size(), 6u);
  EXPECT_EQ(why[0], NotParty::origin);
  EXPECT_EQ(why[4], NotParty::no);
}

TEST(NotPartyWords, ReadACityAfterALocativeAsAPlaceAndACountryOnlyBesideAnother) {
  auto city = roles("signed in Moscow");
  EXPECT_EQ(city[2], NotParty::place);
  auto alone = roles("a centre in Cuba");
  EXPECT_EQ(alone[3], NotParty::no);
  auto beside = roles("Bolivia signed in Russia");
  EXPECT_EQ(beside[3], NotParty::place);
  // Another country in the next sentence does not make it a place.
  auto apart = roles("a centre in Cuba. Bolivia left");
  EXPECT_EQ(apart[3], NotParty::no);
}

TEST(NotCueWords, AreTheWordsJustAfterAHypotheticalAndInsideANotCuesPhrase) {
  Line could = read("They could sign an agreement. They signed a contract");
  auto no = cue_words(*default_rules().index, could.text, could.words, {}).none;
  ASSERT_EQ(no.size(), 9u);
  EXPECT_TRUE(no[2]);   // sign
  EXPECT_TRUE(no[4]);   // agreement, three words on
  EXPECT_FALSE(no[6]);  // signed, in the next sentence
  Line treated = read("El asunto fue tratado ayer");
  auto tratado = cue_words(*default_rules().index, treated.text, treated.words, {}).none;
  EXPECT_TRUE(tratado[3]);
}

TEST(HomonymAt, FindsTheStateLaterInTheSameSentenceOnly) {
  const Term* idaho = nullptr;
  for (const auto& h : default_rules().homonyms)
    if (h.text == "moscow idaho") idaho = &h;
  ASSERT_NE(idaho, nullptr);
  Line near = read("Moscow, a small college town in the north of Idaho, signed");
  EXPECT_TRUE(homonym_at(near.text, near.words, 0, *idaho));
  Line apart = read("Moscow signed. Idaho did not");
  EXPECT_FALSE(homonym_at(apart.text, apart.words, 0, *idaho));
}

}  // namespace
}  // namespace flag
