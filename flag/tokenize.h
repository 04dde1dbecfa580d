#pragma once
// ICU-based splitting of text into sentences and words, shared by rule loading and matching.
#include <string>
#include <string_view>
#include <vector>

namespace flag {

// Sentences of a text as written (UTF-8), trimmed; line breaks always end a sentence.
std::vector<std::string> sentences_of(std::string_view text);
// Words (letters or digits) of already-folded text, in order, without a possessive "'s".
std::vector<std::string> words_of(std::string_view folded);

}  // namespace flag
