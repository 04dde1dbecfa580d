#include "flag/frame_text.h"

namespace flag {

std::string frame_text(const Evidence& evidence) {
  if (evidence.agreement.empty() && evidence.parties.empty()) return {};
  auto listed = [](const std::vector<std::string>& words) {
    if (words.empty()) return std::string{"(none)"};
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) out += (i ? ", " : "") + words[i];
    return out;
  };
  std::string out = "agreement: " + listed(evidence.agreement);
  for (const auto& party : evidence.parties) out += " · " + party.name + ": " + listed(party.words);
  return out;
}

}  // namespace flag
