#include "flag/rules.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>

#include <toml++/toml.h>

#include "flag/default_rules_text.h"
#include "flag/term_index.h"
#include "flag/tokenize.h"

namespace flag {
namespace {

std::string where(std::string_view source, const toml::source_region& region,
                  std::string_view key) {
  std::ostringstream out;
  out << source;
  if (region.begin.line) out << ":" << region.begin.line;
  out << ": " << key;
  return out.str();
}

std::expected<std::vector<Term>, Error> read_terms(const toml::node* node, std::string_view source,
                                                   std::string_view key) {
  std::vector<Term> terms;
  if (!node) return terms;
  WordFolder folder;
  const toml::array* array = node->as_array();
  if (!array)
    return std::unexpected(Error{Error::Code::bad_rules,
                                 where(source, node->source(), key) + ": expected an array of strings"});
  for (const auto& element : *array) {
    auto value = element.value<std::string>();
    if (!value || value->empty())
      return std::unexpected(Error{Error::Code::bad_rules,
                                   where(source, element.source(), key) + ": expected a non-empty string"});
    Term term = parse_term(*value, folder);
    if (term.words.empty())
      return std::unexpected(Error{Error::Code::bad_rules,
                                   where(source, element.source(), key) + ": term has no words: " + *value});
    terms.push_back(std::move(term));
  }
  return terms;
}

}  // namespace

Term parse_term(std::string_view written, WordFolder& folder) {
  Term term;
  term.text = std::string{written};
  if (written.ends_with('*')) {
    term.prefix = true;
    written.remove_suffix(1);
  }
  for (std::string_view word : folder.words(written)) term.words.emplace_back(word);
  return term;
}

std::string fold(std::string_view text) {
  // Plain ASCII (most English sentences) folds to its lower case with nothing to decompose;
  // it skips the round trip through UTF-16.
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string out{text};
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  // Case folding, then canonical decomposition with the combining marks dropped: "Díaz" and
  // "DIAZ" both become "diaz". Terms and text go through the same function, so the result
  // need not be recomposed. Normalizer2 is a shared, immutable singleton: thread-safe.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  unicode.foldCase();
  // Typographic apostrophes (U+2019, U+02BC) are written where rules write "'".
  unicode.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), icu::UnicodeString("'"));
  unicode.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x02BC)), icu::UnicodeString("'"));
  if (U_SUCCESS(status)) {
    icu::UnicodeString decomposed = nfd->normalize(unicode, status);
    if (U_SUCCESS(status)) {
      icu::UnicodeString stripped;
      for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        if (u_charType(c) != U_NON_SPACING_MARK) stripped.append(c);
        i += U16_LENGTH(c);
      }
      unicode = std::move(stripped);
    }
  }
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

