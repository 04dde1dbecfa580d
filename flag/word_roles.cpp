#include "flag/word_roles.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace flag {
namespace {

// Whether a word as written has letters and none of them lower case: "HAVANA", "MOSCÚ",
// "ГАВАНА". (Latin-1 and Cyrillic lower case by their UTF-8 bytes; a dateline is in one of them.)
bool all_capitals(std::string_view word) {
  bool letters = false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    auto c = static_cast<unsigned char>(word[i]);
    auto next = i + 1 < word.size() ? static_cast<unsigned char>(word[i + 1]) : 0;
    if (c >= 'a' && c <= 'z') return false;
    if ((c == 0xC3 && next >= 0x9F) || (c == 0xD0 && next >= 0xB0) || (c == 0xD1 && next <= 0x9F)) return false;
    letters = letters || (c >= 'A' && c <= 'Z') || c >= 0xC3;
  }
  return letters;
}

// The text of a line between words a and b (a < b), which keeps the punctuation the folded
// words drop.
std::string_view between(std::string_view text, const FoldedWords& words, std::size_t a, std::size_t b) {
  return text.substr(words.at[a].end, words.at[b].begin - words.at[a].end);
}

// The text of a line between word k and the next one (or the line's end), and between the
// previous one (or the line's start) and word k.
std::string_view gap_after(std::string_view text, const FoldedWords& words, std::size_t k) {
  std::size_t end = k + 1 < words.at.size() ? words.at[k + 1].begin : text.size();
  return text.substr(words.at[k].end, end - words.at[k].end);
}
std::string_view gap_before(std::string_view text, const FoldedWords& words, std::size_t k) {
  std::size_t begin = k == 0 ? 0 : words.at[k - 1].end;
  return text.substr(begin, words.at[k].begin - begin);
}

// Whether words a and b (a < b) of a line are joined by nothing but spaces and hyphens.
bool one_phrase(std::string_view text, const FoldedWords& words, std::size_t a, std::size_t b) {
  for (std::size_t k = a; k < b; ++k) {
    std::string_view gap = between(text, words, k, k + 1);
    if (gap.find_first_not_of(" -") != std::string_view::npos && gap != "–" && gap != "—") return false;
  }
  return true;
}

// Whether no mark of `stops` stands between words a and b of a line (in either order).
bool unbroken(std::string_view text, const FoldedWords& words, std::size_t a, std::size_t b, std::string_view stops) {
  if (a > b) std::swap(a, b);
  return a == b || between(text, words, a, b).find_first_of(stops) == std::string_view::npos;
}

// Whether words a and b of a line are in one clause, or one sentence, as far as punctuation
// tells.
bool same_clause(std::string_view text, const FoldedWords& words, std::size_t a, std::size_t b) {
  return unbroken(text, words, a, b, ",:;.!?");
}
bool same_sentence(std::string_view text, const FoldedWords& words, std::size_t a, std::size_t b) {
  return unbroken(text, words, a, b, ".!?;");
}

}  // namespace

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Whether `word` is `head` or an inflected form of it: the same word up to its last letter,
// with at most one letter more ("куба": "кубы", "кубе", "кубой"; "москва": "москве",
// "москвой"). Russian and Portuguese names decline; a homonym written in one case must
// hide the others.
bool form_of(std::string_view word, std::string_view head) {
  if (word == head) return true;
  std::size_t head_length = code_points(head);
  if (head_length < 4) return false;  // too short to tell a form from another word
  std::string_view stem = head;
  do stem.remove_suffix(1);
  while (!stem.empty() && (static_cast<unsigned char>(stem.back()) & 0xC0) == 0x80);
  if (!stem.empty()) stem.remove_suffix(1);  // the last letter's lead byte
  std::size_t length = code_points(word);
  return word.starts_with(stem) && (length == head_length || length == head_length + 1);
}

// Whether `phrase` (a term of several words) runs from words[at] on, word after word.
bool phrase_at(std::span<const std::string_view> words, std::size_t at, const Term& phrase) {
  if (at + phrase.words.size() > words.size()) return false;
  for (std::size_t k = 0; k < phrase.words.size(); ++k)
    if (!word_matches(words[at + k], phrase.words[k], phrase.prefix && k + 1 == phrase.words.size())) return false;
  return true;
}

