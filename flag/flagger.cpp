#include "flag/flagger.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "flag/tokenize.h"

namespace flag {
namespace {

bool word_matches(const std::string& word, const std::string& term_word, bool prefix) {
  return prefix ? word.starts_with(term_word) : word == term_word;
}

bool term_at(const std::vector<std::string>& words, std::size_t i, const Term& term) {
  if (i + term.words.size() > words.size()) return false;
  for (std::size_t k = 0; k < term.words.size(); ++k) {
    bool last = k + 1 == term.words.size();
    if (!word_matches(words[i + k], term.words[k], term.prefix && last)) return false;
  }
  return true;
}

// The sentence's words and the set of them, so the common case (a one-word exact term) is one
// lookup. `hidden` holds words that name no party in this article (homonyms).
struct Words {
  std::vector<std::string> list;
  std::unordered_set<std::string_view> set;
  explicit Words(std::string_view text) : list(words_of(fold(text))), set(list.begin(), list.end()) {}
};

// The terms of `terms` found in the words, as written in the rules; terms whose first word is
// in `hidden` are left out.
std::vector<std::string> find_terms(const Words& words, const std::vector<Term>& terms,
                                    const std::unordered_set<std::string>* hidden = nullptr) {
  std::vector<std::string> found;
  for (const auto& term : terms) {
    if (hidden && hidden->contains(term.words.front())) continue;
    if (term.words.size() == 1 && !term.prefix) {
      if (words.set.contains(term.words.front())) found.push_back(term.text);
      continue;
    }
    // Longer terms need their first word present, exactly or as a prefix.
    if (!term.prefix || term.words.size() > 1)
      if (!words.set.contains(term.words.front())) continue;
    for (std::size_t i = 0; i < words.list.size(); ++i)
      if (term_at(words.list, i, term)) {
        found.push_back(term.text);
        break;
      }
  }
  return found;
}

struct Sentence {
  std::string text;
  std::vector<std::string> first, second, third, negations, cues;
  double cue_weight = 0;
};

Sentence analyse(const Rules& rules, std::string text, const std::unordered_set<std::string>& hidden) {
  Sentence s;
  Words words{text};
  s.text = std::move(text);
  s.first = find_terms(words, rules.first_party, &hidden);
  s.second = find_terms(words, rules.second_party, &hidden);
  s.third = find_terms(words, rules.third_parties);
  s.negations = find_terms(words, rules.negations);
  for (const auto& cue : rules.cues) {
    auto found = find_terms(words, cue.terms);
    if (found.empty()) continue;
    s.cue_weight = std::max(s.cue_weight, cue.weight);
    s.cues.insert(s.cues.end(), found.begin(), found.end());
  }
  return s;
}

void add_terms(std::vector<std::string>& to, const std::vector<std::string>& terms) {
  for (const auto& term : terms)
    if (std::find(to.begin(), to.end(), term) == to.end()) to.push_back(term);
}

// What one cue sentence is worth: its cue's weight when both parties are in it (half when it
// also names another country: the agreement may be that country's), or in the sentences
// around it when no other country is named there (a strong cue only); nothing otherwise. A sentence
// that negates its cue is a denial: minus the rules' penalty.
double weigh(const Rules& rules, const Sentence& s, bool first_near, bool second_near, bool third_near) {
  if (!first_near || !second_near) return 0;
  if (!s.negations.empty()) return -rules.denial_penalty;
  bool both_here = !s.first.empty() && !s.second.empty();
  if (both_here) return s.third.empty() ? s.cue_weight : s.cue_weight / 2;
  if (third_near || s.cue_weight < 1.0) return 0;
  return s.cue_weight;
}

// Whether the homonym's words appear in order with at most two words between each: "Moscow,
// Idaho", "Moscow (Idaho, EE.UU.)", "Cuba, en Misuri".
bool homonym_in(const std::vector<std::string>& words, const Term& homonym) {
  constexpr std::size_t kGap = 2;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] != homonym.words.front()) continue;
    std::size_t at = i;
    bool all = true;
    for (std::size_t k = 1; k < homonym.words.size() && all; ++k) {
      bool last = k + 1 == homonym.words.size();
      all = false;
      for (std::size_t j = at + 1; j < words.size() && j <= at + 1 + kGap; ++j)
        if (word_matches(words[j], homonym.words[k], homonym.prefix && last)) {
          at = j;
          all = true;
          break;
        }
    }
    if (all) return true;
  }
  return false;
}

}  // namespace

Verdict evaluate(const Rules& rules, std::string_view title, std::string_view text) {
  Verdict verdict;
  verdict.rules_version = rules.name + "@" + rules.version;
  // Most articles never name one of the parties: one pass over the whole text settles them
  // before any per-sentence work. The same pass finds the homonyms that hide a party's name.
  std::unordered_set<std::string> hidden;
  {
    std::string whole{title};
    whole += '\n';
    whole += text;
    Words words{whole};
    for (const auto& homonym : rules.homonyms)
      if (homonym_in(words.list, homonym)) hidden.insert(homonym.words.front());
    if (find_terms(words, rules.first_party, &hidden).empty() || find_terms(words, rules.second_party, &hidden).empty())
      return verdict;
  }
  std::vector<Sentence> sentences;
  bool has_title = !title.empty();
  if (has_title) sentences.push_back(analyse(rules, std::string{title}, hidden));
  for (auto& sentence : sentences_of(text)) sentences.push_back(analyse(rules, std::move(sentence), hidden));

  const auto window = static_cast<std::ptrdiff_t>(rules.window);
  const auto count = static_cast<std::ptrdiff_t>(sentences.size());
  for (std::ptrdiff_t i = 0; i < count; ++i) {
    const Sentence& s = sentences[static_cast<std::size_t>(i)];
    if (s.cue_weight == 0) continue;
    // The title stands alone: its window does not reach into the body.
    bool is_title = has_title && i == 0;
    std::ptrdiff_t from = is_title ? 0 : std::max<std::ptrdiff_t>(has_title ? 1 : 0, i - window);
    std::ptrdiff_t to = is_title ? 0 : std::min(count - 1, i + window);
    std::vector<std::string> first, second;
    bool third_near = false;
    for (std::ptrdiff_t j = from; j <= to; ++j) {
      const Sentence& near = sentences[static_cast<std::size_t>(j)];
      add_terms(first, near.first);
      add_terms(second, near.second);
      third_near = third_near || !near.third.empty();
    }
    double weight = weigh(rules, s, !first.empty(), !second.empty(), third_near);
    if (weight == 0) continue;
    Evidence evidence;
    evidence.sentence = s.text;
    evidence.weight = weight;
    for (const auto* list : std::initializer_list<const std::vector<std::string>*>{&first, &second, &s.cues, &s.negations})
      add_terms(evidence.terms, *list);
    verdict.score += weight;
    verdict.evidence.push_back(std::move(evidence));
  }
  std::stable_sort(verdict.evidence.begin(), verdict.evidence.end(),
                   [](const Evidence& a, const Evidence& b) { return a.weight > b.weight; });
  verdict.flagged = verdict.score >= rules.threshold;
  return verdict;
}

}  // namespace flag
