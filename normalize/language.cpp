#include "normalize/language.h"

#include <array>
#include <unordered_map>

#include "normalize/text.h"

namespace normalize {
namespace {

struct Profile {
  std::string_view code;
  std::array<std::string_view, 16> words;
};

// Function words that are frequent in one language and rare in the others.
constexpr std::array<Profile, 7> kProfiles = {{
    {"en", {"the", "and", "of", "to", "is", "in", "that", "was", "with", "for", "on", "said",
            "have", "which", "from", "by"}},
    {"es", {"el", "la", "los", "las", "de", "que", "y", "en", "del", "por", "con", "una",
            "para", "se", "su", "fue"}},
    {"ru", {"и", "в", "не", "на", "что", "с", "по", "из", "как", "это", "о", "для", "к",
            "от", "за", "был"}},
    {"fr", {"le", "les", "des", "et", "est", "du", "une", "dans", "qui", "au", "pour", "pas",
            "sur", "avec", "ont", "aux"}},
    {"pt", {"o", "os", "da", "do", "das", "dos", "e", "em", "que", "uma", "para", "com",
            "não", "foi", "pelo", "pela"}},
    {"de", {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu", "auf",
            "ein", "eine", "sich", "dem", "wurde"}},
    {"it", {"il", "di", "che", "della", "per", "non", "una", "sono", "gli", "nel", "alla",
            "del", "anche", "delle", "questo", "è"}},
}};

}  // namespace

std::string detect_language(std::string_view text) {
  // Lowercase with ICU-free rules: ASCII lowering suffices for Latin function words, and the
  // Cyrillic ones are matched as written in lower case.
  std::unordered_map<std::string_view, int> counts;
  for (const auto& p : kProfiles)
    for (auto w : p.words) counts.emplace(w, 0);
  std::string lower = ascii_lower(text.substr(0, 20000));
  std::size_t words = 0;
  std::size_t start = std::string::npos;
  auto flush = [&](std::size_t end) {
    if (start == std::string::npos) return;
    std::string_view word{lower.data() + start, end - start};
    ++words;
    if (auto it = counts.find(word); it != counts.end()) ++it->second;
    start = std::string::npos;
  };
  for (std::size_t i = 0; i < lower.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(lower[i]);
    bool word_byte = std::isalpha(c) || c >= 0x80;
    if (word_byte && start == std::string::npos) start = i;
    if (!word_byte) flush(i);
  }
  flush(lower.size());
  if (words < 8) return {};
  std::string_view best;
  int best_score = 0, second = 0;
  for (const auto& p : kProfiles) {
    int score = 0;
    for (auto w : p.words) score += counts[w];
    if (score > best_score) {
      second = best_score;
      best_score = score;
      best = p.code;
    } else if (score > second) {
      second = score;
    }
  }
  // Require a clear winner: shared words ("de", "que", "a") make close calls unreliable.
  if (best_score < 3 || best_score < second * 5 / 4) return {};
  return std::string{best};
}

std::string language_code(std::string_view tag) {
  tag = trim(tag);
  if (tag.size() < 2) return {};
  std::string code = ascii_lower(tag.substr(0, 2));
  if (!std::isalpha(static_cast<unsigned char>(code[0])) ||
      !std::isalpha(static_cast<unsigned char>(code[1])))
    return {};
  if (tag.size() > 2 && tag[2] != '-' && tag[2] != '_') return {};
  return code;
}

}  // namespace normalize
