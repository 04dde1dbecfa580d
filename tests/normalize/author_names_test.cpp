// Tests for normalize/author_names.cpp: one clean name per author.
#include "normalize/author_names.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace normalize {
namespace {

using Names = std::vector<std::string>;

TEST(CleanAuthorNames, SplitsListsInSeveralLanguages) {
  struct Case {
    Names raw;
    Names expected;
  };
  const std::vector<Case> cases = {
      {{"Anna Martel und Lea Wagner"}, {"Anna Martel", "Lea Wagner"}},
      {{"Trine Juncher Jørgensen og Tôrtia Reimer-Johansen"}, {"Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen"}},
      {{"Ana Pérez, Luis Gómez y Marta Ruiz"}, {"Ana Pérez", "Luis Gómez", "Marta Ruiz"}},
      {{"Jean Dupont et Marie Curie"}, {"Jean Dupont", "Marie Curie"}},
      {{"Иван Петров и Анна Смирнова"}, {"Иван Петров", "Анна Смирнова"}},
      {{"Tom Smith & Jane Doe"}, {"Tom Smith", "Jane Doe"}},
      {{"By Jane Doe"}, {"Jane Doe"}},
      {{"Von Max Muster"}, {"Max Muster"}},
      {{"Por: Ana Pérez"}, {"Ana Pérez"}},
  };
  for (const auto& c : cases) EXPECT_EQ(clean_author_names(c.raw), c.expected) << c.raw.front();
}

TEST(CleanAuthorNames, DropsWhatIsNotAName) {
  EXPECT_EQ(clean_author_names({"d.kuckelkorn@example.de", "https://facebook.com/someone",
                                "www.example.com/authors/x", "By", "12 March 2024", "red", "  "}),
            Names{});
}

TEST(CleanAuthorNames, KeepsAgenciesAndRemovesDuplicates) {
  EXPECT_EQ(clean_author_names({"dpa", "Jane Doe", "JANE DOE", "Jane Doe (Reuters)"}),
            (Names{"dpa", "Jane Doe"}));
}

TEST(FamilyNameLast, TurnsCitationOrderIntoReadingOrder) {
  EXPECT_EQ(family_name_last("Tollefson, Jeff"), "Jeff Tollefson");
  EXPECT_EQ(family_name_last("Jeff Tollefson"), "Jeff Tollefson");
  EXPECT_EQ(family_name_last("A, B, C"), "A, B, C");
}

TEST(IsSiteName, RecognisesThePublicationByNameOrDomain) {
  Names sites = {"stern.de", "mdr.de", "mdr"};
  EXPECT_TRUE(is_site_name("STERN.de", sites));
  EXPECT_TRUE(is_site_name("Deutsche Welle (www.dw.com)", {}));
  EXPECT_TRUE(is_site_name("MDR THÜRINGEN", sites));
  EXPECT_FALSE(is_site_name("David Straub", sites));
  EXPECT_FALSE(is_site_name("Dr. Max Kolter", sites));
}

TEST(ChooseAuthors, PrefersTheBylineWhenMetadataNamesOnlyTheSite) {
  Names sites = {"LTO", "lto.de"};
  EXPECT_EQ(choose_authors({"LTO"}, {"Max Kolter"}, sites), Names{"Max Kolter"});
  EXPECT_EQ(choose_authors({"LTO"}, {}, sites), Names{"LTO"});
  EXPECT_EQ(choose_authors({}, {"By Max Kolter"}, sites), Names{"Max Kolter"});
}

TEST(ChooseAuthors, DropsThePublisherListedBesideTheReporters) {
  EXPECT_EQ(choose_authors({"David Straub", "MDR THÜRINGEN"}, {}, {"mdr.de", "mdr"}),
            Names{"David Straub"});
}

TEST(ChooseAuthors, TakesTheVisibleBylineOverADeskOrACmsAccountInTheMetadata) {
  for (std::string desk : {"Redaktion", "Editorial Staff", "admin", "Redacción El Faro", "La rédaction", "Редакция"})
    EXPECT_EQ(choose_authors({desk}, {"Von Jana Liebermann und Tobias Reuter"}, {"El Faro"}),
              (std::vector<std::string>{"Jana Liebermann", "Tobias Reuter"}))
        << desk;
  // Alone, the desk is what the page says (the corpus signs some articles so).
  EXPECT_EQ(choose_authors({"Redacción de CiberCuba"}, {}, {"CiberCuba"}),
            (std::vector<std::string>{"Redacción de CiberCuba"}));
}

TEST(CleanAuthorNames, DropsALeadInBeforeBy) {
  EXPECT_EQ(clean_author_names({"Story by Gwen Hollis", "Escrito por Marta Echeverría"}),
            (std::vector<std::string>{"Gwen Hollis", "Marta Echeverría"}));
}

TEST(CleanAuthorNames, DropsRolesAndPlacesWrittenAfterTheNames) {
  EXPECT_EQ(clean_author_names({"Rodrigo Almansa, enviado especial a Quito, y Beatriz Olmedo"}),
            (std::vector<std::string>{"Rodrigo Almansa", "Beatriz Olmedo"}));
  EXPECT_EQ(clean_author_names({"Camille Lefort", "Antoine Bérard", "correspondant à Bruxelles", "avec AFP"}),
            (std::vector<std::string>{"Camille Lefort", "Antoine Bérard"}));
  EXPECT_EQ(clean_author_names({"Jon King, News Reporter"}), (std::vector<std::string>{"Jon King"}));
  EXPECT_EQ(clean_author_names({"ИРИНА КОЛЕСНИКОВА, обозреватель, и Павел Дробышев"}),
            (std::vector<std::string>{"ИРИНА КОЛЕСНИКОВА", "Павел Дробышев"}));
  // A name written in lower case, alone, stays as the page writes it.
  EXPECT_EQ(clean_author_names({"viktor hedlund"}), (std::vector<std::string>{"viktor hedlund"}));
}

TEST(ChooseAuthors, TakesTheBylineWhenItNamesEveryoneTheMetadataDoesAndMore) {
  EXPECT_EQ(choose_authors({"Ирина Колесникова"}, {"ИРИНА КОЛЕСНИКОВА, обозреватель, и Павел Дробышев (ТАСС)"}, {}),
            (std::vector<std::string>{"ИРИНА КОЛЕСНИКОВА", "Павел Дробышев"}));
  // The site's name beside the reporter in the byline is not one more author.
  EXPECT_EQ(choose_authors({"Carolina Bastos"}, {"Carolina Bastos, Jornal do Cerrado"}, {"Jornal do Cerrado"}),
            (std::vector<std::string>{"Carolina Bastos"}));
}

}  // namespace
}  // namespace normalize
