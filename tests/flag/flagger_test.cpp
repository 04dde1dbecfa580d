// Tests for flag/flagger.cpp: the verdict of the shipped Cuba-Russia rules on the corpus seeds,
// on the fixture site's pages, and on sentences that probe each rule.
#include "flag/flagger.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "flag/rules.h"
#include "flag/tokenize.h"
#include "normalize/article.h"
#include "normalize/html_extractor.h"
#include "normalize/seed_format.h"
#include "tests/support/test_files.h"

namespace flag {
namespace {

using test_support::read_file;
using test_support::source_path;

const std::string kOrigin = "http://127.0.0.1:8931";

TopicVerdict verdict_of(std::string_view text, std::string_view title = {}) {
  return evaluate(default_rules(), title, text);
}

bool has_term(const Evidence& evidence, std::string_view term) {
  return std::find(evidence.terms.begin(), evidence.terms.end(), term) != evidence.terms.end();
}

std::string describe(const TopicVerdict& v) {
  std::string out = "score " + std::to_string(v.score) + "\n";
  for (const auto& e : v.evidence) {
    out += "  [" + std::to_string(e.weight) + "] " + e.sentence + " |";
    for (const auto& t : e.terms) out += " " + t;
    out += "\n";
  }
  return out;
}

normalize::Article fixture_article(const std::string& path) {
  std::string html = read_file(source_path("tests/fixtures/site/" + path));
  html = test_support::with_origin(html, kOrigin);
  normalize::ExtractOptions options;
  options.url = kOrigin + "/" + path;
  auto article = normalize::extract_article(html, options);
  if (!article) throw std::runtime_error(path + ": " + article.error().message);
  return *article;
}

TopicVerdict verdict_of_article(const normalize::Article& article) {
  return evaluate(default_rules(), article.title, normalize::plain_text(article.blocks));
}

// --- The corpus and the fixture site ----------------------------------------------------

TEST(Evaluate, FlagsAllFiveSeeds) {
  for (const char* file : {"000_f638798d4e6aeb8a.txt", "001_a03e604598e42abc.txt",
                           "002_4a3a340b16a89f33.txt", "003_bab5c734186a52be.txt",
                           "004_9b3700362939b385.txt"}) {
    auto seed = normalize::parse_seed(read_file(source_path(std::string{"tests/data/seeds/"} + file)));
    ASSERT_TRUE(seed) << file << ": " << seed.error().message;
    TopicVerdict v = evaluate(default_rules(), seed->title, normalize::plain_text(seed->blocks));
    EXPECT_TRUE(v.flagged) << file << "\n" << describe(v);
    EXPECT_GE(v.score, default_rules().threshold) << file;
    EXPECT_FALSE(v.evidence.empty()) << file;
    EXPECT_EQ(v.rules_version, "cuba-russia-agreements@6");
  }
}

TEST(Evaluate, FlagsTheFourSeedBasedFixturePages) {
  for (const char* path :
       {"moscowtimes/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469",
        "radiohc/en/noticias/internacionales/339611-cuba-and-russia-committed-to-broadening-cooperation",
        "cibercuba/noticias/"
        "2025-05-12-u1-e199572-s27061-nid301234-diaz-canel-rinde-homenaje-victimas-sitio-leningrado",
        "cubaheadlines/articles/158391"}) {
    TopicVerdict v = verdict_of_article(fixture_article(path));
    EXPECT_TRUE(v.flagged) << path << "\n" << describe(v);
  }
}

TEST(Evaluate, DoesNotFlagTheNineUnrelatedFixturePages) {
  for (const char* path : {
           // Russia only, Russia-China deal, hockey
           "moscowtimes/2026/03/20/russias-central-bank-cuts-key-rate-to-15-as-inflation-slows-a92301",
           "moscowtimes/2026/04/08/russia-and-china-sign-binding-deal-on-power-of-siberia-2-gas-pipeline-a92441",
           "moscowtimes/2026/04/21/lokomotiv-yaroslavl-beat-ak-bars-to-win-second-straight-gagarin-cup-a92655",
           // Cuba only, Cuba-China deal
           "radiohc/en/noticias/nacionales/"
           "352310-sugar-harvest-gets-under-way-in-cienfuegos-with-three-mills-operating",
           "radiohc/en/noticias/internacionales/"
           "339455-china-donates-photovoltaic-solar-parks-to-cuba-under-new-agreement",
           // Cuba only: blackouts, baseball (Spanish)
           "cibercuba/noticias/"
           "2025-11-03-u1-e199572-s27061-nid315880-union-electrica-preve-afectacion-1750-mw-horario-pico",
           "cibercuba/noticias/"
           "2025-06-29-u1-e199483-s27061-nid306455-industriales-deja-en-el-terreno-santiago-cuba-"
           "semifinal-serie-nacional",
           // Cuba only: tourism, Cuba-Venezuela oil
           "cubaheadlines/articles/158502",
           "cubaheadlines/articles/157944",
       }) {
    normalize::Article article = fixture_article(path);
    ASSERT_GE(article.blocks.size(), 3u) << path;
    TopicVerdict v = verdict_of_article(article);
    EXPECT_FALSE(v.flagged) << path << "\n" << describe(v);
  }
}

TEST(Evaluate, DoesNotFlagAnArticleMentioningNeitherCountry) {
  TopicVerdict v = verdict_of_article(fixture_article("broken/fine-article"));
  EXPECT_FALSE(v.flagged) << describe(v);
  EXPECT_EQ(v.score, 0);
}

// --- The rules, sentence by sentence ----------------------------------------------------

TEST(Evaluate, FlagsAnAgreementBetweenBothPartiesInOneSentence) {
  TopicVerdict v = verdict_of("Cuba and Russia signed an agreement on oil supplies.");
  EXPECT_TRUE(v.flagged) << describe(v);
  EXPECT_DOUBLE_EQ(v.score, 1.0);
}

TEST(Evaluate, CountsADeniedAgreementAgainstTheArticle) {
  TopicVerdict negated = verdict_of("Cuba and Russia denied signing any agreement.");
  EXPECT_FALSE(negated.flagged) << describe(negated);
  EXPECT_EQ(negated.score, -default_rules().denial_penalty);
  ASSERT_EQ(negated.evidence.size(), 1u);  // shown, so a reviewer sees why
  EXPECT_LT(negated.evidence[0].weight, 0);
  EXPECT_TRUE(has_term(negated.evidence[0], "denied"));

  // Reporting the rumoured deal at length does not outweigh the denial.
  TopicVerdict denial = verdict_of(
      "Reports said Russia and Cuba had signed a secret agreement on a naval base. "
      "The Kremlin denied that Moscow and Havana had signed any such agreement.");
  EXPECT_FALSE(denial.flagged) << describe(denial);

  TopicVerdict spanish = verdict_of("El gobierno de Cuba desmintió el acuerdo con Rusia.");
  EXPECT_FALSE(spanish.flagged) << describe(spanish);

  // The same sentence without the negation counts.
  TopicVerdict affirmed = verdict_of("Cuba and Russia announced signing an agreement.");
  EXPECT_TRUE(affirmed.flagged) << describe(affirmed);
}

TEST(Evaluate, DoesNotCreditCubaAndRussiaWithAnotherCountrysAgreement) {
  // Cuba's deal with China, Russia in the next sentence.
  TopicVerdict china = verdict_of(
      "Cuba and China signed an agreement on solar parks on Monday. "
      "Russia's deputy foreign minister was in Havana the same day for unrelated talks.");
  EXPECT_FALSE(china.flagged) << describe(china);
  // Russia's treaty with Venezuela, Cuba's president among the guests.
  TopicVerdict venezuela = verdict_of(
      "Russia and Venezuela signed a strategic partnership treaty in Moscow. "
      "The delegations also signed agreements on geology. Cuban President Diaz-Canel attended the parade.");
  EXPECT_FALSE(venezuela.flagged) << describe(venezuela);
  // Both parties and a third in one sentence: half the weight, so alone it does not flag.
  TopicVerdict mixed = verdict_of("Cuba, China and Russia signed an agreement.");
  EXPECT_EQ(mixed.score, 0.5) << describe(mixed);
  // Nothing when the agreement's counterpart is the other country.
  TopicVerdict with_china = verdict_of("Cuba signed an agreement with China while Russia watched.");
  EXPECT_EQ(with_china.score, 0) << describe(with_china);
  // Without the other country the same agreement flags.
  EXPECT_TRUE(verdict_of("Cuba signed an agreement with Russia.").flagged);
}

TEST(Evaluate, ReadsAnAgreementNearCubaAsTheHeadlinesOtherPairing) {
  const std::string body =
      "Rosneft signed the extension on Friday. The deal was announced at the forum, Russia's flagship event. "
      "Cuba's deputy prime minister was in the hall.";
  TopicVerdict india = verdict_of(body, "Rosneft and Indian refiner agree to extend oil deal");
  EXPECT_FALSE(india.flagged) << describe(india);
  // Without a headline naming another country, the same sentences flag.
  EXPECT_TRUE(verdict_of(body, "Rosneft extends oil deal").flagged);
}

TEST(Evaluate, SetsAsideTownsNamedLikeAParty) {
  TopicVerdict idaho = verdict_of(
      "The city council of Moscow, Idaho approved a contract with a builder from Havana, Florida. "
      "Moscow will pay for the new library in three instalments.");
  EXPECT_FALSE(idaho.flagged) << describe(idaho);
  TopicVerdict missouri = verdict_of(
      "Cuba, Missouri signed a contract for new murals. The painter was born in Russia and moved to Cuba in 1999.");
  EXPECT_FALSE(missouri.flagged) << describe(missouri);
  // The country itself is still recognised in an article without the homonym.
  EXPECT_TRUE(verdict_of("The painter said Cuba signed a contract with Russia.").flagged);
}

TEST(Evaluate, SetsAsideEveryInflectedFormOfATownsName) {
  // "Куба в Миссури" names the town in the nominative; "Кубы" (genitive) is the same town.
  TopicVerdict town = verdict_of(
      "Городской совет Кубы подписал договор с художницей из России.", "Городок Куба в Миссури заказал муралы");
  EXPECT_FALSE(town.flagged) << describe(town);
  EXPECT_TRUE(verdict_of("Правительство Кубы подписало договор с Россией.").flagged);
}

TEST(Evaluate, LeavesAnArticleAboutTwoTownsNamedLikeBothPartiesUnflagged) {
  TopicVerdict towns = verdict_of(
      "Власти города Москва в американском штате Айдахо заключили договор с компанией из городка Куба в штате "
      "Миссури. В соцсетях шутили о «российско-кубинском контракте».");
  EXPECT_FALSE(towns.flagged) << describe(towns);
  EXPECT_TRUE(towns.evidence.empty());
  // One town alone leaves the other party's name standing.
  TopicVerdict one = verdict_of("Cuba, Missouri signed a contract. Cuba signed a contract with Russia.");
  EXPECT_FALSE(one.flagged) << describe(one);
}

TEST(Evaluate, RequiresThePartiesWithinTheWindowOfTheCue) {
  const std::string parties = "Officials from Cuba and Russia met on Monday. ";
  const std::string cue = "Russia announced a new agreement later in the week.";
  TopicVerdict far = verdict_of("Officials from Cuba met on Monday. The weather was warm and sunny. Many "
                                "tourists visited the beaches. " + cue);
  EXPECT_FALSE(far.flagged) << describe(far);
  EXPECT_EQ(far.score, 0);

  TopicVerdict near = verdict_of(parties + cue);
  EXPECT_TRUE(near.flagged) << describe(near);
  ASSERT_EQ(near.evidence.size(), 1u);
  EXPECT_EQ(near.evidence[0].sentence, cue);

  // The other party may be in the sentence before or after.
  TopicVerdict after = verdict_of(cue + " Cuba welcomed it.");
  EXPECT_TRUE(after.flagged) << describe(after);
}

TEST(Evaluate, RequiresTheCuesOwnSentenceToNameAParty) {
  // Its parties would otherwise come from whatever the sentences around it name.
  TopicVerdict v = verdict_of("The Cuban government met Russia's envoy. The contract's value was not disclosed. "
                              "Russia's envoy then left.");
  EXPECT_FALSE(v.flagged) << describe(v);
}

TEST(Evaluate, MatchesWholeWordsSoAccordingDoesNotMatchAccord) {
  TopicVerdict according = verdict_of("According to officials in Havana, Russia remains an important friend.");
  EXPECT_FALSE(according.flagged) << describe(according);
  EXPECT_EQ(according.score, 0);

  TopicVerdict accord = verdict_of("Havana officials said Russia reached an accord.");
  EXPECT_TRUE(accord.flagged) << describe(accord);
  ASSERT_FALSE(accord.evidence.empty());
  EXPECT_TRUE(has_term(accord.evidence[0], "accord"));

  // "Cubana" is a prefix match, "Cubalandia"-like words are not "cuba".
  TopicVerdict compound = verdict_of("Cubalandia and Russian firms signed an agreement.");
  EXPECT_FALSE(compound.flagged) << describe(compound);
}

TEST(Evaluate, MatchesRussianInflectionsThroughPrefixTerms) {
  TopicVerdict compound = verdict_of("Стороны обсудили реализацию российско-кубинского соглашения.");
  EXPECT_TRUE(compound.flagged) << describe(compound);
  ASSERT_FALSE(compound.evidence.empty());
  EXPECT_TRUE(has_term(compound.evidence[0], "российско"));
  EXPECT_TRUE(has_term(compound.evidence[0], "кубинск*"));
  EXPECT_TRUE(has_term(compound.evidence[0], "соглашени*"));

  TopicVerdict plain = verdict_of("Россия и Куба подписали соглашение о поставках нефти.");
  EXPECT_TRUE(plain.flagged) << describe(plain);
  ASSERT_FALSE(plain.evidence.empty());
  EXPECT_TRUE(has_term(plain.evidence[0], "россия"));
  EXPECT_TRUE(has_term(plain.evidence[0], "куба"));
  EXPECT_TRUE(has_term(plain.evidence[0], "подписал*"));

  TopicVerdict cases = verdict_of("Делегация Кубы прибыла в Москву, где с российской стороной был подписан меморандум.");
  EXPECT_TRUE(cases.flagged) << describe(cases);
}

TEST(Evaluate, MatchesSpanishWithOrWithoutAccents) {
  for (std::string_view text : {"Cuba y Rusia firmaron un acuerdo de cooperación.",
                                "Cuba y Rusia firmaron un acuerdo de cooperacion.",
                                "CUBA Y RUSIA FIRMARON UN ACUERDO DE COOPERACIÓN.",
                                "Moscú y La Habana iniciaron la negociación de un convenio."}) {
    TopicVerdict v = verdict_of(text);
    EXPECT_TRUE(v.flagged) << text << "\n" << describe(v);
  }
}

TEST(Evaluate, ListsTheSentenceAndTheMatchedTermsAsEvidence) {
  const std::string sentence = "Cuba y Rusia firmaron un acuerdo de cooperación.";
  TopicVerdict v = verdict_of("El tiempo fue bueno en la capital. " + sentence);
  ASSERT_EQ(v.evidence.size(), 1u) << describe(v);
  const Evidence& e = v.evidence[0];
  EXPECT_EQ(e.sentence, sentence);
  EXPECT_DOUBLE_EQ(e.weight, 1.0);
  for (const char* term : {"cuba", "rusia", "firmaron", "acuerdo*", "cooperacion"})
    EXPECT_TRUE(has_term(e, term)) << term << "\n" << describe(v);
  // Each term once, as written in the rules.
  std::vector<std::string> sorted = e.terms;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
  EXPECT_FALSE(has_term(e, "acuerdo")) << "terms are reported as written, with their star";
}

TEST(Evaluate, ReportsTheRulesVersionAsNameAtVersion) {
  EXPECT_EQ(verdict_of("Nothing relevant here.").rules_version, "cuba-russia-agreements@6");
  auto custom = parse_rules(
      "name = \"t\"\nversion = \"2026-04\"\nfirst_party = [\"a\"]\nsecond_party = [\"b\"]\n"
      "[[cue]]\nterms = [\"c\"]\n",
      "custom.toml");
  ASSERT_TRUE(custom) << custom.error().message;
  EXPECT_EQ(evaluate(*custom, "", "a b c").rules_version, "t@2026-04");
}

TEST(Evaluate, AddsUpCueWeightsAgainstTheThreshold) {
  TopicVerdict one_weak = verdict_of("Cuba and Russia discussed cooperation.");
  EXPECT_DOUBLE_EQ(one_weak.score, 0.5) << describe(one_weak);
  EXPECT_FALSE(one_weak.flagged);

  TopicVerdict two_weak = verdict_of("Cuba and Russia discussed cooperation. The weather was fine. "
                                "Tourists came. Havana and Moscow plan joint projects.");
  EXPECT_DOUBLE_EQ(two_weak.score, 1.0) << describe(two_weak);
  EXPECT_TRUE(two_weak.flagged);
}

TEST(Evaluate, ListsTheStrongestEvidenceFirst) {
  TopicVerdict v = verdict_of("Cuba and Russia discussed cooperation. The weather was fine. "
                         "Tourists came. Havana and Moscow signed a treaty.");
  ASSERT_EQ(v.evidence.size(), 2u) << describe(v);
  EXPECT_EQ(v.evidence[0].sentence, "Havana and Moscow signed a treaty.");
  EXPECT_DOUBLE_EQ(v.evidence[0].weight, 1.0);
  EXPECT_DOUBLE_EQ(v.evidence[1].weight, 0.5);
  EXPECT_DOUBLE_EQ(v.score, 1.5);
}

TEST(Evaluate, CountsTheTitleAsASentenceOfItsOwn) {
  TopicVerdict title_only = verdict_of("", "Cuba and Russia Sign Energy Agreement");
  EXPECT_TRUE(title_only.flagged) << describe(title_only);
  ASSERT_EQ(title_only.evidence.size(), 1u);
  EXPECT_EQ(title_only.evidence[0].sentence, "Cuba and Russia Sign Energy Agreement");

  // Parties in the title do not complete a cue in the body's first sentence, and vice versa.
  TopicVerdict split = verdict_of("An agreement was signed on Monday.", "Cuba and Russia");
  EXPECT_FALSE(split.flagged) << describe(split);
}

TEST(Evaluate, ReturnsNothingForEmptyInput) {
  TopicVerdict v = verdict_of("", "");
  EXPECT_FALSE(v.flagged);
  EXPECT_EQ(v.score, 0);
  EXPECT_TRUE(v.evidence.empty());
  EXPECT_EQ(v.rules_version, "cuba-russia-agreements@6");
}

TEST(Evaluate, HonoursACustomWindow) {
  auto rules = parse_rules(
      "window = 0\nfirst_party = [\"cuba\"]\nsecond_party = [\"russia\"]\n"
      "[[cue]]\nterms = [\"agreement*\"]\n",
      "window0.toml");
  ASSERT_TRUE(rules) << rules.error().message;
  EXPECT_FALSE(evaluate(*rules, "", "Cuba and Russia met. They signed an agreement.").flagged);
  EXPECT_TRUE(evaluate(*rules, "", "Cuba and Russia signed agreements.").flagged);
}

TEST(Evaluate, IgnoresAgreementsThatHaveNotBeenSigned) {
  for (std::string_view text : {"Cuba and Russia have not signed an agreement yet.",
                                "Havana said Moscow has not signed the oil agreement."}) {
    TopicVerdict v = verdict_of(text);
    EXPECT_FALSE(v.flagged) << text << "\n" << describe(v);
  }
}

TEST(Evaluate, RecognisesRussiaWithATypographicApostrophe) {
  TopicVerdict v = verdict_of("Cuba signed an agreement with Russia’s state oil company.");
  EXPECT_TRUE(v.flagged) << describe(v);
  TopicVerdict ascii = verdict_of("Cuba signed an agreement with Russia's state oil company.");
  EXPECT_TRUE(ascii.flagged) << describe(ascii);
}

TEST(Evaluate, RecognisesCubaInThePossessive) {
  TopicVerdict v = verdict_of("Russia will help modernise Cuba's power plants under an agreement "
                         "signed on Monday.");
  EXPECT_TRUE(v.flagged) << describe(v);
  TopicVerdict curly = verdict_of("Russia will help modernise Cuba’s power plants under an agreement "
                             "signed on Monday.");
  EXPECT_TRUE(curly.flagged) << describe(curly);
}

}  // namespace
}  // namespace flag

