#pragma once
// Bylines as pages and seed files write them: "By María Josefina Arce", "Por: A y B",
// "by Richard Morales", "Автор: …".
#include <string>
#include <string_view>
#include <vector>

namespace normalize {

// The names in a byline, with the leading "By"/"Por"/"Автор"/"Par" and its colon removed
// and the list split on ", ", " and ", " y ", " и ", " et ", " e ".
std::vector<std::string> parse_byline(std::string_view text);

// True when `line` is a byline: it starts with a byline word and every name in it starts
// with a capital letter ("By the way" is not a byline).
bool looks_like_byline(std::string_view line);

// "By A", "By A and B", "By A, B and C".
std::string format_byline(const std::vector<std::string>& authors);

}  // namespace normalize
