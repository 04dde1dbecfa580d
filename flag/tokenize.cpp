#include "flag/tokenize.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

#include "flag/rules.h"

namespace flag {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::unique_ptr<icu::BreakIterator> make_sentence_iterator() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it{icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status)};
  return U_SUCCESS(status) ? std::move(it) : nullptr;
}

// Whether a sentence may end before the line does. Under Unicode's sentence rules (UAX #29),
// which ICU follows, a sentence ends only after a terminator (".", "!", "?", and their kin in
// other scripts) followed by closing quotes and brackets, then spaces, then perhaps a
// paragraph separator. A line where only its last characters are such a run is one sentence,
// and is not handed to ICU: that is the costliest step of flagging, and many news paragraphs
// are one sentence. Whatever this cannot rule out goes to ICU.
bool may_hold_two_sentences(std::string_view line) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(line.data());
  const auto length = static_cast<std::int32_t>(line.size());
  enum class State { text, closing, spacing, separated } state = State::text;
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = bytes[i];
    if (c < 0x80) {
      ++i;
    } else {
      U8_NEXT(bytes, i, length, c);
    }
    int kind = 0;
    if (c < 0x80) {
      kind = c == '.' ? U_SB_ATERM
             : c == '!' || c == '?' ? U_SB_STERM
             : c == '\r' ? U_SB_CR
             : c == ' ' || c == '\t' ? U_SB_SP
             : c == '"' || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' ? U_SB_CLOSE
             : U_SB_OTHER;
    } else {
      kind = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
    }
    bool terminator = kind == U_SB_ATERM || kind == U_SB_STERM;
    bool separator = kind == U_SB_SEP || kind == U_SB_CR || kind == U_SB_LF;
    switch (state) {
      case State::text:
        if (terminator) state = State::closing;
        else if (separator) state = State::separated;
        break;
      case State::closing:
        if (kind == U_SB_SP) state = State::spacing;
        else if (separator) state = State::separated;
        else if (kind != U_SB_CLOSE && !terminator) return true;
        break;
      case State::spacing:
        if (separator) state = State::separated;
        else if (kind != U_SB_SP) return true;
        break;
      case State::separated: return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

bool ends_with_title(std::string_view sentence) {
  static constexpr std::string_view kTitles[] = {
      "St.",  "Mr.",   "Mrs.", "Ms.",  "Dr.",   "Gen.", "Lt.",  "Col.", "Sgt.",  "Capt.", "Adm.", "Sen.",
      "Rep.", "Gov.",  "Prof.", "Jr.", "Sr.",   "Sra.", "Dra.", "Gral.", "Lic.", "Ing.", "Mme.", "Mgr."};
  for (std::string_view title : kTitles)
    if (sentence.ends_with(title) &&
        (sentence.size() == title.size() || sentence[sentence.size() - title.size() - 1] == ' ' ||
         sentence[sentence.size() - title.size() - 1] == '('))
      return true;
  return false;
}

std::vector<std::string_view> sentences_of(std::string_view text) {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = make_sentence_iterator();
  std::vector<std::string_view> out;
  for (std::string_view line : lines_of(text)) {
    if (!iterator || !may_hold_two_sentences(line)) {
      out.push_back(line);
      continue;
    }
    // ICU breaks UTF-16 (a UTF-8 UText measured slower); its boundaries are mapped back to
    // byte offsets in one walk along the line, so the sentences are views, not copies.
    icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(line);
    iterator->setText(unicode);
    std::size_t byte = 0;
    int32_t unit = 0;
    auto to_byte = [&](int32_t target) {
      while (unit < target && byte < line.size()) {
        auto lead = static_cast<unsigned char>(line[byte]);
        std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        byte = std::min(line.size(), byte + length);
        unit += length == 4 ? 2 : 1;
      }
      return byte;
    };
    std::size_t from = to_byte(iterator->first());
    for (int32_t to = iterator->next(); to != icu::BreakIterator::DONE; to = iterator->next()) {
      std::size_t end_byte = to_byte(to);
      auto sentence = trim(line.substr(from, end_byte - from));
      if (ends_with_title(sentence) && to != static_cast<int32_t>(unicode.length())) continue;
      if (!sentence.empty()) out.push_back(sentence);
      from = end_byte;
    }
  }
  return out;
}

namespace {

// Letters (any script), decimal digits and combining marks: u_isalnum's classes plus marks,
// read from one general-category lookup.
constexpr std::uint32_t kWordCategories =
    U_GC_L_MASK | U_GC_ND_MASK | U_GC_MN_MASK | U_GC_MC_MASK;

inline bool is_ascii_word_character(UChar32 c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

inline bool is_word_character(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x80) return is_ascii_word_character(c);
  return (U_MASK(u_charType(c)) & kWordCategories) != 0;
}

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

// Calls `emit` with each word of the text in order (what a word is: tokenize.h). A template,
// not a std::function: it runs once per word of every article.
template <typename Emit>
void for_each_word(std::string_view text, Emit&& emit) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t start = -1;
  auto end_word = [&](std::int32_t at) {
    if (start >= 0) emit(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(at - start)));
    start = -1;
  };
  for (std::int32_t i = 0; i < length;) {
    std::int32_t at = i;
    UChar32 c = bytes[i];
    if (c < 0x80) {
      ++i;  // most text is ASCII, or half ASCII (spaces, digits, punctuation)
    } else {
      U8_NEXT(bytes, i, length, c);
    }
    if (is_word_character(c)) {
      if (start < 0) start = at;
      continue;
    }
    if (is_apostrophe(c) && start >= 0 && i < length) {
      // "Cuba's": the possessive is not part of the name. Elsewhere ("l'accord") the
      // apostrophe separates two words.
      std::int32_t after = i;
      UChar32 next = 0;
      U8_NEXT(bytes, after, length, next);
      if (next == 's' || next == 'S') {
        std::int32_t beyond = after;
        UChar32 following = -1;
        if (beyond < length) U8_NEXT(bytes, beyond, length, following);
        if (!is_word_character(following)) {
          end_word(at);
          i = after;
          continue;
        }
      }
    }
    end_word(at);
  }
  end_word(length);
}

}  // namespace