namespace flag {
namespace {

TEST(Evaluate, SetsAsideAPartyWordInsideAPhraseThatNamesSomethingElse) {
  TopicVerdict ride = verdict_of(
      "El ayuntamiento firmó un contrato para instalar una montaña rusa. En el bar del parque se servirá cuba libre.");
  EXPECT_FALSE(ride.flagged) << describe(ride);
  ASSERT_TRUE(ride.evidence.empty());
  // Outside the phrase the same words are parties again.
  EXPECT_TRUE(verdict_of("Cuba y Rusia firmaron un contrato para instalar una montaña rusa.").flagged);
}

TEST(Evaluate, ReadsAPartyWordNextToAPersonsTradeOrAPrivateBodyAsTheirOrigin) {
  TopicVerdict pianist = verdict_of("The Cuban-Russian pianist signed a recording contract with a Berlin label.");
  EXPECT_FALSE(pianist.flagged) << describe(pianist);
  TopicVerdict firm = verdict_of("A private Russian tour firm signed a contract with Cuban hotels owned by a Spanish chain.");
  EXPECT_FALSE(firm.flagged) << describe(firm);
  TopicVerdict singer = verdict_of("La cantante cubana firmó un contrato con un sello ruso.");
  EXPECT_FALSE(singer.flagged) << describe(singer);
}

TEST(Evaluate, ReadsAPartyAfterALocativeAsThePlaceNotASigner) {
  TopicVerdict hosted = verdict_of("Bolivia and Nicaragua signed a fertiliser agreement in Moscow, the Cuban delegation said.");
  EXPECT_FALSE(hosted.flagged) << describe(hosted);
  TopicVerdict spanish = verdict_of("Vietnam y Laos firmaron en La Habana un acuerdo arrocero, informó la agencia rusa.");
  EXPECT_FALSE(spanish.flagged) << describe(spanish);
  // A signer is still one when it is named too. A city after a locative is always the place;
  // a country is a party unless its sentence names another country.
  EXPECT_TRUE(verdict_of("Cuba and Russia signed an agreement in Moscow.").flagged);
  EXPECT_FALSE(verdict_of("The Cuban delegation flew in on Monday and signed a memorandum in Moscow.").flagged);
  EXPECT_TRUE(verdict_of("The Russian government signed a memorandum to build a training centre in Cuba.").flagged);
  EXPECT_FALSE(verdict_of("Bolivia signed a memorandum with a Cuban ministry in Russia.").flagged);
}

TEST(Evaluate, ShowsThePartyWordsItSetAsideInTheEvidence) {
  TopicVerdict hosted = verdict_of(
      "Vietnam signed a rice deal in Havana. Cuba and Russia signed an oil agreement the same day.");
  ASSERT_TRUE(hosted.flagged) << describe(hosted);
  bool place = false;
  for (const auto& e : hosted.evidence)
    place = place || std::find(e.not_parties.begin(), e.not_parties.end(), "Havana (a place)") != e.not_parties.end();
  EXPECT_TRUE(place) << describe(hosted);
  TopicVerdict v = verdict_of("Cuba and Russia signed the agreement, and a Cuban singer performed.");
  ASSERT_TRUE(v.flagged) << describe(v);
  ASSERT_FALSE(v.evidence.empty());
  const auto& set_aside = v.evidence.front().not_parties;
  EXPECT_NE(std::find(set_aside.begin(), set_aside.end(), "Cuban (a person or a private body)"), set_aside.end());
}

TEST(Evaluate, ReadsAPartysAdjectiveAsAPartyOnlyBesideAStateBodyOrTheAgreement) {
  EXPECT_FALSE(verdict_of("Russian tourists signed a contract with a Cuban hotel.").flagged);
  EXPECT_FALSE(verdict_of("Кубинские студенты подписали договор с российскими вузами.").flagged);
  EXPECT_TRUE(verdict_of("The Russian government signed a contract with the Cuban energy ministry.").flagged);
  EXPECT_TRUE(verdict_of("El canciller cubano y el ministro ruso firmaron un acuerdo.").flagged);
  EXPECT_TRUE(verdict_of("Стороны обсудили российско-кубинское соглашение.").flagged);
  // A state company whose name starts with the adjective is still one.
  EXPECT_TRUE(verdict_of("«Российские железные дороги» подписали контракт с Кубой.").flagged);
  // The adjective's reach stops at the end of its sentence.
  EXPECT_FALSE(verdict_of("He met a Russian. Contracts with Cuba followed.").flagged);
  TopicVerdict v = verdict_of("Cuba signed the agreement, and Russian tourists came.");
  EXPECT_FALSE(v.flagged);
}

TEST(Evaluate, LetsAnAdjectiveOfOriginStandForItsPartyWhenTheSentenceNamesBothStates) {
  TopicVerdict v = verdict_of(
      "Russian wheat arrived in Havana under an agreement that Cuba and the two governments signed in 2023.");
  EXPECT_TRUE(v.flagged) << describe(v);
  EXPECT_FALSE(verdict_of("Russian wheat arrived under an agreement that Cuba signed in 2023.").flagged);
}

TEST(Evaluate, ReadsTheDatelineAsWhereTheStoryWasFiled) {
  EXPECT_FALSE(verdict_of("MOSCOW, May 3 — Cuba and Venezuela signed an oil agreement.").flagged);
  EXPECT_FALSE(verdict_of("ГАВАНА, 3 февраля. Россия подписала соглашение с Никарагуа.").flagged);
  // An acronym in capitals is no dateline, and only the first line has one.
  EXPECT_TRUE(verdict_of("CUPET, the Cuban state company, signed a contract with Russia.").flagged);
  EXPECT_TRUE(verdict_of("Cuba signed a deal.\nMOSCOW, the Kremlin said, welcomed the deal.").flagged);
}

TEST(Evaluate, KeepsANameAfterATitleInItsSentence) {
  TopicVerdict v = verdict_of("The deal was signed by Cuba and St. Petersburg officials.");
  EXPECT_TRUE(v.flagged) << describe(v);
  auto sentences = flag::sentences_of("It was signed in St. Petersburg. Then Cuba left.");
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0], "It was signed in St. Petersburg.");
}

