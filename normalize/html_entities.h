#pragma once
// HTML character references in text that escaped one level of markup (feed titles and
// descriptions that carry HTML as text).
#include <optional>
#include <string>
#include <string_view>

namespace normalize {

// Decodes numeric references (&#8217; &#x2014;) and the named references common in news
// text (&amp; &nbsp; &rsquo; &eacute; ...) in one left-to-right pass, so "&amp;lt;" becomes
// "&lt;", not "<". Unknown names and malformed references are left as written.
std::string decode_html_entities(std::string_view text);

// The character a named reference stands for ("nbsp" -> U+00A0): the names above, then
// every HTML 4 name libxml2 knows. Names are case-sensitive, as in HTML.
std::optional<char32_t> html_entity_code(std::string_view name);

}  // namespace normalize
