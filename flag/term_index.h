#pragma once
// The rules' terms indexed by their first word, and single-word prefix terms by their prefix,
// so that matching a sentence costs a few hash lookups per word instead of a pass over every
// term (hundreds, in five languages) and, for each prefix term, over every word.
#include <cstdint>
#include <functional>
#include <memory>
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
  enum class List : std::uint8_t { first, second, third, negation, cue };
  List list;
  std::uint16_t cue = 0;  // for List::cue: which [[cue]]
  std::uint32_t index = 0;
};

class TermIndex {
 public:
  // Copies what it needs: the index outlives moves of the rules it was built from.
  explicit TermIndex(const Rules& rules);

  const Term& term(std::uint32_t entry) const { return entries_[entry].term; }
  const TermRef& ref(std::uint32_t entry) const { return entries_[entry].ref; }
  // Every term found in the words, each once, as entries in the rules' order (list by list).
  std::vector<std::uint32_t> find(const std::vector<std::string_view>& words) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, std::vector<std::uint32_t>, Hash, std::equal_to<>>;
  struct Entry {
    TermRef ref;
    Term term;
  };

  std::vector<Entry> entries_;  // every term of every list, in the rules' order
  Map by_first_word_;  // exact single words and multi-word terms
  // Single-word prefix terms in a byte trie: a word's prefixes are found by walking its bytes
  // once, instead of hashing each of its prefixes that is as long as some term.
  struct PrefixNode {
    std::vector<std::pair<unsigned char, std::uint32_t>> children;  // byte, node
    std::vector<std::uint32_t> entries;                              // terms ending here
  };
  std::vector<PrefixNode> prefixes_{1};  // node 0 is the root
};

}  // namespace flag