std::vector<std::string> words_of(std::string_view folded) {
  std::vector<std::string> out;
  for_each_word(folded, [&out](std::string_view word) { out.emplace_back(word); });
  return out;
}

const WordFolder::Folded& WordFolder::fold_once(std::string_view word) {
  auto found = cache_.find(word);
  if (found != cache_.end()) return found->second;
  Folded folded{fold(word), {}};
  if (index_) folded.matches = index_->match(folded.text);
  return cache_.emplace(std::string{word}, std::move(folded)).first->second;
}

const std::string& WordFolder::fold_word(std::string_view word) { return fold_once(word).text; }

std::vector<std::string_view> WordFolder::words(std::string_view text) {
  std::vector<std::string_view> out;
  for_each_word(text, [&](std::string_view word) {
    const std::string& folded = fold_word(word);
    if (!folded.empty()) out.push_back(folded);  // a lone combining mark folds to nothing
  });
  return out;
}

FoldedWords WordFolder::words_matched(std::string_view text) {
  FoldedWords out;
  // About one word in six bytes of prose: the vectors rarely grow more than once.
  std::size_t expected = text.size() / 6 + 1;
  out.folded.reserve(expected);
  out.matches.reserve(expected);
  out.at.reserve(expected);
  for_each_word(text, [&](std::string_view word) {
    const Folded& once = fold_once(word);
    if (once.text.empty()) return;
    out.folded.push_back(once.text);
    out.matches.push_back(&once.matches);
    auto begin = static_cast<std::size_t>(word.data() - text.data());
    out.at.push_back(WordBytes{begin, begin + word.size()});
  });
  return out;
}

}  // namespace flag
