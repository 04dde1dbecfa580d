#include "ingest/term_highlight.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "flag/term_index.h"

namespace ingest {
namespace {

struct WrittenTerm {
  std::vector<std::string> words;  // folded
  bool prefix = false;
};

// A term as the rules loader reads it (flag/rules.cpp): a trailing "*" marks a prefix, and
// the rest is split and folded by the same WordFolder as the text.
WrittenTerm read_term(std::string_view written, flag::WordFolder& folder) {
  WrittenTerm term;
  if (written.ends_with('*')) {
    term.prefix = true;
    written.remove_suffix(1);
  }
  for (std::string_view word : folder.words(written)) term.words.emplace_back(word);
  return term;
}

// Where the word starting at `start` ends. WordFolder gives where each word starts; a word
// is a run of letters, decimal digits and combining marks (flag/tokenize.h), so it ends at
// the first code point that is none of these.
std::size_t word_end(std::string_view text, std::size_t start) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  auto i = static_cast<std::int32_t>(start);
  while (i < length) {
    std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    bool word = c >= 0 && (U_MASK(u_charType(c)) & (U_GC_L_MASK | U_GC_ND_MASK | U_GC_MN_MASK | U_GC_MC_MASK));
    if (!word) return static_cast<std::size_t>(at);
  }
  return text.size();
}

}  // namespace

std::vector<Span> term_spans(std::string_view sentence, std::span<const std::string> terms,
                             flag::WordFolder& folder) {
  std::vector<WrittenTerm> wanted;
  for (const auto& term : terms) {
    auto read = read_term(term, folder);
    if (!read.words.empty()) wanted.push_back(std::move(read));
  }
  // words_matched, for where each word starts; this folder holds no term index, so what it
  // says of each word against one is empty and unused.
  flag::FoldedWords words = folder.words_matched(sentence);
  std::vector<Span> spans;
  for (const auto& term : wanted) {
    const std::size_t n = term.words.size();
    for (std::size_t k = 0; k + n <= words.folded.size(); ++k) {
      bool match = true;
      for (std::size_t j = 0; j < n && match; ++j)
        match = flag::word_matches(words.folded[k + j], term.words[j], term.prefix && j + 1 == n);
      if (match) spans.push_back(Span{words.at[k], word_end(sentence, words.at[k + n - 1])});
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

}  // namespace ingest
