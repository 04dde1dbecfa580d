#pragma once
// What the words of one line stand for where they are, before any sentence is weighed: whether
// a party's word names the party there or something else (a place, a person's origin, a private
// body, a thing), where the dateline ends, where a homonym runs, and whether a cue word is a cue.
// Lines are the folded words the matcher sees plus the text they came from, which keeps the
// punctuation that tells a phrase and a sentence apart.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "flag/rules.h"
#include "flag/term_index.h"
#include "flag/tokenize.h"

namespace flag {

// Why a party's word names no party where it stands, for the evidence.
enum class NotParty : std::uint8_t { no, thing, private_actor, place, origin };
const char* not_party_reason(NotParty why);

// Characters, not bytes, in UTF-8 text.
std::size_t code_points(std::string_view s);
// Whether `word` is `head` or an inflected form of it: the same word up to its last letter,
// with at most one letter more ("куба": "кубы", "кубе", "кубой"). Russian and Portuguese
// names decline; a homonym written in one case must hide the others.
bool form_of(std::string_view word, std::string_view head);
// Whether `phrase` (a term of several words) runs from words[at] on, word after word.
bool phrase_at(std::span<const std::string_view> words, std::size_t at, const Term& phrase);

// How many words the longest term of `list` starting at word i of a line runs for, that
// word's own single-word term counting 1 (0: none starts there); only terms that end before
// word `end` (a sentence's end) count.
std::size_t term_at(const TermIndex& index, const FoldedWords& words, std::size_t i, TermRef::List list,
                    std::size_t end = SIZE_MAX);

// How many words an article's first line gives to its dateline ("MOSCOW, April 10 —",
// "Ciudad de México, 15 ago (El Universal).-"); 0 when it has none.
std::size_t dateline_words(std::string_view text, const FoldedWords& words);
// Whether the homonym whose first word is words[at] goes on from there in the same sentence
// ("Moscow, Idaho"; "Havana, un pueblo … del río Illinois").
bool homonym_at(std::string_view text, const FoldedWords& words, std::size_t at, const Term& homonym);
// For each word of a line, whether a party's word there names no party, and why. `dateline`:
// how many words the line's dateline holds.
std::vector<NotParty> not_party_words(const Rules& rules, const TermIndex& index, std::string_view text,
                                      const FoldedWords& words, std::size_t dateline);
// Whom a cue names as its parties, by the words after it (rules.betweens, rules.withs).
// `spoken`: the counterpart is one party and the subject "we" (rules.first_persons), an
// official of the other speaking.
enum class CueFrame : std::uint8_t { none, others, theirs, spoken };
// For each word of a line: whether a cue word there is no cue (a hypothetical's, a not_cues
// phrase's, or one whose pair or counterpart holds another country), and whether it names
// the two parties as its own ("the agreement between Cuba and Russia", "firmó con Cuba").
// `why`: not_party_words of the line (empty: every party word names its party).
struct CueWords {
  std::vector<bool> none, theirs, spoken;
};
CueWords cue_words(const TermIndex& index, std::string_view text, const FoldedWords& words, std::span<const NotParty> why);

}  // namespace flag
