#include "ingest/sources/xml_document.h"

#include <libxml/xmlerror.h>

#include <algorithm>
#include <climits>
#include <optional>

#include "ingest/sources/xml_repair.h"

#include "normalize/html_entities.h"
#include "normalize/text.h"

namespace ingest::sources {
namespace {

struct ParserContextDeleter {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};
struct XmlCharDeleter {
  void operator()(xmlChar* p) const { xmlFree(p); }
};

// Without NOENT, entities are not substituted; without DTDLOAD, no external DTD is fetched;
// NONET forbids network access outright.
constexpr int kSafeOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

// Some of libxml2's messages go on over a second line ("...indicate encoding !\nBytes: 0xD0
// ..."); one line is what a log and `ingest status` can show.
std::string_view first_line(const char* message) {
  std::string_view text = normalize::trim(message ? message : "malformed XML");
  return normalize::trim(text.substr(0, text.find('\n')));
}

struct FirstError {
  std::string text;  // "line N: message"
  int code = 0;      // libxml2's xmlParserErrors
  bool too_deep = false;
};

// libxml2 reports every error; the first one is where the document went wrong, later ones
// are often consequences. The structured handler keeps the first.
void keep_first_error(void* user, xmlErrorPtr e) {
  auto* ctxt = static_cast<xmlParserCtxt*>(user);
  auto* first = static_cast<FirstError*>(ctxt->_private);
  if (!first || !first->text.empty() || !e || e->level < XML_ERR_ERROR) return;
  std::string_view message = first_line(e->message);
  first->text = "line " + std::to_string(e->line) + ": " + std::string{message};
  first->code = e->code;
  // libxml2 stops at 256 levels unless told XML_PARSE_HUGE; it has no code of its own.
  first->too_deep = message.starts_with("Excessive depth");
}

XmlDocument read(std::string_view bytes, std::string_view url, std::string_view charset,
                 int options, FirstError& error) {
  std::unique_ptr<xmlParserCtxt, ParserContextDeleter> ctxt{xmlNewParserCtxt()};
  if (!ctxt) {
    error.text = "out of memory";
    return nullptr;
  }
  ctxt->_private = &error;
  ctxt->sax->serror = keep_first_error;
  std::string url_text{url};
  std::string charset_text{charset};
  XmlDocument doc{xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()),
                                    url_text.empty() ? nullptr : url_text.c_str(),
                                    charset_text.empty() ? nullptr : charset_text.c_str(), options)};
  const xmlError* last = xmlCtxtGetLastError(ctxt.get());
  if (last && last->level >= XML_ERR_ERROR && error.text.empty()) {
    error.text = "line " + std::to_string(last->line) + ": " + std::string{first_line(last->message)};
    error.code = last->code;
  }
  if (!ctxt->wellFormed && error.text.empty()) error.text = "malformed XML";
  return doc;
}

// Faults no recovery should paper over: what is left would be a fraction of a document that
// was built to hurt its reader.
std::optional<std::string> refusal(const FirstError& error) {
  if (error.code == XML_ERR_ENTITY_LOOP)
    return "refused: entity expansion bomb (entities defined through other entities), " + error.text;
  if (error.too_deep) return "refused: elements nested more than 256 deep, " + error.text;
  return std::nullopt;
}

}  // namespace

XmlParse parse_xml(std::string_view bytes, std::string_view url, std::string_view charset) {
  XmlParse result;
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    result.error = "document too large";
    return result;
  }
  FirstError first;
  result.doc = read(bytes, url, charset, kSafeOptions, first);
  if (first.text.empty()) return result;
  if (auto refused = refusal(first)) {
    result.doc.reset();
    result.error = *refused;
    return result;
  }
  FirstError ignored;
  if (auto repaired = repair_xml_references(bytes)) {
    // HTML entities and bare ampersands: mended, the document may well be whole.
    FirstError after;
    XmlDocument mended = read(*repaired, url, charset, kSafeOptions, after);
    if (after.text.empty()) {
      result.doc = std::move(mended);
      result.repaired = "references repaired (" + first.text + ")";
      return result;
    }
    result.error = first.text;
    result.doc = read(*repaired, url, charset, kSafeOptions | XML_PARSE_RECOVER, ignored);
    return result;
  }
  result.error = first.text;
  result.doc = read(bytes, url, charset, kSafeOptions | XML_PARSE_RECOVER, ignored);
  return result;
}

