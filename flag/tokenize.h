#pragma once
// ICU-based splitting of text into sentences and words, shared by rule loading and matching.
#include <functional>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

namespace flag {

// Sentences of a text as written (UTF-8), trimmed; line breaks always end a sentence.
std::vector<std::string> sentences_of(std::string_view text);
// Words are runs of letters, digits and combining marks (any script). Hyphens and
// apostrophes separate words ("diaz-canel", "l'accord"), and a possessive "'s" is dropped
// ("Cuba's").

// The words of text that is already folded.
std::vector<std::string> words_of(std::string_view folded);

// Folds words one at a time and remembers them: an article repeats most of its words, and
// folding goes through ICU for any that is not plain ASCII. Terms and text both pass through
// words() (split, then fold each word), so they always compare alike.
class WordFolder {
 public:
  const std::string& fold_word(std::string_view word);
  // The folded words, as views into the folder's memory: valid until clear().
  std::vector<std::string_view> words(std::string_view text);
  std::size_t size() const { return cache_.size(); }
  void clear() { cache_.clear(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> cache_;
};

}  // namespace flag
