#include "normalize/page_overrides.h"

#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include <memory>
#include <unordered_set>
#include <vector>

namespace normalize {
namespace {

struct XPathContextDeleter {
  void operator()(xmlXPathContext* context) const { xmlXPathFreeContext(context); }
};
struct XPathObjectDeleter {
  void operator()(xmlXPathObject* object) const { xmlXPathFreeObject(object); }
};
struct XPathCompiledDeleter {
  void operator()(xmlXPathCompExpr* compiled) const { xmlXPathFreeCompExpr(compiled); }
};

// libxml2 prints XPath errors to stderr unless a handler takes them; the caller reports.
void ignore_error(void*, xmlErrorPtr) {}

// The elements `expression` selects in `doc`, in document order.
std::vector<xmlNode*> select(xmlDoc* doc, const std::string& expression) {
  std::unique_ptr<xmlXPathContext, XPathContextDeleter> context{xmlXPathNewContext(doc)};
  if (!context) return {};
  context->error = ignore_error;
  std::unique_ptr<xmlXPathObject, XPathObjectDeleter> result{
      xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expression.c_str()), context.get())};
  std::vector<xmlNode*> nodes;
  if (!result || result->type != XPATH_NODESET || !result->nodesetval) return nodes;
  for (int i = 0; i < result->nodesetval->nodeNr; ++i)
    if (xmlNode* node = result->nodesetval->nodeTab[i]; node && node->type == XML_ELEMENT_NODE)
      nodes.push_back(node);
  return nodes;
}

}  // namespace

std::optional<std::string> xpath_error(std::string_view expression) {
  if (expression.empty()) return "empty XPath expression";
  std::string text{expression};
  xmlSetStructuredErrorFunc(nullptr, ignore_error);
  std::unique_ptr<xmlXPathCompExpr, XPathCompiledDeleter> compiled{
      xmlXPathCompile(reinterpret_cast<const xmlChar*>(text.c_str()))};
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (!compiled) return "not a valid XPath expression: " + text;
  return std::nullopt;
}

xmlNode* apply_overrides(xmlDoc* doc, const PageOverrides& overrides) {
  if (!doc) return nullptr;
  for (const auto& expression : overrides.remove) {
    std::vector<xmlNode*> doomed = select(doc, expression);
    // A node inside another selected node goes with it. Which are nested is decided before
    // anything is freed: an outer node comes first in document order, and freeing it frees
    // the inner ones, whose parents the check would then walk (ASan found this).
    std::unordered_set<const xmlNode*> selected(doomed.begin(), doomed.end());
    std::vector<xmlNode*> outermost;
    for (xmlNode* node : doomed) {
      bool nested = false;
      for (const xmlNode* up = node->parent; up && !nested; up = up->parent) nested = selected.contains(up);
      if (!nested) outermost.push_back(node);
    }
    for (xmlNode* node : outermost) {
      xmlUnlinkNode(node);
      xmlFreeNode(node);
    }
  }
  if (overrides.body.empty()) return nullptr;
  std::vector<xmlNode*> body = select(doc, overrides.body);
  return body.empty() ? nullptr : body.front();
}

}  // namespace normalize
