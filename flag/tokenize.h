#pragma once
// ICU-based splitting of text into sentences and words, shared by rule loading and matching.
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "flag/term_index.h"

namespace flag {

// Lines of a text as written, trimmed of spaces and tabs, the blank ones left out.
std::vector<std::string_view> lines_of(std::string_view text);
// Sentences of a text as written (UTF-8), trimmed, as views into it; line breaks always end
// a sentence. Unicode's rules end one after any full stop; one after a title ("St. Petersburg",
// "Gen. Belousov", "Sr. Cabrisas") does not end here, so a name stays with its sentence.
// Whether a sentence ends with such a title, as its last word.
bool ends_with_title(std::string_view sentence);
std::vector<std::string_view> sentences_of(std::string_view text);
// Words are runs of letters, digits and combining marks (any script). Hyphens and
// apostrophes separate words ("diaz-canel", "l'accord"), and a possessive "'s" is dropped
// ("Cuba's").

// The words of text that is already folded.
std::vector<std::string> words_of(std::string_view folded);

// Where a word is in the text it was read from, in bytes: [begin, end).
struct WordBytes {
  std::size_t begin = 0, end = 0;
};

// A text's words, folded, with what a term index says of each and where each is in the text;
// the three vectors run in parallel. The views and pointers are into a WordFolder's memory.
struct FoldedWords {
  std::vector<std::string_view> folded;
  std::vector<const WordMatches*> matches;
  std::vector<WordBytes> at;
};

// Folds words one at a time and remembers them: an article repeats most of its words, and
// folding goes through ICU for any that is not plain ASCII. Terms and text both pass through
// words() (split, then fold each word), so they always compare alike. Given a term index, it
// also looks each new word up in it once and remembers what it found.
class WordFolder {
 public:
  WordFolder() = default;
  explicit WordFolder(std::shared_ptr<const TermIndex> index) : index_(std::move(index)) {}

  const std::string& fold_word(std::string_view word);
  // The folded words, as views into the folder's memory: valid until clear().
  std::vector<std::string_view> words(std::string_view text);
  // The same, with what the index says of each word (nothing, for a folder without one) and
  // where it is (valid until clear()).
  FoldedWords words_matched(std::string_view text);
  const TermIndex* index() const { return index_.get(); }
  std::size_t size() const { return cache_.size(); }
  void clear() { cache_.clear(); }

 private:
  struct Folded {
    std::string text;
    WordMatches matches;
  };
  const Folded& fold_once(std::string_view word);

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::shared_ptr<const TermIndex> index_;  // kept alive, so index() stays a valid identity
  std::unordered_map<std::string, Folded, Hash, std::equal_to<>> cache_;
};

}  // namespace flag
