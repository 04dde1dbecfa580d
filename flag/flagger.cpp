#include "flag/flagger.h"

#include <algorithm>
#include <deque>
#include <span>
#include <string_view>
#include <unordered_set>

#include "flag/term_index.h"
#include "flag/tokenize.h"
#include "flag/word_roles.h"

namespace flag {
namespace {

// A party's word set aside where it stands: its index in its line, why, and which party's
// word it is.
struct SetAside {
  std::size_t at;
  NotParty why;
  bool first, second;
};

struct Sentence {
  std::string_view text;  // into the title or the text
  // The matched terms as written in the rules (pointers into the term index, which outlives
  // the call's sentences): copied into evidence only for the sentences that count.
  using Terms = std::vector<const std::string*>;
  Terms first, second, third, negations, cues;
  double cue_weight = 0;
  // Whether a party's adjective gives an origin here ("Russian wheat"): a weak mention, which
  // counts only beside a named party in a sentence about states ("signed by the two
  // governments").
  bool weak_first = false, weak_second = false;
  bool both = false;   // a term of rules.both_parties is in the sentence
  bool state = false;  // and one of rules.state_heads
  // A cue here names the two parties as its own ("the agreement between Cuba and Russia"):
  // another country in the sentence is then beside the point.
  bool framed = false;
  // A cue here has one party as its counterpart and "we" as its subject: the other party
  // speaking ("we signed a memorandum with Roscosmos").
  bool spoken = false;
  // Where the sentence is: words [from, to) of its line, and the party words set aside in that
  // line. The evidence reads them, for the few sentences that count.
  const FoldedWords* words = nullptr;
  std::string_view line;
  std::size_t from = 0, to = 0;
  const std::vector<SetAside>* set_aside = nullptr;
};

// Word `at` of a sentence's line, as written.
std::string_view as_written(const Sentence& s, std::size_t at) {
  return s.line.substr(s.words->at[at].begin, s.words->at[at].end - s.words->at[at].begin);
}

// The terms the index finds in `words`, sorted into the sentence's lists (as written in the
// rules, in the rules' order).
Sentence analyse(const Rules& rules, const TermIndex& index, std::span<const std::string_view> words,
                 std::span<const WordMatches* const> matches) {
  Sentence s;
  for (std::uint32_t entry : index.find(words, matches)) {
    const TermRef& ref = index.ref(entry);
    const Term& term = index.term(entry);
    switch (ref.list) {
      case TermRef::List::first:
        s.first.push_back(&term.text);
        break;
      case TermRef::List::second:
        s.second.push_back(&term.text);
        break;
      case TermRef::List::third: s.third.push_back(&term.text); break;
      case TermRef::List::negation: s.negations.push_back(&term.text); break;
      case TermRef::List::cue:
        s.cue_weight = std::max(s.cue_weight, rules.cues[ref.cue].weight);
        s.cues.push_back(&term.text);
        break;
      case TermRef::List::both_parties: s.both = true; break;
      case TermRef::List::state_head: s.state = true; break;
      case TermRef::List::private_actor:
      case TermRef::List::locative:
      case TermRef::List::city:
      case TermRef::List::link:
      case TermRef::List::not_cue:
      case TermRef::List::hypothetical:
      case TermRef::List::between:
      case TermRef::List::with:
      case TermRef::List::hedge:
      case TermRef::List::first_person:
      case TermRef::List::demonym: break;  // used before analysis, to mask party words
    }
  }
  return s;
}

void add_terms(Sentence::Terms& to, const Sentence::Terms& terms) {
  for (const auto& term : terms)
    if (std::find(to.begin(), to.end(), term) == to.end()) to.push_back(term);
}

// What one cue sentence is worth: its cue's weight when both parties are in it (half when it
// also names another country: the agreement may be that country's), or when it names one and
// the sentences around it the other, with no other country named there (a strong cue only);
// nothing otherwise. A sentence that negates its cue is a denial: minus the rules' penalty.
double weigh(const Rules& rules, const Sentence& s, bool first_near, bool second_near, bool third_near) {
  if (!first_near || !second_near) return 0;
  if (!s.negations.empty()) return -rules.denial_penalty;
  bool both_here = !s.first.empty() && !s.second.empty();
  if (both_here) return s.third.empty() || s.framed ? s.cue_weight : s.cue_weight / 2;
  // The cue's own sentence must name one of them, or both at once ("the two countries"): "The
  // contract's value was not disclosed" takes its parties from wherever the sentences around
  // it happen to name them.
  if (third_near || s.cue_weight < 1.0 || (s.first.empty() && s.second.empty() && !s.both)) return 0;
  return s.cue_weight;
}

// A word's matches without the terms of some lists: its party terms, for a word a homonym has
// taken or that names no party where it stands; its cue terms, where it is no cue.
struct Masked {
  WordMatches matches;
  std::vector<std::uint32_t> starts;
};

void mask_lists(const TermIndex& index, const WordMatches& from, ListSet drop, Masked& to) {
  auto kept = [&](std::uint32_t entry) { return !has_list(drop, index.ref(entry).list); };
  auto mark = [&](std::uint32_t entry) {
    to.matches.lists |= list_bit(index.ref(entry).list);
  };
  for (std::uint32_t entry : from.whole)
    if (kept(entry)) to.matches.whole.push_back(entry), mark(entry);
  if (from.starts)
    for (std::uint32_t entry : *from.starts)
      if (kept(entry)) to.starts.push_back(entry), mark(entry);
  if (!to.starts.empty()) to.matches.starts = &to.starts;
  to.matches.homonyms = from.homonyms;
  to.matches.not_parties = from.not_parties;
}

// The words of a sentence that stand for a term of `list` (a party's, a cue's), as written in
// the article, each once, in order: the slots of the evidence's frame.
std::vector<std::string> written(const TermIndex& index, const Sentence& s, TermRef::List list) {
  std::vector<std::string> out;
  if (!s.words) return out;
  const FoldedWords& w = *s.words;
  for (std::size_t k = s.from; k < s.to; ++k) {
    std::size_t length = term_at(index, w, k, list, s.to);
    if (length == 0) continue;
    std::size_t last = k + length - 1;
    std::string text{s.line.substr(w.at[k].begin, w.at[last].end - w.at[k].begin)};  // the whole phrase
    if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(std::move(text));
    k = last;
  }
  return out;
}

}  // namespace

TopicVerdict evaluate(const Rules& rules, std::string_view title, std::string_view text) {
  TopicVerdict verdict;
  verdict.rules_version = rules.name + "@" + rules.version;
  std::shared_ptr<const TermIndex> index = rules.index ? rules.index : std::make_shared<const TermIndex>(rules);
  // Articles share most of their vocabulary: the folded forms are kept across calls on this
  // thread, and dropped when they grow past what a few thousand articles would hold.
  // The folder also remembers what the index says of each word, so it is the index's own.
  thread_local WordFolder folder;
  if (folder.index() != index.get()) folder = WordFolder{index};
  if (folder.size() > 200'000) folder.clear();
  // First each line (paragraph) of the text, and the title, is split into folded words, once.
  // Homonyms are looked for where their first word is, before anything is weighed, since one
  // hides a party's name in the whole article.
  struct Line {
    std::string_view text;
    FoldedWords words;
    ListSet lists = 0;  // WordMatches::lists of all its words
    std::vector<SetAside> set_aside;  // party words that name no party where they stand
    std::vector<bool> framed;         // cue words that name the two parties as their own
    std::vector<bool> spoken;         // cue words whose subject is "we", an official speaking
  };
  bool has_title = !title.empty();
  std::vector<Line> lines;
  if (has_title) lines.push_back(Line{title, folder.words_matched(title), 0, {}, {}, {}});
  for (std::string_view line : lines_of(text)) lines.push_back(Line{line, folder.words_matched(line), 0, {}, {}, {}});
  std::vector<std::string_view> hidden;  // the first words of the homonyms found
  for (Line& line : lines) {
    const auto& matches = line.words.matches;
    for (std::size_t i = 0; i < matches.size(); ++i) {
      if (!matches[i]->homonyms) continue;
      for (std::uint32_t h : *matches[i]->homonyms)
        if (homonym_at(line.text, line.words, i, rules.homonyms[h])) hidden.push_back(rules.homonyms[h].words.front());
    }
  }
  // An article where homonyms take the names of both parties ("Moscow, Idaho buys buses from
  // Cuba, Missouri") is about those places; what is left of the parties there (a joke about
  // a "Russian-Cuban contract") is not weighed.
  auto hides = [&](TermRef::List list) {
    return std::any_of(hidden.begin(), hidden.end(), [&](std::string_view head) { return index->match(head).in(list); });
  };
  if (hides(TermRef::List::first) && hides(TermRef::List::second)) return verdict;
  // A homonym's first word, in any of its forms, names no party anywhere in the article.
  std::deque<Masked> masked;
  ListSet article_lists = 0;
  // Most lines name no party: nothing to set aside there. (party_line also counts a line that
  // names both at once, "the two governments", for the cue words near it.)
  std::vector<bool> party_line(lines.size()), names_line(lines.size());
  for (std::size_t l = 0; l < lines.size(); ++l)
    for (const WordMatches* m : lines[l].words.matches) {
      names_line[l] = names_line[l] || m->in(TermRef::List::first) || m->in(TermRef::List::second);
      party_line[l] = party_line[l] || names_line[l] || m->in(TermRef::List::both_parties);
    }
  // A cue counts with the parties of its own line and, through the window, of the lines next
  // to it; further away it cannot count, whatever its sentences. (The title stands alone.)
  auto near_a_party = [&](std::size_t l) {
    const std::size_t body = has_title ? 1 : 0;
    return party_line[l] || rules.window > 1 ||
           (rules.window == 1 && l >= body && ((l > body && party_line[l - 1]) || (l + 1 < lines.size() && party_line[l + 1])));
  };
  // So do party words that stand for a thing, a private actor, a place or an origin, where
  // they stand.
  for (std::size_t l = 0; l < lines.size(); ++l) {
    Line& line = lines[l];
    auto& matches = line.words.matches;
    const bool names_a_party = names_line[l];
    // The first line's dateline names where the story was filed, neither party nor another country.
    const std::size_t dateline = l == (has_title ? 1u : 0u) ? dateline_words(line.text, line.words) : 0;
    std::vector<NotParty> why =
        names_a_party ? not_party_words(rules, *index, line.text, line.words, dateline) : std::vector<NotParty>{};
    const bool has_a_cue = std::any_of(matches.begin(), matches.end(), [](const WordMatches* m) { return m->in(TermRef::List::cue); });
    // Even on a line that names no party: its cue still counts with the parties of the lines
    // around it, so whether it is a cue must not depend on where the paragraph breaks.
    CueWords cues = has_a_cue && near_a_party(l) ? cue_words(*index, line.text, line.words, why) : CueWords{};
    const std::vector<bool>& not_cue = cues.none;
    line.framed = std::move(cues.theirs);
    line.spoken = std::move(cues.spoken);
    for (std::size_t i = 0; i < matches.size(); ++i) {
      bool party = matches[i]->in(TermRef::List::first) || matches[i]->in(TermRef::List::second);
      bool hidden_here = party && std::any_of(hidden.begin(), hidden.end(), [&](std::string_view head) {
                           return form_of(line.words.folded[i], head);
                         });
      bool local = party && !why.empty() && why[i] != NotParty::no;
      bool no_cue = !not_cue.empty() && not_cue[i] && matches[i]->in(TermRef::List::cue);
      bool filed_from = i < dateline && matches[i]->in(TermRef::List::third);
      if (hidden_here || local || no_cue || filed_from) {
        if (local && !hidden_here) {
          line.set_aside.push_back({i, why[i], matches[i]->in(TermRef::List::first), matches[i]->in(TermRef::List::second)});
          // A weak mention still makes the article one that names the party.
          if (why[i] == NotParty::origin)
            line.lists |= matches[i]->lists & (list_bit(TermRef::List::first) | list_bit(TermRef::List::second));
        }
        constexpr ListSet kParties = list_bit(TermRef::List::first) | list_bit(TermRef::List::second);
        const auto drop = static_cast<ListSet>((hidden_here || local ? kParties : 0) |
                                                     (no_cue ? list_bit(TermRef::List::cue) : 0) |
                                                     (filed_from ? list_bit(TermRef::List::third) : 0));
        mask_lists(*index, *matches[i], drop, masked.emplace_back());
        matches[i] = &masked.back().matches;
      }
      line.lists |= matches[i]->lists;
    }
    article_lists |= line.lists;
  }
  // Most articles never name both parties or never use a cue word: nothing to weigh.
  if (!has_list(article_lists, TermRef::List::first) || !has_list(article_lists, TermRef::List::second) ||
      !has_list(article_lists, TermRef::List::cue))
    return verdict;

  // Then lines become sentences. ICU's sentence splitting is the costliest step, so only the
  // lines where a sentence's bounds can change the verdict are split: those with a cue word
  // that may count (near a party), and with a window of one sentence, the lines next to them.
  // Any other line is left whole: no sentence of it holds a cue or is near one, whatever its
  // length. (A wider window needs every line's true length.)
  auto has_cue = [&](std::size_t l) {
    return l < lines.size() && has_list(lines[l].lists, TermRef::List::cue) && near_a_party(l);
  };
  auto needs_split = [&](std::size_t l) {
    if (rules.window > 1) return true;
    return has_cue(l) || (rules.window == 1 && ((l > 0 && has_cue(l - 1)) || has_cue(l + 1)));
  };
  std::vector<Sentence> sentences;
  sentences.reserve(lines.size() * 2);
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const Line& line = lines[l];
    const FoldedWords& words = line.words;
    std::span<const std::string_view> folded{words.folded};
    std::span<const WordMatches* const> matches{words.matches};
    // Where sentence s is in its line (words [from, to)), and whether it holds an origin.
    auto place = [&](Sentence& s, std::size_t from, std::size_t to) {
      s.words = &words, s.line = line.text, s.from = from, s.to = to, s.set_aside = &line.set_aside;
      for (std::size_t k = from; k < to && k < line.framed.size(); ++k) {
        s.framed = s.framed || line.framed[k];
        s.spoken = s.spoken || line.spoken[k];
      }
      for (const SetAside& a : line.set_aside)
        if (a.at >= from && a.at < to && a.why == NotParty::origin) {
          s.weak_first = s.weak_first || a.first;
          s.weak_second = s.weak_second || a.second;
        }
    };
    if ((has_title && l == 0) || !needs_split(l)) {
      Sentence s = analyse(rules, *index, folded, matches);
      s.text = line.text;
      place(s, 0, folded.size());
      sentences.push_back(std::move(s));
      continue;
    }
    std::size_t w = 0;
    for (std::string_view text_of : sentences_of(line.text)) {
      auto begin = static_cast<std::size_t>(text_of.data() - line.text.data());
      auto end = begin + text_of.size();
      while (w < words.at.size() && words.at[w].begin < begin) ++w;
      std::size_t first = w;
      while (w < words.at.size() && words.at[w].begin < end) ++w;
      Sentence s = analyse(rules, *index, folded.subspan(first, w - first), matches.subspan(first, w - first));
      s.text = text_of;
      place(s, first, w);
      sentences.push_back(std::move(s));
    }
  }
  bool any_first = false, any_second = false;
  for (const Sentence& s : sentences) {
    any_first = any_first || !s.first.empty() || s.weak_first;
    any_second = any_second || !s.second.empty() || s.weak_second;
  }
  if (!any_first || !any_second) return verdict;  // nothing to weigh without both parties

  // A headline with a cue, one party and another country ("Rosneft and Indian refiner agree
  // oil deal") says what the article's agreement is; a later "the deal" with Cuba in the next
  // sentence is that one, so only sentences naming both parties count.
  const Sentence* headline = has_title ? &sentences.front() : nullptr;
  bool headline_elsewhere = headline && headline->cue_weight > 0 && !headline->third.empty() &&
                            headline->first.empty() != headline->second.empty();
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
    bool third_near = headline_elsewhere;
    bool weak_first = false, weak_second = false;
    for (std::ptrdiff_t j = from; j <= to; ++j) {
      const Sentence& near = sentences[static_cast<std::size_t>(j)];
      weak_first = weak_first || near.weak_first;
      weak_second = weak_second || near.weak_second;
      add_terms(first, near.first);
      add_terms(second, near.second);
      third_near = third_near || !near.third.empty();
    }
    // "Russian wheat ... under an agreement signed by the two governments": an origin stands
    // for its party when the other party is named and the sentence is about states.
    // "Los ministros de Cultura de ambos países firmaron el programa": in an article that names
    // both parties, with no other country near, "both countries" acting through their state
    // bodies are those two; so are the parties to "an intergovernmental agreement" there.
    bool both_named = s.both && s.state && !third_near;
    // And "we signed with Roscosmos": the speaker is the other party.
    bool spoken = s.spoken && !third_near;
    bool first_near = !first.empty() || (s.both && weak_first && !second.empty()) || both_named || spoken;
    bool second_near = !second.empty() || (s.both && weak_second && !first.empty()) || both_named || spoken;
    double weight = weigh(rules, s, first_near, second_near, third_near);
    if (weight == 0) continue;
    Evidence evidence;
    evidence.sentence = std::string{s.text};
    evidence.weight = weight;
    evidence.agreement = written(*index, s, TermRef::List::cue);
    Evidence::Party first_slot{rules.first_name, {}}, second_slot{rules.second_name, {}};
    auto add = [](std::vector<std::string>& to_words, std::string word) {
      if (std::find(to_words.begin(), to_words.end(), word) == to_words.end()) to_words.push_back(std::move(word));
    };
    for (std::ptrdiff_t j = from; j <= to; ++j) {
      const Sentence& near = sentences[static_cast<std::size_t>(j)];
      for (auto& word : written(*index, near, TermRef::List::first)) add(first_slot.words, std::move(word));
      for (auto& word : written(*index, near, TermRef::List::second)) add(second_slot.words, std::move(word));
      if (!near.set_aside) continue;
      for (const SetAside& a : *near.set_aside) {
        if (a.at < near.from || a.at >= near.to) continue;
        std::string word{as_written(near, a.at)};
        evidence.not_parties.push_back(word + " (" + not_party_reason(a.why) + ")");
        // An adjective of origin fills a slot only where it was let stand for its party.
        if (a.why != NotParty::origin) continue;
        if (a.first) {
          if (first.empty()) add(first_slot.words, std::move(word));
        } else if (second.empty()) {
          add(second_slot.words, std::move(word));
        }
      }
    }
    // A slot no party word filled was filled by "both countries" or by the "we" speaking: the
    // reviewer sees those words there rather than nothing.
    for (Evidence::Party* slot : {&first_slot, &second_slot}) {
      if (!slot->words.empty()) continue;
      if (both_named)
        for (auto& word : written(*index, s, TermRef::List::both_parties)) add(slot->words, std::move(word));
      if (spoken)
        for (auto& word : written(*index, s, TermRef::List::first_person)) add(slot->words, std::move(word));
    }
    evidence.parties = {std::move(first_slot), std::move(second_slot)};
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