// How many words the longest term of `list` starting at word i runs for (0: none starts there).
std::size_t term_at(const TermIndex& index, const FoldedWords& words, std::size_t i, TermRef::List list, std::size_t end) {
  const WordMatches& m = *words.matches[i];
  if (!m.in(list)) return 0;
  std::size_t length = 0;
  for (std::uint32_t entry : m.whole)
    if (index.ref(entry).list == list) length = 1;
  if (m.starts) {
    std::span<const std::string_view> folded{words.folded};
    folded = folded.first(std::min(end, folded.size()));
    for (std::uint32_t entry : *m.starts)
      if (index.ref(entry).list == list && phrase_at(folded, i, index.term(entry)))
        length = std::max(length, index.term(entry).words.size());
  }
  return length;
}

const char* not_party_reason(NotParty why) {
  switch (why) {
    case NotParty::thing: return "not the state";
    case NotParty::private_actor: return "a person or a private body";
    case NotParty::place: return "a place";
    case NotParty::origin: return "an origin, not a state body";
    case NotParty::no: break;
  }
  return "";
}

// How many words an article's first line gives to its dateline, 0 when it has none: up to four
// words at its start, joined by spaces, hyphens or "de", ended by a comma, a dash, a full stop
// or an opening bracket; either in capitals with a city among them ("MOSCOW, April 10 —",
// "LA HAVANE —"; an acronym such as "CUPET," is no city), or followed by a comma and a date
// ("Ciudad de México, 15 ago (El Universal).-", "La Habana, 14 de noviembre").
std::size_t dateline_words(std::string_view text, const FoldedWords& words) {
  constexpr std::size_t kMaxWords = 4;
  bool city = false, capitals = true;
  for (std::size_t n = 0; n < words.at.size() && n < kMaxWords;) {
    const WordBytes& at = words.at[n];
    std::string_view word = text.substr(at.begin, at.end - at.begin);
    bool joining = n > 0 && (words.folded[n] == "de" || words.folded[n] == "do" || words.folded[n] == "la");
    if (n == 0 && !(word.front() >= 'A' && word.front() <= 'Z') && static_cast<unsigned char>(word.front()) < 0xC3) return 0;
    capitals = capitals && (joining || all_capitals(word));
    city = city || words.matches[n]->in(TermRef::List::city);
    ++n;
    std::size_t next = n < words.at.size() ? words.at[n].begin : text.size();
    std::string_view gap = text.substr(at.end, next - at.end);
    bool dated = gap.find(',') != std::string_view::npos && n < words.at.size() &&
                 words.folded[n].front() >= '0' && words.folded[n].front() <= '9';
    if (gap.find_first_of(",.([") != std::string_view::npos || gap.find("—") != std::string_view::npos ||
        gap.find("–") != std::string_view::npos || gap.find(" -") != std::string_view::npos)
      return (capitals && city) || dated ? n : 0;
    // Only spaces (or a hyphen inside a name) may join the words of a place.
    if (gap.find_first_not_of(" -") != std::string_view::npos) return 0;
  }
  return 0;
}

// Whether the homonym, whose first word is words[at], goes on there with at most a few words
// between each of its words, in the same sentence: "Moscow, Idaho", "Moscow (Idaho, EE.UU.)",
// "Cuba, en Misuri", "Москва в американском штате Айдахо", "Havana, un pueblo de unos 3.000
// habitantes a orillas del río Illinois".
bool homonym_at(std::string_view text, const FoldedWords& words, std::size_t at, const Term& homonym) {
  constexpr std::size_t kGap = 12;
  const std::size_t first = at;
  for (std::size_t k = 1; k < homonym.words.size(); ++k) {
    bool last = k + 1 == homonym.words.size();
    bool found = false;
    for (std::size_t j = at + 1; j < words.folded.size() && j <= at + 1 + kGap && !found; ++j)
      if (word_matches(words.folded[j], homonym.words[k], homonym.prefix && last)) {
        at = j;
        found = true;
      }
    if (!found || !same_sentence(text, words, first, at)) return false;
  }
  return true;
}

