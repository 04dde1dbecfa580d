#include "flag/flagger.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "flag/term_index.h"
#include "flag/tokenize.h"

namespace flag {
namespace {

struct Sentence {
  std::string text;
  // The matched terms as written in the rules (pointers into the term index, which outlives
  // the call's sentences): copied into evidence only for the sentences that count.
  using Terms = std::vector<const std::string*>;
  Terms first, second, third, negations, cues;
  double cue_weight = 0;
};

// The terms the index finds in `words`, sorted into the sentence's lists (as written in the
// rules, in the rules' order); party terms whose first word is `hidden` (a homonym's) are
// left out.
Sentence analyse(const Rules& rules, const TermIndex& index, const std::vector<std::string_view>& words,
                 const std::unordered_set<std::string>& hidden) {
  Sentence s;
  for (std::uint32_t entry : index.find(words)) {
    const TermRef& ref = index.ref(entry);
    const Term& term = index.term(entry);
    switch (ref.list) {
      case TermRef::List::first:
        if (!hidden.contains(term.words.front())) s.first.push_back(&term.text);
        break;
      case TermRef::List::second:
        if (!hidden.contains(term.words.front())) s.second.push_back(&term.text);
        break;
      case TermRef::List::third: s.third.push_back(&term.text); break;
      case TermRef::List::negation: s.negations.push_back(&term.text); break;
      case TermRef::List::cue:
        s.cue_weight = std::max(s.cue_weight, rules.cues[ref.cue].weight);
        s.cues.push_back(&term.text);
        break;
    }
  }
  return s;
}

void add_terms(Sentence::Terms& to, const Sentence::Terms& terms) {
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
bool homonym_in(const std::vector<std::string_view>& words, const Term& homonym) {
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
  std::shared_ptr<const TermIndex> index = rules.index ? rules.index : std::make_shared<const TermIndex>(rules);
  // Articles share most of their vocabulary: the folded forms are kept across calls on this
  // thread, and dropped when they grow past what a few thousand articles would hold.
  thread_local WordFolder folder;
  if (folder.size() > 200'000) folder.clear();
  // Each sentence is split into folded words once. Homonyms are looked for in every sentence
  // before any is analysed, since one hides a party's name in the whole article.
  bool has_title = !title.empty();
  std::vector<std::string> texts;
  if (has_title) texts.emplace_back(title);
  for (auto& sentence : sentences_of(text)) texts.push_back(std::move(sentence));
  std::vector<std::vector<std::string_view>> words;
  words.reserve(texts.size());
  std::unordered_set<std::string> hidden;
  for (const auto& sentence : texts) {
    words.push_back(folder.words(sentence));
    for (const auto& homonym : rules.homonyms)
      if (homonym_in(words.back(), homonym)) hidden.insert(homonym.words.front());
  }
  std::vector<Sentence> sentences;
  sentences.reserve(texts.size());
  bool any_first = false, any_second = false;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    Sentence s = analyse(rules, *index, words[i], hidden);
    any_first = any_first || !s.first.empty();
    any_second = any_second || !s.second.empty();
    s.text = std::move(texts[i]);
    sentences.push_back(std::move(s));
  }
  if (!any_first || !any_second) return verdict;  // nothing to weigh without both parties

  const auto window = static_cast<std::ptrdiff_t>(rules.window);
  const auto count = static_cast<std::ptrdiff_t>(sentences.size());
  for (std::ptrdiff_t i = 0; i < count; ++i) {
    const Sentence& s = sentences[static_cast<std::size_t>(i)];
    if (s.cue_weight == 0) continue;
    // The title stands alone: its window does not reach into the body.
    bool is_title = has_title && i == 0;
    std::ptrdiff_t from = is_title ? 0 : std::max<std::ptrdiff_t>(has_title ? 1 : 0, i - window);
    std::ptrdiff_t to = is_title ? 0 : std::min(count - 1, i + window);
    Sentence::Terms first, second;
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
    Sentence::Terms terms;
    for (const auto* list : std::initializer_list<const Sentence::Terms*>{&first, &second, &s.cues, &s.negations})
      add_terms(terms, *list);
    // A term written twice in the rules (in two languages' lists) is shown once.
    for (const std::string* term : terms)
      if (std::find(evidence.terms.begin(), evidence.terms.end(), *term) == evidence.terms.end())
        evidence.terms.push_back(*term);
    verdict.score += weight;
    verdict.evidence.push_back(std::move(evidence));
  }
  std::stable_sort(verdict.evidence.begin(), verdict.evidence.end(),
                   [](const Evidence& a, const Evidence& b) { return a.weight > b.weight; });
  verdict.flagged = verdict.score >= rules.threshold;
  return verdict;
}

}  // namespace flag