std::expected<Rules, Error> parse_rules(std::string_view toml_text, std::string_view source) {
  // Debian's toml++ is built with exceptions on; they stop here and become an Error.
  toml::table table;
  try {
    table = toml::parse(toml_text, std::string_view{source});
  } catch (const toml::parse_error& e) {
    return std::unexpected(Error{Error::Code::bad_rules,
                                 std::string{source} + ":" + std::to_string(e.source().begin.line) +
                                     ": " + std::string{e.description()}});
  }
  Rules rules;
  for (const auto& [key, value] : table) {
    static constexpr std::string_view kKnown[] = {"name",          "version",   "threshold",
                                                   "window",        "first_party", "second_party",
                                                   "third_parties", "homonyms",  "negations",
                                                   "denial_penalty", "cue",      "not_parties",
                                                   "private_actors",       "locatives",
                                                   "demonyms",      "state_heads", "both_parties", "cities",
                                                   "links",         "not_cues",     "hypotheticals", "betweens", "withs", "hedges", "first_persons",
                                                   "first_name",    "second_name"};
    bool known = false;
    for (auto k : kKnown) known = known || key.str() == k;
    if (!known)
      return std::unexpected(Error{Error::Code::bad_rules,
                                   where(source, value.source(), key.str()) + ": unknown key"});
  }
  auto wrong_type = [&](std::string_view key, const char* expected) {
    return std::unexpected(Error{Error::Code::bad_rules,
                                 where(source, table.get(key)->source(), key) + ": expected " + expected});
  };
  if (table.contains("name") && !table.get("name")->is_string()) return wrong_type("name", "a string");
  if (table.contains("version") && !table.get("version")->is_string()) return wrong_type("version", "a string");
  if (table.contains("threshold") && !table.get("threshold")->is_number()) return wrong_type("threshold", "a number");
  if (table.contains("window") && !table.get("window")->is_integer()) return wrong_type("window", "an integer");
  if (table.contains("denial_penalty") && !table.get("denial_penalty")->is_number())
    return wrong_type("denial_penalty", "a number");
  rules.denial_penalty = table["denial_penalty"].value_or(0.0);
  for (const char* key : {"first_name", "second_name"})
    if (table.contains(key) && !table.get(key)->is_string()) return wrong_type(key, "a string");
  rules.first_name = table["first_name"].value_or(rules.first_name);
  rules.second_name = table["second_name"].value_or(rules.second_name);
  rules.name = table["name"].value_or(std::string{"topic"});
  rules.version = table["version"].value_or(std::string{"0"});
  rules.threshold = table["threshold"].value_or(1.0);
  // A threshold of 0 or less would flag every article, even one naming neither party, and an
  // infinite one none (found by fuzz/rules_fuzz: with 0, an article without both parties was
  // scored 0 and left unflagged, against flagged == score >= threshold).
  if (!(rules.threshold > 0) || !std::isfinite(rules.threshold))
    return std::unexpected(Error{Error::Code::bad_rules,
                                 where(source, table["threshold"].node()->source(), "threshold") +
                                     ": must be a number greater than 0"});
  rules.window = static_cast<int>(table["window"].value_or(int64_t{1}));
  if (rules.window < 0 || rules.window > 5)
    return std::unexpected(Error{Error::Code::bad_rules,
                                 where(source, table["window"].node()->source(), "window") +
                                     ": must be between 0 and 5"});
  auto first = read_terms(table["first_party"].node(), source, "first_party");
  if (!first) return std::unexpected(first.error());
  auto second = read_terms(table["second_party"].node(), source, "second_party");
  if (!second) return std::unexpected(second.error());
  auto negations = read_terms(table["negations"].node(), source, "negations");
  if (!negations) return std::unexpected(negations.error());
  auto third = read_terms(table["third_parties"].node(), source, "third_parties");
  if (!third) return std::unexpected(third.error());
  auto homonyms = read_terms(table["homonyms"].node(), source, "homonyms");
  if (!homonyms) return std::unexpected(homonyms.error());
  for (auto [key, list] : {std::pair{"not_parties", &rules.not_parties}, std::pair{"private_actors", &rules.private_actors},
                            std::pair{"locatives", &rules.locatives}, std::pair{"demonyms", &rules.demonyms},
                            std::pair{"state_heads", &rules.state_heads}, std::pair{"both_parties", &rules.both_parties},
                            std::pair{"cities", &rules.cities}, std::pair{"links", &rules.links},
                            std::pair{"not_cues", &rules.not_cues}, std::pair{"hypotheticals", &rules.hypotheticals},
                            std::pair{"betweens", &rules.betweens}, std::pair{"withs", &rules.withs},
                            std::pair{"hedges", &rules.hedges}, std::pair{"first_persons", &rules.first_persons}}) {
    auto terms = read_terms(table[key].node(), source, key);
    if (!terms) return std::unexpected(terms.error());
    *list = std::move(*terms);
  }
  for (const auto* list : {&rules.private_actors, &rules.locatives, &rules.demonyms, &rules.state_heads, &rules.cities, &rules.links,
                           &rules.betweens, &rules.withs, &rules.first_persons})
    for (const Term& term : *list)
      if (term.words.size() != 1)
        return std::unexpected(Error{Error::Code::bad_rules, std::string{source} + ": " + term.text +
                                                                 ": private_actors, locatives, demonyms, state_heads, cities, links, betweens, withs and first_persons are single words"});
  rules.first_party = std::move(*first);
  rules.second_party = std::move(*second);
  rules.third_parties = std::move(*third);
  rules.homonyms = std::move(*homonyms);
  rules.negations = std::move(*negations);
  if (rules.first_party.empty() || rules.second_party.empty())
    return std::unexpected(Error{Error::Code::bad_rules,
                                 std::string{source} + ": first_party and second_party must list terms"});
  if (const toml::array* cues = table["cue"].as_array()) {
    for (const auto& element : *cues) {
      const toml::table* cue_table = element.as_table();
      if (!cue_table)
        return std::unexpected(Error{Error::Code::bad_rules,
                                     where(source, element.source(), "cue") + ": expected [[cue]] tables"});
      for (const auto& [key, value] : *cue_table)
        if (key.str() != "weight" && key.str() != "terms")
          return std::unexpected(Error{Error::Code::bad_rules,
                                       where(source, value.source(), "cue." + std::string{key.str()}) + ": unknown key"});
      const toml::node* weight = cue_table->get("weight");
      if (weight && !weight->is_number())
        return std::unexpected(Error{Error::Code::bad_rules, where(source, weight->source(), "cue.weight") + ": expected a number"});
      Cue cue;
      cue.weight = (*cue_table)["weight"].value_or(1.0);
      auto terms = read_terms((*cue_table)["terms"].node(), source, "cue.terms");
      if (!terms) return std::unexpected(terms.error());
      if (terms->empty())
        return std::unexpected(Error{Error::Code::bad_rules,
                                     where(source, element.source(), "cue.terms") + ": a cue needs at least one term"});
      cue.terms = std::move(*terms);
      rules.cues.push_back(std::move(cue));
    }
  }
  if (rules.cues.empty())
    return std::unexpected(Error{Error::Code::bad_rules, std::string{source} + ": no [[cue]] tables"});
  rules.index = std::make_shared<const TermIndex>(rules);
  return rules;
}

std::expected<Rules, Error> load_rules(const std::filesystem::path& file) {
  std::ifstream in{file, std::ios::binary};
  if (!in)
    return std::unexpected(Error{Error::Code::unreadable, file.string() + ": cannot open rules file"});
  std::ostringstream text;
  text << in.rdbuf();
  return parse_rules(text.str(), file.string());
}

const Rules& default_rules() {
  static const Rules rules = [] {
    auto parsed = parse_rules(kDefaultRulesText, "config/topics/cuba-russia.toml (built in)");
    // The built-in file is tested; if it were broken the build's own tests would fail.
    return parsed ? std::move(*parsed) : Rules{};
  }();
  return rules;
}

}  // namespace flag
