#pragma once
// Where the rule terms that flagged an item occur in its evidence, so `ingest show` and the
// console can highlight them. Terms come as the rules write them ("кубинск*", "la habana") and are
// found the way the flagger finds them: word by word through WordFolder, case and
// accents aside, a trailing "*" making the last word a prefix, so "кубинск*" marks
// "КУБИНСКОГО" and "la habana" marks "La Habana".
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "flag/tokenize.h"

namespace flag {

// A byte range [begin, end) of a text.
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The byte ranges of `sentence` that hold one of `terms`, sorted and merged where they
// overlap or touch. `folder` caches folded words between calls; not thread-safe.
std::vector<TextSpan> term_spans(std::string_view sentence, std::span<const std::string> terms,
                             WordFolder& folder);

// An evidence sentence's terms split by where they were matched: in the sentence itself, or
// in its neighbours within the rules' window (the flagger lists both under the sentence).
// Each part keeps the terms' order.
struct SentenceTerms {
  std::vector<std::string> here;
  std::vector<std::string> nearby;
};
SentenceTerms split_terms(std::string_view sentence, std::span<const std::string> terms, WordFolder& folder);

}  // namespace flag