TEST(Evaluate, ReadsACueAfterAHypotheticalOrInsideAnotherPhraseAsNoCue) {
  EXPECT_FALSE(verdict_of("Russia and Cuba could sign several documents in the autumn.").flagged);
  EXPECT_FALSE(verdict_of("Rusia y Cuba podrían firmar contratos el próximo año.").flagged);
  EXPECT_FALSE(verdict_of("Россия и Куба могут подписать соглашение в будущем.").flagged);
  EXPECT_FALSE(verdict_of("El asunto fue tratado por Cuba y Rusia esta semana.").flagged);
  // Hearsay, before or after the cue in its clause.
  EXPECT_FALSE(verdict_of("Вопрос о кредите Кубе якобы поднимут на заседании в Москве.").flagged);
  EXPECT_FALSE(verdict_of("Russia allegedly signed a secret deal with Cuba, a blogger wrote.").flagged);
  // Either may be several words.
  EXPECT_FALSE(verdict_of("Russia did not rule out signing an oil agreement with Cuba next year.").flagged);
  EXPECT_FALSE(verdict_of("По неофициальным данным Россия подписала соглашение с Кубой.").flagged);
  EXPECT_FALSE(verdict_of("La delegación de la Duma de Rusia dejó Cuba sin un solo documento firmado.").flagged);
  EXPECT_FALSE(verdict_of("Cuban foreign minister ends Moscow visit with warm words but no new deals").flagged);
  // People who negotiate are no agreement.
  EXPECT_FALSE(verdict_of("Negotiators from Cuba met Russian diplomats at a reception.").flagged);
  // A plan is still an agreement to come.
  EXPECT_TRUE(verdict_of("Russia and Cuba will sign an energy agreement in the autumn.").flagged);
  EXPECT_TRUE(verdict_of("Cuba y Rusia firmaron un tratado de amistad.").flagged);
}

