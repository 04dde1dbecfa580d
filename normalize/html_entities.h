#pragma once
// HTML character references in text that escaped one level of markup (feed titles and
// descriptions that carry HTML as text).
#include <string>
#include <string_view>

namespace normalize {

// Decodes numeric references (&#8217; &#x2014;) and the named references common in news
// text (&amp; &nbsp; &rsquo; &eacute; ...) in one left-to-right pass, so "&amp;lt;" becomes
// "&lt;", not "<". Unknown names and malformed references are left as written.
std::string decode_html_entities(std::string_view text);

}  // namespace normalize
