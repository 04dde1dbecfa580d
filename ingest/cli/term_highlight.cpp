#include "ingest/cli/term_highlight.h"

#include <algorithm>

#include "flag/term_index.h"

namespace ingest::cli {

std::vector<Span> term_spans(std::string_view sentence, std::span<const std::string> terms,
                             flag::WordFolder& folder) {
  std::vector<flag::Term> wanted;
  for (const auto& term : terms) {
    auto read = flag::parse_term(term, folder);
    if (!read.words.empty()) wanted.push_back(std::move(read));
  }
  // words_matched, for where each word is; this folder holds no term index, so what it says
  // of each word against one is empty and unused.
  flag::FoldedWords words = folder.words_matched(sentence);
  std::vector<Span> spans;
  for (const auto& term : wanted) {
    const std::size_t n = term.words.size();
    for (std::size_t k = 0; k + n <= words.folded.size(); ++k) {
      bool match = true;
      for (std::size_t j = 0; j < n && match; ++j)
        match = flag::word_matches(words.folded[k + j], term.words[j], term.prefix && j + 1 == n);
      if (match) spans.push_back(Span{words.at[k].begin, words.at[k + n - 1].end});
    }
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (const Span& span : spans) {
    if (!merged.empty() && span.begin <= merged.back().end) merged.back().end = std::max(merged.back().end, span.end);
    else merged.push_back(span);
  }
  return merged;
}

SentenceTerms split_terms(std::string_view sentence, std::span<const std::string> terms, flag::WordFolder& folder) {
  SentenceTerms split;
  for (const auto& term : terms) {
    bool found = !term_spans(sentence, std::span<const std::string>{&term, 1}, folder).empty();
    (found ? split.here : split.nearby).push_back(term);
  }
  return split;
}

}  // namespace ingest::cli