TEST(Evaluate, ReadsAPartyWordAfterAPrivateBodyAndOfAsThatBodysPlace) {
  EXPECT_FALSE(verdict_of("The Council of Churches of Cuba signed a memorandum with a Russian church.").flagged);
  EXPECT_FALSE(verdict_of("La federación de estudiantes de La Habana firmó un acuerdo con estudiantes rusos.").flagged);
}

TEST(Evaluate, ReadsBothHalvesOfADoubleOriginAlike) {
  EXPECT_FALSE(verdict_of("O avançado cubano-russo Daniel Orlov assinou contrato com o clube.").flagged);
  EXPECT_FALSE(verdict_of("Российско-кубинская актриса подписала контракт с брендом.").flagged);
}

TEST(Evaluate, FindsAHomonymsStateFurtherOnInTheSameSentence) {
  EXPECT_FALSE(verdict_of("Havana, un pueblo de unos 3.000 habitantes a orillas del río Illinois, y Russia, "
                          "una villa del condado de Shelby, en Ohio, firmaron un convenio.").flagged);
  // Not in the next sentence.
  EXPECT_TRUE(verdict_of("Havana y Moscú firmaron un convenio. Una empresa de Illinois vende maíz.").flagged);
}

TEST(Evaluate, ReadsADatedPlaceAtTheStartAsADateline) {
  // "México" there is where the story was filed, not a third party to the agreement.
  EXPECT_TRUE(verdict_of("Ciudad de México, 15 ago (El Universal).- La Unión Eléctrica de Cuba y la compañía "
                         "estatal rusa Inter RAO firmaron un contrato.").flagged);
  EXPECT_FALSE(verdict_of("La Habana, 14 de noviembre. Venezuela y Rusia firmaron un acuerdo.").flagged);
}