// For each word of a line, whether a party word there names no party: inside a not_parties
// phrase, next to a private actor (a person by trade or kin, a private body), right after a
// locative (or its article): "signed in Moscow" says where, and who signed is named apart
// ("Bolivia and Nicaragua signed in Moscow"); an adjective of origin with no state body near.
std::vector<NotParty> not_party_words(const Rules& rules, const TermIndex& index, std::string_view text,
                                      const FoldedWords& words, std::size_t dateline) {
  // Where the line names another country. (A word that only starts a longer name, "la" of "la
  // paz", does not: the whole name must be there.)
  std::optional<std::vector<std::size_t>> others;
  auto another_country_near = [&](std::size_t i) {
    if (!others) {
      others.emplace();
      for (std::size_t k = 0; k < words.matches.size(); ++k)
        if (term_at(index, words, k, TermRef::List::third) > 0) others->push_back(k);
    }
    return std::any_of(others->begin(), others->end(),
                       [&](std::size_t k) { return same_sentence(text, words, i, k); });
  };
  const auto& matches = words.matches;
  std::vector<NotParty> why(matches.size(), NotParty::no);
  auto mark = [&](std::size_t i, NotParty reason) {
    if (i < why.size() && why[i] == NotParty::no) why[i] = reason;
  };
  auto party = [&](std::size_t i) {
    return i < matches.size() && (matches[i]->in(TermRef::List::first) || matches[i]->in(TermRef::List::second));
  };
  // "the Cuban-Russian pianist", "a private Russian firm", "уроженец Кубы": next to it.
  constexpr std::size_t kPersonReach = 1;
  // "the Russian Deputy Prime Minister", "el gobierno cubano"; "the Cuban-Russian accord",
  // "российско-кубинское соглашение".
  constexpr std::size_t kHeadReach = 3, kCueReach = 2;
  auto state_head_near = [&](std::size_t i) {
    for (std::size_t k = i >= kHeadReach ? i - kHeadReach : 0; k <= i + kHeadReach && k < matches.size(); ++k) {
      std::size_t distance = k > i ? k - i : i - k;
      if (!same_sentence(text, words, i, k)) continue;
      if (matches[k]->in(TermRef::List::state_head)) return true;
      // The agreement itself only in one phrase with it, not across a comma ("signed the
      // agreement, and Russian tourists came"), nor after a counterpart's word: in "contracts
      // with Russian firms" and "с российским паспортом подписал" the adjective is another noun's.
      if (distance <= kCueReach && matches[k]->in(TermRef::List::cue) && one_phrase(text, words, std::min(i, k), std::max(i, k)) &&
          !(i > 0 && matches[i - 1]->in(TermRef::List::with)))
        return true;
    }
    return false;
  };
  // Whether a state body's word comes just before word i in its phrase or after a link ("el
  // Gobierno Provincial de Santiago de Cuba").
  auto state_head_before = [&](std::size_t i) {
    constexpr std::size_t kReach = 3;
    for (std::size_t k = i >= kReach ? i - kReach : 0; k < i; ++k)
      if (matches[k]->in(TermRef::List::state_head) && same_clause(text, words, k, i)) return true;
    return false;
  };
  // Whether word i starts a longer name that is a party's: "Российские железные дороги".
  auto starts_a_name = [&](std::size_t i) {
    return term_at(index, words, i, TermRef::List::first) > 1 || term_at(index, words, i, TermRef::List::second) > 1;
  };
  // Whether party word i, a country's, a city's or an adjective (not a state company's own
  // name: «Роснефть» is quoted as a matter of course), is inside a short name in quotation
  // marks: a brand, a firm, a ship («Новая Россия», "Cuba Libre"). A quoted sentence is longer.
  auto place_word = [&](std::size_t i) {
    return matches[i]->in(TermRef::List::city) || matches[i]->in(TermRef::List::demonym) ||
           std::any_of(rules.homonyms.begin(), rules.homonyms.end(),
                       [&](const Term& h) { return form_of(words.folded[i], h.words.front()); });
  };
  auto quoted_name = [&](std::size_t i) {
    if (!party(i)) return false;
    constexpr std::size_t kNameWords = 3;
    auto opens = [](std::string_view gap) {
      return gap.find("«") != std::string_view::npos || gap.find("“") != std::string_view::npos ||
             gap.find("„") != std::string_view::npos || gap.ends_with("\"");
    };
    auto closes = [](std::string_view gap) {
      return gap.find("»") != std::string_view::npos || gap.find("”") != std::string_view::npos ||
             gap.find("“") != std::string_view::npos || gap.starts_with("\"");
    };
    std::optional<std::size_t> open, close;
    for (std::size_t back = 0; back < kNameWords && back <= i; ++back) {
      if (opens(gap_before(text, words, i - back))) { open = i - back; break; }
      if (back > 0 && closes(gap_after(text, words, i - back))) return false;
    }
    for (std::size_t on = 0; on < kNameWords && i + on < words.at.size(); ++on) {
      if (closes(gap_after(text, words, i + on))) { close = i + on; break; }
      if (on > 0 && opens(gap_before(text, words, i + on))) return false;
    }
    // Quotation marks are rare: the costlier checks come last.
    return open && close && *close - *open < kNameWords && place_word(i) && !starts_a_name(i);
  };
  // Where a place starts after locative i: the next word, or the one after a short one (an
  // article: "en La Habana", "in the Kremlin").
  auto place_after = [&](std::size_t i) {
    std::size_t place = i + 1;
    if (place + 1 < matches.size() && !matches[place]->in(TermRef::List::city) && code_points(words.folded[place]) <= 3)
      ++place;
    return place;
  };
  // The countries named right after a locative, and whose: a country there is a place when the
  // other party is one in the same sentence ("sales outside Cuba and a residency in Russia").
  std::vector<std::pair<std::size_t, bool>> countries_placed;  // (word, whether it is the first party's)
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (!matches[i]->in(TermRef::List::locative)) continue;
    std::size_t place = place_after(i);
    if (place < matches.size() && party(place) && !matches[place]->in(TermRef::List::city))
      countries_placed.emplace_back(place, matches[place]->in(TermRef::List::first));
  }
  auto other_party_placed = [&](std::size_t p) {
    return std::any_of(countries_placed.begin(), countries_placed.end(), [&](const auto& q) {
      return q.first != p && q.second != matches[p]->in(TermRef::List::first) && same_sentence(text, words, p, q.first);
    });
  };
  // "MOSCOW, April 10 —", "LA HABANA, 14 feb. (14ymedio) –", "ГАВАНА, 3 февраля.": a dateline
  // says where the story was filed.
  for (std::size_t i = 0; i < dateline; ++i) mark(i, NotParty::place);
  for (std::size_t i = 0; i < matches.size(); ++i) {
    // (Not after a state body: "el Gobierno de Santiago de Cuba", "the government of Old
    // Havana" are the state's.)
    if (matches[i]->not_parties && !state_head_before(i))
      for (std::uint32_t p : *matches[i]->not_parties)
        if (phrase_at(words.folded, i, rules.not_parties[p]))
          for (std::size_t k = 0; k < rules.not_parties[p].words.size(); ++k) mark(i + k, NotParty::thing);
    if (quoted_name(i)) mark(i, NotParty::thing);
    if (matches[i]->in(TermRef::List::private_actor)) {
      for (std::size_t k = i >= kPersonReach ? i - kPersonReach : 0; k <= i + kPersonReach; ++k) mark(k, NotParty::private_actor);
      // "the Council of Churches of Cuba", "la Universidad de La Habana": the body's own place.
      // ("Orthodox parishes in Russia": a locative does the same after a private body.) The
      // body's name may run on a few words first: "Feria Internacional del Libro de La Habana".
      constexpr std::size_t kNameReach = 5;
      for (std::size_t after = i + 1; after < matches.size() && after <= i + kNameReach && one_phrase(text, words, i, after);
           ++after) {
        if (!matches[after]->in(TermRef::List::link) && !matches[after]->in(TermRef::List::locative)) continue;
        mark(after + 1, NotParty::private_actor);
        // Past an article: "de La Habana".
        if (after + 1 < matches.size() && code_points(words.folded[after + 1]) <= 3) mark(after + 2, NotParty::private_actor);
      }
    }
    if (matches[i]->in(TermRef::List::locative)) {
      std::size_t place = place_after(i);
      if (place < matches.size() &&
          (matches[place]->in(TermRef::List::city) || another_country_near(place) || other_party_placed(place))) {
        // A city of several words ("San Petersburgo", "Saint Petersburg") is one place.
        while (place + 1 < matches.size() && matches[place]->in(TermRef::List::city) &&
               matches[place + 1]->in(TermRef::List::city) && one_phrase(text, words, place, place + 1))
          ++place;
        // And a city joined to it by a short word ("in Moscow and St Petersburg", "en Moscú y
        // San Petersburgo"), of one or more words.
        while (place + 2 < matches.size() && code_points(words.folded[place + 1]) <= 3 &&
               matches[place + 2]->in(TermRef::List::city) && one_phrase(text, words, place, place + 2)) {
          place += 2;
          while (place + 1 < matches.size() && matches[place + 1]->in(TermRef::List::city) && one_phrase(text, words, place, place + 1))
            ++place;
        }
        for (std::size_t k = i + 1; k <= place; ++k) mark(k, NotParty::place);
      }
    }
  }
  // An adjective's prefix takes its endings ("cuban*": "cubanos", "российск*": "российскими"),
  // not a longer word of its own ("Cubaníquel", a state company).
  auto adjective = [&](std::size_t i) {
    constexpr std::size_t kEnding = 4;
    const std::size_t length = code_points(words.folded[i]);
    return std::any_of(matches[i]->whole.begin(), matches[i]->whole.end(), [&](std::uint32_t entry) {
      const Term& term = index.term(entry);
      return index.ref(entry).list == TermRef::List::demonym && length <= code_points(term.words.front()) + kEnding;
    });
  };
  // Last, so that a person or a thing named with the adjective is said to be one.
  for (std::size_t i = 0; i < matches.size(); ++i)
    if (matches[i]->in(TermRef::List::demonym) && party(i) && adjective(i) && !state_head_near(i) && !starts_a_name(i))
      mark(i, NotParty::origin);
  // A person's double origin is one word in two halves ("the Cuban-Russian singer", "o avançado
  // cubano-russo"): what one half is, the other is too.
  for (std::size_t pass = 0; pass < 2; ++pass)
    for (std::size_t i = 0; i + 1 < matches.size(); ++i) {
      if (between(text, words, i, i + 1) != "-" || !party(i) || !party(i + 1)) continue;
      if (why[i] == NotParty::private_actor) why[i + 1] = NotParty::private_actor;
      if (why[i + 1] == NotParty::private_actor) why[i] = NotParty::private_actor;
    }
  return why;
}