bool is_xml_element(const xmlNode* node, const char* local_name, const char* ns) {
  if (!node || node->type != XML_ELEMENT_NODE) return false;
  if (xmlStrcmp(node->name, reinterpret_cast<const xmlChar*>(local_name)) != 0) return false;
  if (!ns) return node->ns == nullptr || node->ns->href == nullptr;
  return node->ns && node->ns->href &&
         xmlStrcmp(node->ns->href, reinterpret_cast<const xmlChar*>(ns)) == 0;
}

const xmlNode* xml_child(const xmlNode* node, const char* local_name, const char* ns) {
  if (!node) return nullptr;
  for (const xmlNode* child = node->children; child; child = child->next)
    if (is_xml_element(child, local_name, ns)) return child;
  return nullptr;
}

namespace {

// Text and CDATA below `node`. References to entities a document declares itself are
// skipped rather than expanded: expanding them is how a small feed becomes gigabytes of
// title (the "quadratic blowup"), and real feeds do not need them. XML's predefined
// entities and character references never reach this point as references.
void append_text(const xmlNode* node, std::string& out, std::size_t limit) {
  for (const xmlNode* n = node; n && out.size() < limit; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) out += reinterpret_cast<const char*>(n->content);
    } else if (n->type == XML_ELEMENT_NODE) {
      append_text(n->children, out, limit);
    }
  }
}

}  // namespace

std::string xml_raw_text(const xmlNode* node) {
  if (!node) return {};
  std::string out;
  // No feed field is legitimately larger; the cap bounds memory on hostile input.
  constexpr std::size_t kLimit = 1 << 20;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) append_text(node, out, kLimit);
  else append_text(node->children, out, kLimit);
  if (out.size() > kLimit) out.resize(kLimit);
  return out;
}

std::string xml_text(const xmlNode* node) { return normalize::collapse_whitespace(xml_raw_text(node)); }

std::string xml_attribute(const xmlNode* node, const char* name) {
  if (!node) return {};
  std::unique_ptr<xmlChar, XmlCharDeleter> value{xmlGetProp(node, reinterpret_cast<const xmlChar*>(name))};
  return value ? std::string{reinterpret_cast<const char*>(value.get())} : std::string{};
}

std::string xml_base(const xmlDoc* doc, const xmlNode* node) {
  std::unique_ptr<xmlChar, XmlCharDeleter> base{xmlNodeGetBase(doc, node)};
  return base ? std::string{reinterpret_cast<const char*>(base.get())} : std::string{};
}

std::string strip_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t lt = text.find('<', i);
    if (lt == std::string_view::npos) lt = text.size();
    out.append(text.substr(i, lt - i));  // text between tags goes across in one piece
    i = lt;
    if (i == text.size()) break;
    // Only "<" followed by a letter, "/", "!" or "?" opens a tag; "Growth < 1%" is text.
    bool opens_tag = i + 1 < text.size() && (std::isalpha(static_cast<unsigned char>(text[i + 1])) ||
                                             text[i + 1] == '/' || text[i + 1] == '!' || text[i + 1] == '?');
    if (!opens_tag) {
      out.push_back(text[i++]);
      continue;
    }
    auto close = text.find('>', i);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.push_back(' ');
    i = close + 1;
    // A script's or style sheet's text is not text anyone reads.
    for (std::string_view element : {"script", "style"}) {
      std::string_view name = text.substr(lt + 1, element.size());
      if (name.size() == element.size() &&
          std::equal(name.begin(), name.end(), element.begin(),
                     [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; })) {
        std::string end_tag = "</" + std::string{element};
        std::size_t at = i;
        while ((at = text.find("</", at)) != std::string_view::npos) {
          std::string_view candidate = text.substr(at, end_tag.size());
          if (std::equal(candidate.begin(), candidate.end(), end_tag.begin(), end_tag.end(),
                         [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }))
            break;
          at += 2;
        }
        i = at == std::string_view::npos ? text.size() : at;
      }
    }
  }
  return normalize::collapse_whitespace(normalize::decode_html_entities(out));
}

}  // namespace ingest::sources