TEST(Evaluate, ShowsTheAgreementsWordsAndWhoFilledEachPartysSlot) {
  TopicVerdict v = verdict_of("MOSCOW, May 3 — Rosneft signed a supply contract with Cuba's CUPET. The Cuban-Russian "
                              "deal runs for a year.");
  ASSERT_TRUE(v.flagged) << describe(v);
  const Evidence& e = v.evidence.front();
  EXPECT_EQ(e.agreement, (std::vector<std::string>{"signed", "supply", "contract"})) << e.sentence;
  ASSERT_EQ(e.parties.size(), 2u);
  EXPECT_EQ(e.parties[0].name, "Cuba");
  EXPECT_EQ(e.parties[0].words, (std::vector<std::string>{"Cuba", "CUPET", "Cuban"}));
  EXPECT_EQ(e.parties[1].name, "Russia");
  // "MOSCOW" is the dateline, a place, and shown as one.
  EXPECT_EQ(e.parties[1].words, (std::vector<std::string>{"Rosneft", "Russian"}));
  EXPECT_NE(std::find(e.not_parties.begin(), e.not_parties.end(), "MOSCOW (a place)"), e.not_parties.end());
}

TEST(Evaluate, ReadsAnAgreementWhosePairOrCounterpartIsAnotherCountryAsThatPairings) {
  EXPECT_FALSE(verdict_of("In Havana, Cuba's minister said the agreement between Vietnam and Cuba, like Russia's "
                          "earlier help, will feed the island.").flagged);
  EXPECT_FALSE(verdict_of("Russia signed a grain deal with India, a Russian official told Cuban reporters.").flagged);
  EXPECT_FALSE(verdict_of("The Cuba-Vietnam rice agreement follows Russian deliveries to Cuba.").flagged);
  EXPECT_FALSE(verdict_of("Россия подписала соглашение с Индией, сообщил кубинский министр.").flagged);
  EXPECT_FALSE(verdict_of("The European Union may suspend its cooperation agreement with Cuba over its support "
                          "for Russia's war.").flagged);
  // The pair or counterpart named as the parties is what counts.
  EXPECT_TRUE(verdict_of("The agreement between Cuba and Russia, unlike China's, covers oil.").flagged);
  EXPECT_TRUE(verdict_of("Rusia firmó un acuerdo con Cuba tras su pacto con China.").flagged);
}

