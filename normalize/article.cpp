#include "normalize/article.h"

namespace normalize {

std::string plain_text(const std::vector<Block>& blocks) {
  std::string out;
  for (const auto& block : blocks) {
    if (!out.empty()) out += "\n\n";
    // Emphasis marks are presentation; readers of plain text want the words alone.
    for (std::size_t i = 0; i < block.text.size(); ++i) {
      if (block.text[i] == '*') continue;
      out.push_back(block.text[i]);
    }
  }
  return out;
}

}  // namespace normalize
