// normalize/html_extractor.cpp with an outlet's overrides (normalize/page_overrides.h): the body
// element narrows the search, removals go first, and a stale override costs nothing.
#include <gtest/gtest.h>

#include "normalize/html_extractor.h"

namespace {

using normalize::ExtractOptions;
using normalize::PageOverrides;

// Two candidate texts of similar weight: the article and a long promotional block.
constexpr std::string_view kPage =
    "<html><head><title>Acuerdo firmado | Diario</title></head><body>"
    "<div class=\"promo\"><p>Suscríbase hoy a nuestra edición impresa y reciba cada mañana en su casa el periódico "
    "con todas las noticias, los análisis y las columnas de opinión de nuestros periodistas.</p>"
    "<p>La oferta incluye acceso a la edición digital, al archivo histórico y a los suplementos de fin de semana "
    "sin coste adicional durante el primer año de suscripción.</p></div>"
    "<div id=\"textolimpio\"><p>Cuba y Rusia firmaron este lunes en La Habana un acuerdo de cooperación energética "
    "que prevé nuevas inversiones en la generación eléctrica del país.</p>"
    "<div class=\"faq\"><p>Preguntas frecuentes: ¿qué incluye el acuerdo firmado entre ambos gobiernos?</p></div>"
    "<p>El documento fue suscrito por los ministros de Energía de ambos países durante la visita oficial.</p></div>"
    "</body></html>";

ExtractOptions with(PageOverrides overrides) {
  ExtractOptions options;
  options.url = "https://diario.example/a";
  options.overrides = std::move(overrides);
  return options;
}

TEST(ExtractWithOverrides, ReadsTheBodyInsideTheOutletsBodyElementWithoutItsRemovals) {
  auto article = normalize::extract_article(kPage, with({"//*[@id='textolimpio']", {"//div[@class='faq']"}}));
  ASSERT_TRUE(article) << article.error().message;
  std::string text = normalize::plain_text(article->blocks);
  EXPECT_NE(text.find("Cuba y Rusia firmaron"), std::string::npos) << text;
  EXPECT_NE(text.find("ministros de Energía"), std::string::npos) << text;
  EXPECT_EQ(text.find("Suscríbase"), std::string::npos) << text;
  EXPECT_EQ(text.find("Preguntas frecuentes"), std::string::npos) << text;
}

TEST(ExtractWithOverrides, FallsBackToGenericExtractionWhenTheLayoutChanged) {
  auto article = normalize::extract_article(kPage, with({"//*[@id='old-layout-body']", {}}));
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_FALSE(article->blocks.empty());
}

}  // namespace