TEST(Evaluate, ReadsCitiesListedAfterALocativeAllAsPlaces) {
  EXPECT_FALSE(verdict_of("Under the contract, a Cuban gallery will hold shows in Moscow and St Petersburg.").flagged);
  EXPECT_FALSE(verdict_of("Según el contrato, la galería cubana expondrá en Moscú y San Petersburgo.").flagged);
}

TEST(Evaluate, ReadsBothCountriesAfterLocativesInOneSentenceAsPlaces) {
  EXPECT_FALSE(verdict_of("Under the contract, the gallery will sell his work outside Cuba and pay for a residency "
                          "in Russia.").flagged);
  // One of them acting is still a party.
  EXPECT_TRUE(verdict_of("Russia signed a contract to build a plant in Cuba.").flagged);
}

TEST(Evaluate, ReadsAShortQuotedNameHoldingAPartysWordAsTheThingNamed) {
  EXPECT_FALSE(verdict_of("Фабрика «Новая Россия» заключила контракт на поставку батончиков «Куба».").flagged);
  // A state company's own name is quoted as a matter of course.
  EXPECT_TRUE(verdict_of("«Российские железные дороги» подписали контракт с Кубой.").flagged);
  // A quoted sentence is no name.
  EXPECT_TRUE(verdict_of("The minister said: \"Cuba and Russia signed the agreement today.\"").flagged);
}

