#include "flag/term_spans.h"

#include <algorithm>

#include "flag/term_index.h"

namespace flag {

std::vector<TextSpan> term_spans(std::string_view sentence, std::span<const std::string> terms,
                             WordFolder& folder) {
  std::vector<Term> wanted;
  for (const auto& term : terms) {
    auto read = parse_term(term, folder);
    if (!read.words.empty()) wanted.push_back(std::move(read));
  }
  // words_matched, for where each word is; this folder holds no term index, so what it says
  // of each word against one is empty and unused.
  FoldedWords words = folder.words_matched(sentence);
  std::vector<TextSpan> spans;
  for (const auto& term : wanted) {
    const std::size_t n = term.words.size();
    for (std::size_t k = 0; k + n <= words.folded.size(); ++k) {
      bool match = true;
      for (std::size_t j = 0; j < n && match; ++j)
        match = word_matches(words.folded[k + j], term.words[j], term.prefix && j + 1 == n);
      if (match) spans.push_back(TextSpan{words.at[k].begin, words.at[k + n - 1].end});
    }
  }
  std::sort(spans.begin(), spans.end(), [](const TextSpan& a, const TextSpan& b) { return a.begin < b.begin; });
  std::vector<TextSpan> merged;
  for (const TextSpan& span : spans) {
    if (!merged.empty() && span.begin <= merged.back().end) merged.back().end = std::max(merged.back().end, span.end);
    else merged.push_back(span);
  }
  return merged;
}

SentenceTerms split_terms(std::string_view sentence, std::span<const std::string> terms, WordFolder& folder) {
  SentenceTerms split;
  for (const auto& term : terms) {
    bool found = !term_spans(sentence, std::span<const std::string>{&term, 1}, folder).empty();
    (found ? split.here : split.nearby).push_back(term);
  }
  return split;
}

}  // namespace flag
