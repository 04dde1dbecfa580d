#pragma once
// Language identification good enough to route and label articles: counts of the most
// frequent function words of each supported language. Deliberately small; it must only
// separate the languages the outlets publish in.
#include <string>
#include <string_view>

namespace normalize {

// ISO 639-1 code of the text's language among en, es, ru, fr, pt, de, it; empty when the
// text is too short or no language clearly wins.
std::string detect_language(std::string_view text);

// "en-US" / "es_CU" / "EN" -> "en"; empty for anything that is not a two-letter prefix.
std::string language_code(std::string_view tag);

}  // namespace normalize