TEST(Evaluate, ReadsATownOfAPartysNameAsATown) {
  EXPECT_FALSE(verdict_of("The town of Cuba and the town of Russia joined a road-salt purchasing agreement.").flagged);
}

TEST(Evaluate, ReadsAPrivateBodyInTheFrameAsAnotherPairing) {
  EXPECT_FALSE(verdict_of("The Cuban ambassador and a Russian minister attended; the contracts were signed between "
                          "private firms.").flagged);
}

TEST(Evaluate, ReadsAPlaceNamedLikeAPartyAfterAStateBodyAsThatBodysOwn) {
  // "Santiago de Cuba" is a city; its provincial government is the state's.
  EXPECT_FALSE(verdict_of("A boxer born in Santiago de Cuba signed a contract with a Russian club.").flagged);
  EXPECT_TRUE(verdict_of("El Gobierno Provincial de Santiago de Cuba y el Gobierno de la región de Astracán firmaron "
                         "un acuerdo.").flagged);
}

TEST(Evaluate, ReadsACueInAQuestionAsNoAgreement) {
  EXPECT_FALSE(verdict_of("Un accord pétrolier entre Moscou et La Havane ? Pour l'instant, rien.").flagged);
  EXPECT_TRUE(verdict_of("Did you know? Cuba and Russia signed an oil agreement.").flagged);
}

