// Tests for normalize/byline.cpp: reading, recognising and writing bylines.
#include "normalize/byline.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace normalize {
namespace {

using Names = std::vector<std::string>;

TEST(ParseByline, SplitsNamesOnEnglishSpanishRussianAndFrenchJoiners) {
  struct Case {
    std::string_view line;
    Names names;
  };
  const std::vector<Case> cases = {
      {"By María Josefina Arce", {"María Josefina Arce"}},
      {"by Richard Morales", {"Richard Morales"}},
      {"By: María Josefina Arce", {"María Josefina Arce"}},
      {"By Ana Pérez and John Smith", {"Ana Pérez", "John Smith"}},
      {"Por: Ana Pérez y Luis Gómez", {"Ana Pérez", "Luis Gómez"}},
      {"Por Redacción de CiberCuba", {"Redacción de CiberCuba"}},
      {"By Ana Pérez, John Smith and Olga Ivanova", {"Ana Pérez", "John Smith", "Olga Ivanova"}},
      {"Автор: Иван Петров и Анна Смирнова", {"Иван Петров", "Анна Смирнова"}},
      {"Par Jean Dupont et Marie Curie", {"Jean Dupont", "Marie Curie"}},
      {"  By   María\u00A0Josefina   Arce  ", {"María Josefina Arce"}},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_byline(c.line), c.names) << c.line;
}

TEST(LooksLikeByline, AcceptsBylinesOfCapitalisedNames) {
  for (std::string_view line : {"By María Josefina Arce", "by Richard Morales",
                                "Por: Ana Pérez y Luis Gómez", "By Ana Pérez, John Smith and Olga Ivanova",
                                "Por Redacción de CiberCuba", "Автор: Иван Петров"})
    EXPECT_TRUE(looks_like_byline(line)) << line;
}

TEST(LooksLikeByline, RejectsProseThatStartsWithBy) {
  for (std::string_view line :
       {"By the end of the year", "By the way, Cuba and Russia signed a deal.",
        "by contrast, exports fell", "Bypass roads were closed", "María Josefina Arce", "",
        "By "})
    EXPECT_FALSE(looks_like_byline(line)) << line;
}

TEST(LooksLikeByline, RejectsLongLines) {
  std::string line = "By " + std::string(130, 'A');
  EXPECT_FALSE(looks_like_byline(line));
}

// Found by fuzz/seed_fuzz (fuzz/regressions/seed_fuzz/many-authors.txt): the byline of many
// authors was longer than the 120 bytes a byline line was allowed, and was no byline.
TEST(LooksLikeByline, AcceptsTheBylineOfManyAuthors) {
  Names names = {"María Josefina Arce", "Richard Morales", "Ana Pérez", "John Smith",
                 "Olga Ivanova", "Li Wei", "Jean Dupont", "Marie Curie", "Luis Gómez"};
  std::string line = format_byline(names);
  ASSERT_GT(line.size(), 120u);
  EXPECT_TRUE(looks_like_byline(line)) << line;
  EXPECT_EQ(parse_byline(line), names);
}

TEST(FormatByline, JoinsNamesAsEnglishProse) {
  EXPECT_EQ(format_byline({"María Josefina Arce"}), "By María Josefina Arce");
  EXPECT_EQ(format_byline({"Ana Pérez", "John Smith"}), "By Ana Pérez and John Smith");
  EXPECT_EQ(format_byline({"A", "B", "C"}), "By A, B and C");
}

TEST(FormatByline, IsReadBackByParseByline) {
  for (const Names& names : {Names{"Richard Morales"}, Names{"Ana Pérez", "John Smith"},
                             Names{"Ana Pérez", "John Smith", "Olga Ivanova", "Li Wei"}}) {
    std::string line = format_byline(names);
    EXPECT_EQ(parse_byline(line), names) << line;
    EXPECT_TRUE(looks_like_byline(line)) << line;
  }
}

// Found by fuzz/seed_fuzz (fuzz/regressions/seed_fuzz/byline-double-comma.txt): "By D,, E"
// gave the name "D,", written back as "By D, and E", which is no byline.
TEST(ParseByline, DropsTheListsCommasFromNames) {
  EXPECT_EQ(parse_byline("By Ana Pérez,, John Smith"), (Names{"Ana Pérez", "John Smith"}));
  EXPECT_EQ(parse_byline("By Ana Pérez, , John Smith,"), (Names{"Ana Pérez", "John Smith"}));
  EXPECT_EQ(parse_byline("By Ana Pérez,"), (Names{"Ana Pérez"}));
  Names names = parse_byline("By D,, E");
  EXPECT_EQ(parse_byline(format_byline(names)), names);
  EXPECT_TRUE(looks_like_byline(format_byline(names)));
}

}  // namespace
}  // namespace normalize
