// Tests for normalize/language.cpp: function-word language detection and tag reduction.
#include "normalize/language.h"

#include <gtest/gtest.h>

#include <string_view>
#include <utility>
#include <vector>

namespace normalize {
namespace {

TEST(DetectLanguage, RecognisesEachOutletLanguage) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"en",
       "Cuba will allow Russian companies to manage industrial production on the Communist "
       "island as its energy crisis continues under a U.S. embargo, a senior Russian official "
       "said Friday. The assembly of Russian vehicles in Cuba was suspended last month due to "
       "power outages, and it is expected to resume once energy supplies normalize."},
      {"es",
       "El gobierno de Cuba y la empresa rusa firmaron un acuerdo para la modernización de las "
       "centrales eléctricas del país. Según el ministro, los trabajos comenzarán en enero y se "
       "extenderán durante tres años con financiamiento de los bancos rusos."},
      {"ru",
       "Россия и Куба подписали в Москве соглашение о сотрудничестве в области энергетики. По "
       "словам министра, документ предусматривает поставки топлива на остров и модернизацию "
       "электростанций, что должно помочь преодолеть кризис."},
      {"fr",
       "Le gouvernement cubain et la Russie ont signé un accord de coopération dans le domaine "
       "de l'énergie. Selon le ministre, les livraisons de pétrole sur l'île seront rétablies "
       "dans les prochains mois et les centrales seront modernisées avec des pièces russes."},
      {"de",
       "Die Regierung in Havanna und der russische Konzern haben einen Vertrag über die "
       "Modernisierung der Kraftwerke unterzeichnet. Nach Angaben des Ministers ist die "
       "Finanzierung für drei Jahre gesichert, und die Arbeiten sollen im Januar beginnen."},
  };
  for (const auto& [expected, text] : cases) EXPECT_EQ(detect_language(text), expected) << text;
}

TEST(DetectLanguage, ReturnsEmptyForShortText) {
  EXPECT_EQ(detect_language(""), "");
  EXPECT_EQ(detect_language("Cuba and Russia"), "");
  EXPECT_EQ(detect_language("the and of to is"), "");  // five words: below the minimum
}

TEST(DetectLanguage, ReturnsEmptyWhenNoLanguageWins) {
  EXPECT_EQ(detect_language("Havana Moscow Rosneft Gazprom Zarubezhneft Cabrisas Chekushov "
                            "Ryabkov Beglov Chernishenko 2025 2026"),
            "");
}

TEST(LanguageCode, ReducesTagsToTheTwoLetterCode) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"en-US", "en"}, {"es_CU", "es"}, {"EN", "en"}, {"ru", "ru"}, {" fr-FR ", "fr"},
      {"", ""},        {"e", ""},       {"eng", ""},  {"12", ""},   {"e1-US", ""},
  };
  for (const auto& [tag, expected] : cases) EXPECT_EQ(language_code(tag), expected) << tag;
}

}  // namespace
}  // namespace normalize
