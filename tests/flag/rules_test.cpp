// Tests for flag/rules.cpp: loading topic rules from TOML, their errors, the shipped rules and
// the folding that terms and text share.
#include "flag/rules.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "tests/support/test_files.h"

namespace flag {
namespace {

using test_support::source_path;
using test_support::TempDir;
using test_support::write_file;

// Smallest valid rules; tests replace or drop one line at a time.
const std::string kFirstParty = "first_party = [\"cuba\", \"кубинск*\", \"Díaz-Canel\"]\n";
const std::string kSecondParty = "second_party = [\"russia\", \"russian*\"]\n";
const std::string kCue = "[[cue]]\nweight = 1.0\nterms = [\"agreement*\", \"credit line\"]\n";

std::string minimal_rules() {
  return "name = \"test-topic\"\nversion = \"7\"\nthreshold = 1.5\nwindow = 2\n" + kFirstParty +
         kSecondParty + "negations = [\"denied\"]\n" + kCue;
}

Error rules_error(std::string_view toml) {
  auto rules = parse_rules(toml, "rules.toml");
  if (rules) throw std::runtime_error("rules were accepted:\n" + std::string{toml});
  return rules.error();
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

TEST(ParseRules, ReadsEveryField) {
  auto rules = parse_rules(minimal_rules(), "rules.toml");
  ASSERT_TRUE(rules) << rules.error().message;
  EXPECT_EQ(rules->name, "test-topic");
  EXPECT_EQ(rules->version, "7");
  EXPECT_DOUBLE_EQ(rules->threshold, 1.5);
  EXPECT_EQ(rules->window, 2);
  ASSERT_EQ(rules->first_party.size(), 3u);
  ASSERT_EQ(rules->second_party.size(), 2u);
  ASSERT_EQ(rules->negations.size(), 1u);
  ASSERT_EQ(rules->cues.size(), 1u);
  EXPECT_DOUBLE_EQ(rules->cues[0].weight, 1.0);
  ASSERT_EQ(rules->cues[0].terms.size(), 2u);
}

TEST(ParseRules, FoldsTermsAndReadsTrailingStarsAsPrefixes) {
  auto rules = parse_rules(minimal_rules(), "rules.toml");
  ASSERT_TRUE(rules) << rules.error().message;
  const Term& plain = rules->first_party[0];
  EXPECT_EQ(plain.text, "cuba");
  EXPECT_EQ(plain.words, std::vector<std::string>{"cuba"});
  EXPECT_FALSE(plain.prefix);

  const Term& prefix = rules->first_party[1];
  EXPECT_EQ(prefix.text, "кубинск*");
  EXPECT_EQ(prefix.words, std::vector<std::string>{"кубинск"});
  EXPECT_TRUE(prefix.prefix);

  const Term& accented = rules->first_party[2];
  EXPECT_EQ(accented.text, "Díaz-Canel");
  EXPECT_EQ(accented.words, (std::vector<std::string>{"diaz", "canel"}));

  const Term& two_words = rules->cues[0].terms[1];
  EXPECT_EQ(two_words.words, (std::vector<std::string>{"credit", "line"}));
  EXPECT_FALSE(two_words.prefix);
}

TEST(ParseRules, UsesDefaultsForOptionalFields) {
  auto rules = parse_rules(kFirstParty + kSecondParty + kCue, "rules.toml");
  ASSERT_TRUE(rules) << rules.error().message;
  EXPECT_DOUBLE_EQ(rules->threshold, 1.0);
  EXPECT_EQ(rules->window, 1);
  EXPECT_TRUE(rules->negations.empty());
}

TEST(ParseRules, ReportsATomlSyntaxErrorWithFileAndLine) {
  Error error = rules_error("name = \"x\"\nversion = \"1\"\nthreshold = = 1.0\n" + kFirstParty +
                            kSecondParty + kCue);
  EXPECT_EQ(error.code, Error::Code::bad_rules);
  EXPECT_TRUE(contains(error.message, "rules.toml:3")) << error.message;
}

TEST(ParseRules, ReportsAnUnknownKeyByName) {
  std::string toml = "name = \"x\"\ncolour = \"red\"\n" + kFirstParty + kSecondParty + kCue;
  Error unknown = rules_error(toml);
  EXPECT_EQ(unknown.code, Error::Code::bad_rules);
  EXPECT_TRUE(contains(unknown.message, "colour")) << unknown.message;
  EXPECT_TRUE(contains(unknown.message, "rules.toml:2")) << unknown.message;
}

TEST(ParseRules, ReportsAnUnknownKeyInsideACue) {
  auto misspelt_weight = parse_rules(kFirstParty + kSecondParty +
                                         "[[cue]]\nwieght = 0.5\nterms = [\"deal\"]\n",
                                     "rules.toml");
  ASSERT_FALSE(misspelt_weight.has_value());
  EXPECT_TRUE(contains(misspelt_weight.error().message, "wieght")) << misspelt_weight.error().message;
  auto misspelt_terms = parse_rules(kFirstParty + kSecondParty +
                                        "[[cue]]\nweight = 1.0\nterm = [\"deal\"]\n",
                                    "rules.toml");
  ASSERT_FALSE(misspelt_terms.has_value());
  EXPECT_TRUE(contains(misspelt_terms.error().message, "term")) << misspelt_terms.error().message;
}

TEST(ParseRules, RejectsACueWithoutTerms) {
  for (std::string cue : {"[[cue]]\nweight = 1.0\nterms = []\n", "[[cue]]\nweight = 1.0\n"}) {
    auto rules = parse_rules(kFirstParty + kSecondParty + cue, "rules.toml");
    ASSERT_FALSE(rules.has_value()) << cue;
    EXPECT_TRUE(contains(rules.error().message, "cue")) << rules.error().message;
  }
}

TEST(ParseRules, RejectsAValueOfTheWrongType) {
  for (std::string bad : {"threshold = \"high\"\n", "window = \"2\"\n", "name = 5\n"}) {
    auto rules = parse_rules(bad + kFirstParty + kSecondParty + kCue, "rules.toml");
    ASSERT_FALSE(rules.has_value()) << bad;
    EXPECT_TRUE(contains(rules.error().message, bad.substr(0, bad.find(' ')))) << rules.error().message;
  }
}

TEST(ParseRules, RequiresBothPartiesAndACue) {
  struct Case {
    std::string toml;
    std::string missing;
  };
  const std::vector<Case> cases = {
      {kSecondParty + kCue, "first_party"},
      {kFirstParty + kCue, "second_party"},
      {kFirstParty + kSecondParty, "cue"},
      {"first_party = []\n" + kSecondParty + kCue, "first_party"},
  };
  for (const auto& c : cases) {
    auto rules = parse_rules(c.toml, "rules.toml");
    ASSERT_FALSE(rules.has_value()) << c.toml;
    EXPECT_EQ(rules.error().code, Error::Code::bad_rules);
    EXPECT_TRUE(contains(rules.error().message, "rules.toml")) << rules.error().message;
    EXPECT_TRUE(contains(rules.error().message, c.missing)) << rules.error().message;
  }
}

TEST(ParseRules, RejectsMalformedTerms) {
  for (std::string bad : {"first_party = \"cuba\"\n", "first_party = [\"\"]\n",
                          "first_party = [1, 2]\n", "first_party = [\"*\"]\n",
                          "first_party = [\"--\"]\n"}) {
    auto rules = parse_rules(bad + kSecondParty + kCue, "rules.toml");
    ASSERT_FALSE(rules.has_value()) << bad;
    EXPECT_EQ(rules.error().code, Error::Code::bad_rules);
    EXPECT_TRUE(contains(rules.error().message, "first_party")) << rules.error().message;
    EXPECT_TRUE(contains(rules.error().message, "rules.toml:1")) << rules.error().message;
  }
}

TEST(ParseRules, RejectsAWindowOutOfRange) {
  for (std::string bad : {"window = -1\n", "window = 6\n"}) {
    auto rules = parse_rules(bad + kFirstParty + kSecondParty + kCue, "rules.toml");
    ASSERT_FALSE(rules.has_value()) << bad;
    EXPECT_TRUE(contains(rules.error().message, "window")) << rules.error().message;
  }
}

// fuzz/regressions/rules_fuzz/threshold-zero.toml
TEST(ParseRules, RejectsAThresholdThatIsNotAPositiveNumber) {
  for (std::string bad : {"threshold = 0.0\n", "threshold = -1\n", "threshold = inf\n", "threshold = nan\n"}) {
    auto rules = parse_rules(bad + kFirstParty + kSecondParty + kCue, "rules.toml");
    ASSERT_FALSE(rules.has_value()) << bad;
    EXPECT_TRUE(contains(rules.error().message, "rules.toml:1: threshold: must be a number greater than 0"))
        << rules.error().message;
  }
}

TEST(LoadRules, ReadsAFileAndNamesItInErrors) {
  TempDir dir;
  write_file(dir / "good.toml", minimal_rules());
  auto good = load_rules(dir / "good.toml");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ(good->name, "test-topic");

  write_file(dir / "bad.toml", "name = \"x\"\nbogus = 1\n" + kFirstParty + kSecondParty + kCue);
  auto bad = load_rules(dir / "bad.toml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_TRUE(contains(bad.error().message, (dir / "bad.toml").string() + ":2")) << bad.error().message;

  auto missing = load_rules(dir / "missing.toml");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, Error::Code::unreadable);
  EXPECT_TRUE(contains(missing.error().message, "missing.toml")) << missing.error().message;
}

TEST(DefaultRules, LoadTheShippedCubaRussiaRules) {
  const Rules& rules = default_rules();
  EXPECT_EQ(rules.name, "cuba-russia-agreements");
  EXPECT_EQ(rules.version, "6");
  EXPECT_DOUBLE_EQ(rules.threshold, 1.0);
  EXPECT_EQ(rules.window, 1);
  EXPECT_GE(rules.first_party.size(), 10u);
  EXPECT_GE(rules.second_party.size(), 10u);
  EXPECT_FALSE(rules.negations.empty());
  ASSERT_EQ(rules.cues.size(), 2u);
  EXPECT_DOUBLE_EQ(rules.cues[0].weight, 1.0);
  EXPECT_DOUBLE_EQ(rules.cues[1].weight, 0.5);
  for (const auto& cue : rules.cues) EXPECT_FALSE(cue.terms.empty());
}

TEST(DefaultRules, AreTheRulesFileInTheSourceTree) {
  auto from_file = load_rules(source_path("config/topics/cuba-russia.toml"));
  ASSERT_TRUE(from_file) << from_file.error().message;
  const Rules& built_in = default_rules();
  EXPECT_EQ(from_file->name, built_in.name);
  EXPECT_EQ(from_file->version, built_in.version);
  EXPECT_EQ(from_file->first_party.size(), built_in.first_party.size());
  EXPECT_EQ(from_file->second_party.size(), built_in.second_party.size());
  EXPECT_EQ(from_file->negations.size(), built_in.negations.size());
  ASSERT_EQ(from_file->cues.size(), built_in.cues.size());
  for (std::size_t i = 0; i < built_in.cues.size(); ++i)
    EXPECT_EQ(from_file->cues[i].terms.size(), built_in.cues[i].terms.size());
}

TEST(Fold, RemovesCaseAndAccents) {
  EXPECT_EQ(fold("MOSCÚ"), "moscu");
  EXPECT_EQ(fold("Díaz-Canel Bermúdez"), "diaz-canel bermudez");
  EXPECT_EQ(fold("Negociación"), "negociacion");
  EXPECT_EQ(fold("Россия"), "россия");
  EXPECT_EQ(fold("Straße"), "strasse");
  EXPECT_EQ(fold(""), "");
}

}  // namespace
}  // namespace flag
