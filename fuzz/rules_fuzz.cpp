// Fuzz target: flag::parse_rules, topic rules from TOML text; rules that parse are then used
// on a short article naming both parties, so odd but accepted values (a huge window, empty
// term lists, zero weights) reach the matcher too.
// Checks: an error names the source, and the verdict obeys flagged == (score >= threshold).
#include <cmath>

#include "flag/flagger.h"
#include "fuzz/fuzz_support.h"

namespace {
constexpr const char* kTitle = "Cuba and Russia sign an energy agreement";
constexpr const char* kText =
    "Havana and Moscow signed a contract on Friday. Rosneft will deliver crude to CUPET.\n\n"
    "Россия и Куба подписали соглашение. No deal was signed with China, the ministry denied.";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto rules = flag::parse_rules(fuzz::as_text(data, size), "fuzz.toml");
  if (!rules) {
    if (!rules.error().message.starts_with("fuzz.toml")) __builtin_trap();
    return 0;
  }
  flag::TopicVerdict verdict = flag::evaluate(*rules, kTitle, kText);
  if (std::isfinite(verdict.score) && verdict.flagged != (verdict.score >= rules->threshold)) __builtin_trap();
  return 0;
}
