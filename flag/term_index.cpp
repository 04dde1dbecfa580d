#include "flag/term_index.h"

#include <algorithm>

namespace flag {
namespace {

// Whether the term's words start at words[i] (its first word already known to match).
bool rest_matches(std::span<const std::string_view> words, std::size_t i, const Term& term) {
  if (i + term.words.size() > words.size()) return false;
  for (std::size_t k = 1; k < term.words.size(); ++k) {
    bool last = k + 1 == term.words.size();
    if (!word_matches(words[i + k], term.words[k], term.prefix && last)) return false;
  }
  return true;
}

}  // namespace

TermIndex::TermIndex(const Rules& rules) {
  auto add = [this](const std::vector<Term>& terms, TermRef::List list, std::uint16_t cue) {
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const Term& term = terms[i];
      auto entry = static_cast<std::uint32_t>(entries_.size());
      entries_.push_back(Entry{TermRef{list, cue, static_cast<std::uint32_t>(i)}, term});
      if (term.words.size() == 1 && term.prefix) {
        std::uint32_t node = 0;
        for (unsigned char byte : term.words.front()) {
          auto& children = prefixes_[node].children;
          auto child = std::find_if(children.begin(), children.end(), [byte](const auto& c) { return c.first == byte; });
          if (child != children.end()) {
            node = child->second;
            continue;
          }
          auto created = static_cast<std::uint32_t>(prefixes_.size());
          children.emplace_back(byte, created);
          prefixes_.emplace_back();  // invalidates `children`; not used again
          node = created;
        }
        prefixes_[node].entries.push_back(entry);
      } else {
        auto& heads = by_first_word_[term.words.front()];
        (term.words.size() == 1 ? heads.single : heads.longer).push_back(entry);
      }
    }
  };
  add(rules.first_party, TermRef::List::first, 0);
  add(rules.second_party, TermRef::List::second, 0);
  add(rules.third_parties, TermRef::List::third, 0);
  add(rules.negations, TermRef::List::negation, 0);
  add(rules.private_actors, TermRef::List::private_actor, 0);
  add(rules.locatives, TermRef::List::locative, 0);
  add(rules.demonyms, TermRef::List::demonym, 0);
  add(rules.state_heads, TermRef::List::state_head, 0);
  add(rules.both_parties, TermRef::List::both_parties, 0);
  add(rules.cities, TermRef::List::city, 0);
  add(rules.links, TermRef::List::link, 0);
  add(rules.not_cues, TermRef::List::not_cue, 0);
  add(rules.hypotheticals, TermRef::List::hypothetical, 0);
  add(rules.betweens, TermRef::List::between, 0);
  add(rules.withs, TermRef::List::with, 0);
  add(rules.hedges, TermRef::List::hedge, 0);
  add(rules.first_persons, TermRef::List::first_person, 0);
  for (std::size_t c = 0; c < rules.cues.size(); ++c)
    add(rules.cues[c].terms, TermRef::List::cue, static_cast<std::uint16_t>(c));
  for (std::size_t i = 0; i < rules.homonyms.size(); ++i)
    by_first_word_[rules.homonyms[i].words.front()].homonyms.push_back(static_cast<std::uint32_t>(i));
  for (std::size_t i = 0; i < rules.not_parties.size(); ++i)
    by_first_word_[rules.not_parties[i].words.front()].not_parties.push_back(static_cast<std::uint32_t>(i));
}

WordMatches TermIndex::match(std::string_view word) const {
  WordMatches matches;
  if (auto hit = by_first_word_.find(word); hit != by_first_word_.end()) {
    matches.whole = hit->second.single;
    if (!hit->second.longer.empty()) matches.starts = &hit->second.longer;
    if (!hit->second.homonyms.empty()) matches.homonyms = &hit->second.homonyms;
    if (!hit->second.not_parties.empty()) matches.not_parties = &hit->second.not_parties;
  }
  std::uint32_t node = 0;
  for (unsigned char byte : word) {
    const auto& children = prefixes_[node].children;
    auto child = std::find_if(children.begin(), children.end(), [byte](const auto& c) { return c.first == byte; });
    if (child == children.end()) break;
    node = child->second;
    const auto& ending = prefixes_[node].entries;
    matches.whole.insert(matches.whole.end(), ending.begin(), ending.end());
  }
  auto mark = [&](std::uint32_t entry) { matches.lists |= list_bit(ref(entry).list); };
  for (std::uint32_t entry : matches.whole) mark(entry);
  if (matches.starts)
    for (std::uint32_t entry : *matches.starts) mark(entry);
  return matches;
}

std::vector<std::uint32_t> TermIndex::find(std::span<const std::string_view> words,
                                           std::span<const WordMatches* const> matches) const {
  std::vector<std::uint32_t> found;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const WordMatches& word = *matches[i];
    found.insert(found.end(), word.whole.begin(), word.whole.end());
    if (word.starts)
      for (std::uint32_t entry : *word.starts)
        if (rest_matches(words, i, term(entry))) found.push_back(entry);
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

std::vector<std::uint32_t> TermIndex::find(std::span<const std::string_view> words) const {
  std::vector<WordMatches> looked_up;
  looked_up.reserve(words.size());
  std::vector<const WordMatches*> matches;
  for (std::string_view word : words) matches.push_back(&looked_up.emplace_back(match(word)));
  return find(words, matches);
}

}  // namespace flag
