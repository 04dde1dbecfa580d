#pragma once
// Topic rules: which parties must appear, which words signal an agreement, and how far apart
// they may be. Loaded from a TOML file (config/topics/*.toml, format in docs/configuration.md).
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace flag {

struct Error {
  enum class Code { unreadable, bad_rules };
  Code code;
  std::string message;  // names the file and, where known, the line and key
};

// One term, already case- and accent-folded and split into words. A trailing "*" in the
// rules file makes the last word a prefix ("кубинск*" matches "кубинского").
struct Term {
  std::string text;                // as written in the rules, for evidence
  std::vector<std::string> words;  // folded
  bool prefix = false;
};

struct Cue {
  double weight = 1.0;
  std::vector<Term> terms;
};

class TermIndex;
class WordFolder;

// A term as a rules file writes it ("кубинск*", "la habana"): split and folded by `folder`,
// a trailing "*" making the last word a prefix. No words (only punctuation) gives an empty
// `words`.
Term parse_term(std::string_view written, WordFolder& folder);

struct Rules {
  std::string name;
  std::string version;
  double threshold = 1.0;
  int window = 1;  // sentences on either side of a cue in which both parties must appear
  // What the evidence calls the two parties ("Cuba", "Russia").
  std::string first_name = "first party", second_name = "second party";
  std::vector<Term> first_party;   // e.g. Cuba
  std::vector<Term> second_party;  // e.g. Russia
  // Other countries and their bodies: a cue sentence that names one of them and only one of
  // the two parties is about another pairing ("Cuba signed with China"), not this one.
  std::vector<Term> third_parties;
  // Places and things named like a party ("Moscow, Idaho"; "Cuba, Missouri"): where one
  // appears in an article, its first word no longer names a party anywhere in that article.
  std::vector<Term> homonyms;
  // Phrases in which a party's word names something other than the state: a breed, a dish, a
  // ride, a church ("russian blue", "montana rusa", "russian orthodox church"). Where one
  // occurs, the party words inside it name no party there; elsewhere they still do.
  std::vector<Term> not_parties;
  // People by trade or kin, not office ("pianist", "cantante", "mother"), and bodies that are
  // not the state ("private", "church", "touroperador"): a party word next to one gives a
  // person's origin or a private body's ("the Cuban-Russian pianist", "a private
  // Russian firm"), not a party.
  std::vector<Term> private_actors;
  // Words before a place that make it where something happened, not who did it ("in Havana",
  // "en Moscu", "в Гаване"): in a paragraph that names another country, a party word right
  // after one (or after its article) names no party there: the place hosted others.
  std::vector<Term> locatives;
  // The parties' words that name a city ("havana", "москв*"): after a locative, always a place.
  // A country's name after one is a place only in a line that names another country: "a
  // centre in Cuba" built by Russia is Cuba's, "Bolivia and Nicaragua signed in Russia" is not.
  std::vector<Term> cities;
  // Words that tie a body to a place ("of", "de"): a party word after a private actor and one
  // of them is that body's place ("the Council of Churches of Cuba"), not a party.
  std::vector<Term> links;
  // Phrases in which a cue word is no cue ("fue tratado": discussed, not a treaty), and words
  // after which one is hypothetical ("could sign", "podrían firmarse"): either way no cue.
  std::vector<Term> not_cues;
  std::vector<Term> hypotheticals;
  // Words that name an agreement's parties after it: a pair ("between", "entre", "между") or
  // a counterpart ("with", "con", "с"). A cue whose pair, or counterpart, holds another
  // country is that pairing's ("the agreement between Vietnam and Cuba", "Russia signed a
  // deal with India"), not Cuba and Russia's, and is no cue.
  std::vector<Term> betweens;
  std::vector<Term> withs;
  // Words that report a claim as hearsay ("allegedly", "supuestamente", "якобы"): a cue in
  // their clause, before or after them, is none.
  std::vector<Term> hedges;
  // "We" and verbs in the first person plural ("nosotros", "мы", "firmamos"): a cue with a
  // party as its counterpart and "we" as its subject is an official of the other party
  // speaking ("we signed a memorandum with Roscosmos").
  std::vector<Term> first_persons;
  // A party's adjectives ("cuban*", "ruso", "российск*"), and the words that make one name the
  // state: offices, bodies and the agreements themselves ("government", "ministro",
  // "сторона", "agreement"). An adjective with no such word within three words either side
  // gives something's origin ("Russian tourists", "кубинские студенты"), not a party.
  std::vector<Term> demonyms;
  std::vector<Term> state_heads;
  // Words that name both states at once ("the two governments", "ambos países",
  // "межправительственное"): in a cue's sentence, they let an adjective of origin near it
  // ("Russian wheat ... under an agreement signed by the two governments") stand for its party.
  std::vector<Term> both_parties;
  std::vector<Term> negations;     // words that, in the cue's sentence, cancel it
  // A cancelled cue sentence with both parties near is a denial of the agreement; it takes
  // this much off the score, so an article that denies a deal is not flagged for reporting it.
  double denial_penalty = 0;
  std::vector<Cue> cues;
  // Built by parse_rules for matching; evaluate builds one for rules put together by hand.
  std::shared_ptr<const TermIndex> index;
};

// Parses rules from TOML text; `source` names the file in error messages.
std::expected<Rules, Error> parse_rules(std::string_view toml_text, std::string_view source);
std::expected<Rules, Error> load_rules(const std::filesystem::path& file);
// The Cuba-Russia agreement rules that ship with the project (config/topics/cuba-russia.toml,
// compiled in so a config that names no rules still flags).
const Rules& default_rules();

// Case folding plus accent removal, the form in which terms and text are compared.
std::string fold(std::string_view text);

}  // namespace flag
