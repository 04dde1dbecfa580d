#pragma once
// Applies topic rules to an article's title and text. Pure; thread-safe for distinct calls.
#include <string>
#include <string_view>
#include <vector>

#include "flag/rules.h"

namespace flag {

struct Evidence {
  std::string sentence;            // as written in the article
  std::vector<std::string> terms;  // the rule terms that matched, as written in the rules
  double weight = 0;
  // Party words near the sentence that were not counted as a party, as written, with why:
  // "Havana (a place)", "Cuban-Russian (a person or a private body)", "Russian (not the state)".
  std::vector<std::string> not_parties = {};
  // Who filled the agreement's slots, as written in the article: the agreement's words in this
  // sentence, and for each party (named as the rules name it: "Cuba", "Russia") the words that
  // stood for it there or in the sentences around it.
  struct Party {
    std::string name;
    std::vector<std::string> words;
  };
  std::vector<std::string> agreement = {};
  std::vector<Party> parties = {};
};

struct TopicVerdict {
  bool flagged = false;
  double score = 0;
  std::vector<Evidence> evidence;  // the sentences that decided it, strongest first
  std::string rules_version;
};

// A sentence counts when it holds an agreement cue and both parties appear in it or within
// rules.window sentences around it, and none of the rules' negations is in it. The score is
// the sum of the counted sentences' cue weights (the title counts as a sentence);
// flagged = score >= rules.threshold.
TopicVerdict evaluate(const Rules& rules, std::string_view title, std::string_view text);

}  // namespace flag