namespace {

// Who word k of a line names, if anyone: a party (that names its party there) or another
// country (by its whole name: "la" alone is not "la paz").
enum class Named : std::uint8_t { nobody, first, second, other };
Named named_at(const TermIndex& index, const FoldedWords& words, std::span<const NotParty> why, std::size_t k) {
  const WordMatches& m = *words.matches[k];
  if ((m.in(TermRef::List::first) || m.in(TermRef::List::second)) && (why.empty() || why[k] == NotParty::no))
    return m.in(TermRef::List::first) ? Named::first : Named::second;
  return term_at(index, words, k, TermRef::List::third) > 0 ? Named::other : Named::nobody;
}

// Whom the cue word at `cue` names as its parties: a `between` word a few words on and the
// first two countries named after that ("the agreement signed on Monday between Vietnam and
// Cuba"), or a `with` word just after it, the first country after that and the last one before
// the cue ("Russia signed a deal with India", "the EU's agreement with Cuba"). Another
// country, or a private body or person, there makes the cue another pairing's; the two
// parties make it theirs. A pair written as one word before it is another pairing too: "the
// Cuba-Vietnam rice agreement".
CueFrame frame_of(const TermIndex& index, std::string_view text, const FoldedWords& words, std::span<const NotParty> why,
                  std::size_t cue) {
  constexpr std::size_t kBetweenReach = 5, kWithReach = 3, kPairReach = 8, kCounterpartReach = 2, kBodyReach = 9,
                        kCompoundReach = 3;
  const auto& matches = words.matches;
  for (std::size_t k = cue + 1; k < matches.size() && k <= cue + kBetweenReach && same_sentence(text, words, cue, k); ++k) {
    bool pair = matches[k]->in(TermRef::List::between);
    bool counterpart = !pair && k <= cue + kWithReach && matches[k]->in(TermRef::List::with) && same_clause(text, words, cue, k);
    if (!pair && !counterpart) continue;
    // A state body's name runs on to its country: "con el Ministerio de Ciencia y Educación
    // Superior de Rusia", "с Министерством науки … Республики Куба".
    std::size_t body = k + 1;
    if (body + 1 < matches.size() && code_points(words.folded[body]) <= 3 && !matches[body]->in(TermRef::List::state_head)) ++body;
    const bool names_a_body = body < matches.size() && matches[body]->in(TermRef::List::state_head);
    const std::size_t wanted = pair ? 2 : 1, reach = pair ? kPairReach : names_a_body ? kBodyReach : kCounterpartReach;
    bool first = false, second = false;
    std::size_t seen = 0;
    for (std::size_t n = k + 1; n < matches.size() && n <= k + reach && seen < wanted && same_sentence(text, words, k, n); ++n) {
      Named who = named_at(index, words, why, n);
      // A private body or person there is the pairing's too: "contracts … exclusively
      // between private firms", "signed with a private Russian distributor".
      if (who == Named::other || (who == Named::nobody && matches[n]->in(TermRef::List::private_actor))) return CueFrame::others;
      if (who == Named::nobody) continue;
      first = first || who == Named::first;
      second = second || who == Named::second;
      ++seen;
    }
    // The first such word is the frame.
    if (pair) return first && second ? CueFrame::theirs : CueFrame::none;
    if (seen == 0) return CueFrame::none;
    // The counterpart's other side is the country named last before the cue in its clause:
    // "the European Union's agreement with Cuba" is theirs, "Rusia firmó un acuerdo con Cuba"
    // Cuba and Russia's.
    bool speaker = matches[cue]->in(TermRef::List::first_person);
    for (std::size_t b = cue; b-- > 0 && same_clause(text, words, b, cue);) {
      Named who = named_at(index, words, why, b);
      if (who == Named::other) return CueFrame::others;
      if (who == Named::first) return second ? CueFrame::theirs : CueFrame::none;
      if (who == Named::second) return first ? CueFrame::theirs : CueFrame::none;
      speaker = speaker || matches[b]->in(TermRef::List::first_person);
    }
    // "We signed a memorandum with Roscosmos": an official of the other side speaking.
    return speaker ? CueFrame::spoken : CueFrame::none;
  }
  for (std::size_t back = 1; back <= kCompoundReach && back <= cue; ++back) {
    std::size_t k = cue - back;
    if (!one_phrase(text, words, k, cue)) break;
    bool joined = (k > 0 && between(text, words, k - 1, k) == "-") || between(text, words, k, k + 1) == "-";
    if (joined && named_at(index, words, why, k) == Named::other) return CueFrame::others;
  }
  return CueFrame::none;
}

// Whether the cue word at `cue` is in a question: its sentence ends with a question mark ("Un
// accord pétrolier entre Moscou et La Havane ?"). A question asserts no agreement.
bool asked(std::string_view text, const FoldedWords& words, std::size_t cue) {
  for (std::size_t k = cue; k < words.at.size(); ++k) {
    std::string_view gap = gap_after(text, words, k);
    if (gap.find('?') != std::string_view::npos) return true;
    if (gap.find_first_of(".!;") != std::string_view::npos) return false;
  }
  return false;
}

}  // namespace

