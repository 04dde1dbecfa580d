#pragma once
// Mends the references that make most real-world feeds ill-formed XML: HTML's named entities
// (&nbsp; &mdash; &eacute;) that XML does not know, and bare ampersands ("AT&T",
// "?a=1&b=2"). Browsers and feed readers accept both; a strict XML parser stops at the first.
#include <optional>
#include <string>
#include <string_view>

namespace ingest::sources {

// The document with every such reference made well-formed: an HTML name becomes its numeric
// reference, an unknown name or a bare "&" becomes "&amp;". XML's own five names, numeric
// references, entities the document declares itself, and CDATA sections, comments and the
// DOCTYPE are left as they are. nullopt when there was nothing to mend.
std::optional<std::string> repair_xml_references(std::string_view bytes);

}  // namespace ingest::sources
