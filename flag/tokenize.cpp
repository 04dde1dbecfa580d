#include "flag/tokenize.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>

namespace flag {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::unique_ptr<icu::BreakIterator> make_iterator(bool sentences) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it{
      sentences ? icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status)
                : icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status)};
  return U_SUCCESS(status) ? std::move(it) : nullptr;
}

}  // namespace

std::vector<std::string> sentences_of(std::string_view text) {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = make_iterator(true);
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

std::vector<std::string> words_of(std::string_view folded) {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = make_iterator(false);
  std::vector<std::string> out;
  if (!iterator) return out;
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(folded);
  iterator->setText(unicode);
  int32_t from = iterator->first();
  for (int32_t to = iterator->next(); to != icu::BreakIterator::DONE; from = to, to = iterator->next()) {
    // Rule status 0 means a break around spaces or punctuation, not a word.
    if (iterator->getRuleStatus() == UBRK_WORD_NONE) continue;
    std::string word;
    unicode.tempSubStringBetween(from, to).toUTF8String(word);
    // The word breaker keeps "cuba's" whole; the possessive is not part of the name.
    if (word.size() > 2 && word.ends_with("'s")) word.resize(word.size() - 2);
    out.push_back(std::move(word));
  }
  return out;
}

}  // namespace flag