// For each word of a line, whether a cue word there is no cue: inside a not_cues phrase ("el
// asunto fue tratado", where "tratado" is discussed, not a treaty), or in the few words after a
// hypothetical ("could sign", "podrían firmarse", "могут быть подписаны"): an agreement that
// may or may not come is none yet; or one whose parties are named as another pairing.
CueWords cue_words(const TermIndex& index, std::string_view text, const FoldedWords& words, std::span<const NotParty> why) {
  constexpr std::size_t kHypotheticalReach = 8;
  const auto& matches = words.matches;
  CueWords out{std::vector<bool>(matches.size(), false), std::vector<bool>(matches.size(), false),
               std::vector<bool>(matches.size(), false)};
  auto& no = out.none;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (matches[i]->in(TermRef::List::cue)) {
      if (asked(text, words, i)) no[i] = true;
      CueFrame frame = frame_of(index, text, words, why, i);
      if (frame == CueFrame::others) no[i] = true;  // (a hypothetical before may have said so already)
      out.theirs[i] = frame == CueFrame::theirs;
      out.spoken[i] = frame == CueFrame::spoken;
    }
    if (std::size_t n = term_at(index, words, i, TermRef::List::hypothetical)) {
      const std::size_t last = i + n - 1;
      for (std::size_t k = i; k < matches.size() && k <= last + kHypotheticalReach && same_clause(text, words, i, k); ++k)
        no[k] = true;
    }
    // Hearsay reaches back too: "вопрос о кредите якобы будет поднят".
    if (std::size_t n = term_at(index, words, i, TermRef::List::hedge)) {
      const std::size_t last = i + n - 1;
      for (std::size_t k = i >= kHypotheticalReach ? i - kHypotheticalReach : 0; k < matches.size() && k <= last + kHypotheticalReach; ++k)
        if (same_clause(text, words, i, k)) no[k] = true;
    }
    for (std::size_t k = 0, n = term_at(index, words, i, TermRef::List::not_cue); k < n; ++k) no[i + k] = true;
  }
  return out;
}

}  // namespace flag
