#pragma once
// Per-outlet extraction overrides from the config: where an outlet's article body is and what
// inside it is not part of the article, as XPath 1.0 expressions that libxml2 evaluates.
// Generic extraction stays the default; an override only raises precision for an outlet whose
// layout is known (docs/configuration.md).
#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace normalize {

struct PageOverrides {
  std::string body;                 // the element holding the article body; empty: find it
  std::vector<std::string> remove;  // elements to drop before anything is read
  bool empty() const { return body.empty() && remove.empty(); }
};

// Why `expression` is not a usable XPath expression, or nullopt when it is.
std::optional<std::string> xpath_error(std::string_view expression);

// Unlinks and frees every element a `remove` expression selects, then returns the first
// element `body` selects, or nullptr (no body expression, or it selects nothing: the caller
// falls back to generic extraction). Expressions that fail to evaluate select nothing.
xmlNode* apply_overrides(xmlDoc* doc, const PageOverrides& overrides);

}  // namespace normalize
