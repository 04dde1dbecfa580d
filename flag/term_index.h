#pragma once
// The rules' terms indexed by their first word, and single-word prefix terms by their prefix,
// so that matching a sentence costs a few hash lookups per word instead of a pass over every
// term (hundreds, in five languages) and, for each prefix term, over every word.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "flag/rules.h"

namespace flag {

// A word against one word of a term: equal, or starting with it for a prefix term's last word.
inline bool word_matches(std::string_view word, std::string_view term_word, bool prefix) {
  return prefix ? word.starts_with(term_word) : word == term_word;
}

// Which list of the rules a term is in, and where.
struct TermRef {
  enum class List : std::uint8_t { first, second, third, negation, cue, private_actor, locative, demonym, state_head, both_parties, city, link,
                                    not_cue, hypothetical, between, with, hedge, first_person };
  List list;
  std::uint16_t cue = 0;  // for List::cue: which [[cue]]
  std::uint32_t index = 0;
};

// A set of lists as bits, one per TermRef::List.
using ListSet = std::uint32_t;
constexpr ListSet list_bit(TermRef::List list) { return ListSet{1} << static_cast<unsigned>(list); }
static_assert(static_cast<unsigned>(TermRef::List::first_person) < 32, "a list's bit must fit in a ListSet");
constexpr bool has_list(ListSet lists, TermRef::List list) { return (lists & list_bit(list)) != 0; }

// What the index knows of one folded word, worked out once per distinct word (WordFolder keeps
// it beside the folded form): matching a sentence then needs no hashing per word.
struct WordMatches {
  std::vector<std::uint32_t> whole;  // single-word terms this word matches alone (exact or prefix)
  const std::vector<std::uint32_t>* starts = nullptr;  // longer terms whose first word this is
  const std::vector<std::uint32_t>* homonyms = nullptr;  // those starting with it (rules.homonyms)
  const std::vector<std::uint32_t>* not_parties = nullptr;  // the same for rules.not_parties
  // The lists (list_bit) of the terms in `whole` and `starts`: those the word may take part in.
  ListSet lists = 0;
  bool in(TermRef::List list) const { return has_list(lists, list); }
};

class TermIndex {
 public:
  // Copies what it needs: the index outlives moves of the rules it was built from.
  explicit TermIndex(const Rules& rules);

  const Term& term(std::uint32_t entry) const { return entries_[entry].term; }
  const TermRef& ref(std::uint32_t entry) const { return entries_[entry].ref; }
  WordMatches match(std::string_view folded_word) const;
  // Every term found in a sentence's folded words, each once, as entries in the rules' order
  // (list by list); `matches` holds match() of each word.
  std::vector<std::uint32_t> find(std::span<const std::string_view> words,
                                  std::span<const WordMatches* const> matches) const;
  // The same, looking each word up on the spot.
  std::vector<std::uint32_t> find(std::span<const std::string_view> words) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Heads {
    std::vector<std::uint32_t> single, longer;  // exact one-word terms; terms of several words
    std::vector<std::uint32_t> homonyms;
    std::vector<std::uint32_t> not_parties;
  };
  using Map = std::unordered_map<std::string, Heads, Hash, std::equal_to<>>;
  struct Entry {
    TermRef ref;
    Term term;
  };

  std::vector<Entry> entries_;  // every term of every list, in the rules' order
  Map by_first_word_;           // every term but the one-word prefix ones, and homonyms' heads
  // Single-word prefix terms in a byte trie: a word's prefixes are found by walking its bytes
  // once, instead of hashing each of its prefixes that is as long as some term.
  struct PrefixNode {
    std::vector<std::pair<unsigned char, std::uint32_t>> children;  // byte, node
    std::vector<std::uint32_t> entries;                              // terms ending here
  };
  std::vector<PrefixNode> prefixes_{1};  // node 0 is the root
};

}  // namespace flag
