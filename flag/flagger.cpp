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

// The terms of `terms` found in `words`, as written in the rules. `vocabulary` holds the
// sentence's words, so the common case (a one-word exact term) is one lookup.
std::vector<std::string> find_terms(const std::vector<std::string>& words,
                                    const std::unordered_set<std::string_view>& vocabulary,
                                    const std::vector<Term>& terms) {
  std::vector<std::string> found;
  for (const auto& term : terms) {
    if (term.words.size() == 1 && !term.prefix) {
      if (vocabulary.contains(term.words.front())) found.push_back(term.text);
      continue;
    }
    // Longer terms need their first word present, exactly or as a prefix.
    if (!term.prefix || term.words.size() > 1)
      if (!vocabulary.contains(term.words.front())) continue;
    for (std::size_t i = 0; i < words.size(); ++i)
      if (term_at(words, i, term)) {
        found.push_back(term.text);
        break;
      }
  }
  return found;
}

struct Sentence {
  std::string text;
  std::vector<std::string> first, second, negations, cues;
  double cue_weight = 0;
};

Sentence analyse(const Rules& rules, std::string text) {
  Sentence s;
  auto words = words_of(fold(text));
  std::unordered_set<std::string_view> vocabulary(words.begin(), words.end());
  s.text = std::move(text);
  s.first = find_terms(words, vocabulary, rules.first_party);
  s.second = find_terms(words, vocabulary, rules.second_party);
  s.negations = find_terms(words, vocabulary, rules.negations);
  for (const auto& cue : rules.cues) {
    auto found = find_terms(words, vocabulary, cue.terms);
    if (found.empty()) continue;
    s.cue_weight = std::max(s.cue_weight, cue.weight);
    s.cues.insert(s.cues.end(), found.begin(), found.end());
  }
  return s;
}

}  // namespace

Verdict evaluate(const Rules& rules, std::string_view title, std::string_view text) {
  Verdict verdict;
  verdict.rules_version = rules.name + "@" + rules.version;
  // Most articles never name one of the parties: one pass over the whole text settles them
  // before any per-sentence work.
  {
    std::string whole{title};
    whole += '\n';
    whole += text;
    auto words = words_of(fold(whole));
    std::unordered_set<std::string_view> vocabulary(words.begin(), words.end());
    if (find_terms(words, vocabulary, rules.first_party).empty() ||
        find_terms(words, vocabulary, rules.second_party).empty())
      return verdict;
  }
  std::vector<Sentence> sentences;
  bool has_title = !title.empty();
  if (has_title) sentences.push_back(analyse(rules, std::string{title}));
  for (auto& sentence : sentences_of(text)) sentences.push_back(analyse(rules, std::move(sentence)));

  const auto window = static_cast<std::ptrdiff_t>(rules.window);
  const auto count = static_cast<std::ptrdiff_t>(sentences.size());
  for (std::ptrdiff_t i = 0; i < count; ++i) {
    const Sentence& s = sentences[static_cast<std::size_t>(i)];
    if (s.cue_weight == 0 || !s.negations.empty()) continue;
    // The title stands alone: its window does not reach into the body.
    bool is_title = has_title && i == 0;
    std::ptrdiff_t from = is_title ? 0 : std::max<std::ptrdiff_t>(has_title ? 1 : 0, i - window);
    std::ptrdiff_t to = is_title ? 0 : std::min(count - 1, i + window);
    std::vector<std::string> first, second;
    for (std::ptrdiff_t j = from; j <= to; ++j) {
      const Sentence& near = sentences[static_cast<std::size_t>(j)];
      first.insert(first.end(), near.first.begin(), near.first.end());
      second.insert(second.end(), near.second.begin(), near.second.end());
    }
    if (first.empty() || second.empty()) continue;
    Evidence evidence;
    evidence.sentence = s.text;
    evidence.weight = s.cue_weight;
    for (const std::vector<std::string>* list :
         std::initializer_list<const std::vector<std::string>*>{&first, &second, &s.cues})
      for (const auto& term : *list)
        if (std::find(evidence.terms.begin(), evidence.terms.end(), term) == evidence.terms.end())
          evidence.terms.push_back(term);
    verdict.score += s.cue_weight;
    verdict.evidence.push_back(std::move(evidence));
  }
  std::stable_sort(verdict.evidence.begin(), verdict.evidence.end(),
                   [](const Evidence& a, const Evidence& b) { return a.weight > b.weight; });
  verdict.flagged = verdict.score >= rules.threshold;
  return verdict;
}

}  // namespace flag
