// Fuzz target: flag::evaluate with the rules that ship with the project (tokenising, folding,
// sentence splitting with ICU, term matching, the party window, negations and homonyms).
// The input's first line is the title, the rest the article text.
// Checks flag/flagger.h's definition of the verdict: flagged exactly when the score reaches
// the threshold, and evidence only from counted sentences, each naming the terms that matched.
#include <cmath>

#include "flag/flagger.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const flag::Rules& rules = flag::default_rules();  // parsed once, on first use
  auto [title, text] = fuzz::split_first_line(fuzz::as_text(data, size));
  flag::TopicVerdict verdict = flag::evaluate(rules, title, text);
  if (!std::isfinite(verdict.score)) __builtin_trap();
  if (verdict.flagged != (verdict.score >= rules.threshold)) __builtin_trap();
  for (const auto& evidence : verdict.evidence)
    if (evidence.terms.empty()) __builtin_trap();
  return 0;
}