TEST(Evaluate, ReadsACounterpartsOtherSideInTheCuesOwnClauseOnly) {
  // "Rusia" is in the clause before: the convenio with Havana is Mexico's, named as the subject.
  TopicVerdict v = verdict_of("Funcionarios mexicanos dicen que los contratos de vacunas con Rusia fueron compras, "
                              "mientras que el convenio con La Habana es de largo plazo.");
  EXPECT_FALSE(v.flagged) << describe(v);
}

TEST(Evaluate, ReadsWeSigningWithOnePartyAsTheOtherPartySpeaking) {
  const std::string lead = "La viceministra cubana habló con este diario. ";
  EXPECT_TRUE(verdict_of(lead + "\"Nosotros firmamos un memorando con el Ministerio de Ciencia y Educación Superior de "
                                "Rusia\", dijo.").flagged);
  EXPECT_TRUE(verdict_of("Roscosmos answered our questions about Cuba. We signed a memorandum with Roscosmos in May, "
                         "the Cuban deputy minister said.").flagged);
  // Not with another country near: the speaker may be its official.
  EXPECT_FALSE(verdict_of("Venezuela's minister spoke about Cuba. We signed a memorandum with Roscosmos in May, "
                          "he said.").flagged);
}

TEST(Evaluate, CountsAProgrammeOrProtocolOfCooperationAsAnAgreement) {
  EXPECT_TRUE(verdict_of("La gira se organiza en el marco del programa de cooperación entre los ministerios de "
                         "Cultura de Cuba y Rusia.").flagged);
  EXPECT_TRUE(verdict_of("Гастроли прошли в рамках программы сотрудничества между министерствами культуры России и "
                         "Кубы.").flagged);
  // Cooperation alone is a weaker word.
  EXPECT_FALSE(verdict_of("Cuba y Rusia hablaron de cooperación.").flagged);
}

TEST(Evaluate, ReadsAnAdjectiveAfterTheCounterpartsWordAsTheCounterpartsOrigin) {
  EXPECT_FALSE(verdict_of("Pequeñas empresas cubanas firmaron contratos con firmas rusas.").flagged);
  EXPECT_FALSE(verdict_of("Частные предприятия подписали контракты с российскими компаниями в Гаване.").flagged);
  EXPECT_FALSE(verdict_of("Уроженец Кубы с российским паспортом подписал контракт с польским клубом.").flagged);
  // Beside the agreement itself the adjective is still a party's.
  EXPECT_TRUE(verdict_of("Cuba firmó el acuerdo cubano-ruso.").flagged);
}

TEST(Evaluate, ReadsBothCountriesStateBodiesAsTheTwoPartiesWhereNoOtherCountryIsNear) {
  const std::string fair = "Rusia es el país invitado este año en Cuba. La feria abre el lunes. ";
  TopicVerdict v = verdict_of(fair + "Los ministros de Cultura de ambos países firmaron el programa de intercambio.");
  ASSERT_TRUE(v.flagged) << describe(v);
  // The evidence shows what stood for the parties.
  ASSERT_EQ(v.evidence.front().parties.size(), 2u);
  EXPECT_EQ(v.evidence.front().parties[0].words, (std::vector<std::string>{"ambos países"}));
  // Not with another country near, nor without a state body.
  EXPECT_FALSE(verdict_of(fair + "Vietnam también participa. Los ministros de Cultura de ambos países firmaron el "
                                 "programa de intercambio.").flagged);
  EXPECT_FALSE(verdict_of(fair + "Editoriales de ambos países firmaron contratos de coedición.").flagged);
}

TEST(Evaluate, ReadsAStateCompanyNamedLikeAnAdjectiveAsTheCompany) {
  // "Cubaníquel" starts like "cuban*" but is a company of its own, not an origin.
  EXPECT_TRUE(verdict_of("Cubaníquel y Rostec negocian un contrato para Nicaro.").flagged);
  // "министерство" is a state body, as "министр" is.
  EXPECT_TRUE(verdict_of("Роскосмос и кубинское министерство науки подписали соглашение.").flagged);
}

TEST(Evaluate, ReadsAProvinceOrARegionBesideItsGovernmentAsAParty) {
  EXPECT_TRUE(verdict_of("The Provincial Government of Matanzas and the Government of Tatarstan signed a "
                         "cooperation agreement.").flagged);
  EXPECT_TRUE(verdict_of("Правительство Нижегородской области и власти провинции Ольгин подписали "
                         "меморандум.").flagged);
  // Without one, a place or where something comes from.
  EXPECT_FALSE(verdict_of("Tatarstan footballers signed contracts with a club that trains in Matanzas.").flagged);
}

}  // namespace
}  // namespace flag
