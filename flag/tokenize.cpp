#include "flag/tokenize.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

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

}  // namespace

std::vector<std::string> sentences_of(std::string_view text) {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = make_sentence_iterator();
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    if (!iterator) {
      out.emplace_back(line);
      continue;
    }
    icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(line);
    iterator->setText(unicode);
    int32_t from = iterator->first();
    for (int32_t to = iterator->next(); to != icu::BreakIterator::DONE; from = to, to = iterator->next()) {
      std::string sentence;
      unicode.tempSubStringBetween(from, to).toUTF8String(sentence);
      if (auto trimmed = trim(sentence); !trimmed.empty()) out.emplace_back(trimmed);
    }
  }
  return out;
}

namespace {

bool is_word_character(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  auto type = u_charType(c);
  return u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
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
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
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

const std::string& WordFolder::fold_word(std::string_view word) {
  auto found = cache_.find(word);
  if (found != cache_.end()) return found->second;
  return cache_.emplace(std::string{word}, fold(word)).first->second;
}

std::vector<std::string_view> WordFolder::words(std::string_view text) {
  std::vector<std::string_view> out;
  for_each_word(text, [&](std::string_view word) {
    const std::string& folded = fold_word(word);
    if (!folded.empty()) out.push_back(folded);  // a lone combining mark folds to nothing
  });
  return out;
}

}  // namespace flag
