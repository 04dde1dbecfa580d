#include "normalize/html_document.h"

#include <cstring>

#include <libxml/xmlstring.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <climits>
#include <memory>

#include "normalize/text.h"

namespace normalize {
namespace {

struct XmlCharDeleter {
  void operator()(xmlChar* p) const { xmlFree(p); }
};
using XmlString = std::unique_ptr<xmlChar, XmlCharDeleter>;

// Finds `charset=NAME` inside a meta tag's text; returns NAME or empty.
std::string charset_value(std::string_view tag) {
  std::string lower = ascii_lower(tag);
  auto pos = lower.find("charset");
  if (pos == std::string::npos) return {};
  pos = lower.find('=', pos);
  if (pos == std::string::npos) return {};
  ++pos;
  while (pos < lower.size() && (lower[pos] == ' ' || lower[pos] == '"' || lower[pos] == '\''))
    ++pos;
  std::size_t end = pos;
  while (end < lower.size() && (std::isalnum(static_cast<unsigned char>(lower[end])) ||
                                lower[end] == '-' || lower[end] == '_' || lower[end] == ':'))
    ++end;
  return lower.substr(pos, end - pos);
}

struct CharsetDetectorDeleter {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};
using CharsetDetector = std::unique_ptr<UCharsetDetector, CharsetDetectorDeleter>;

bool is_utf8_name(std::string_view name) {
  std::string lower = ascii_lower(name);
  return lower == "utf-8" || lower == "utf8" || lower.starts_with("utf-16") || lower == "unicode";
}

// True when the bytes are valid UTF-8 and hold at least one multi-byte character. Text in a
// legacy encoding (GB2312, Shift_JIS, EUC-KR, windows-1251) practically never passes both.
bool looks_like_utf8(std::string_view bytes) {
  bool multibyte = false;
  for (char c : bytes)
    if (static_cast<unsigned char>(c) >= 0x80) {
      multibyte = true;
      break;
    }
  return multibyte && first_invalid_utf8(bytes) == std::string_view::npos;
}

// ICU's statistical guess for bytes that declare no charset and are not UTF-8, or empty.
std::string guess_charset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  CharsetDetector detector{ucsdet_open(&status)};
  if (U_FAILURE(status)) return {};
  // Markup is ASCII and says nothing about the text's encoding.
  ucsdet_enableInputFilter(detector.get(), true);
  auto length = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 20));
  ucsdet_setText(detector.get(), bytes.data(), length, &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || !match) return {};
  const char* name = ucsdet_getName(match, &status);
  if (U_FAILURE(status) || !name || ucsdet_getConfidence(match, &status) < 10) return {};
  return name;
}

}  // namespace

std::string sniff_html_charset(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return "utf-8";
  if (bytes.starts_with("\xFF\xFE")) return "utf-16le";
  if (bytes.starts_with("\xFE\xFF")) return "utf-16be";
  // The HTML standard's prescan looks at the first 1024 bytes; pages with long heads put the
  // meta later, so look a little further.
  std::string_view head = bytes.substr(0, std::min<std::size_t>(bytes.size(), 4096));
  std::string lower = ascii_lower(head);
  for (std::size_t pos = lower.find("<meta"); pos != std::string::npos;
       pos = lower.find("<meta", pos + 5)) {
    auto end = lower.find('>', pos);
    if (end == std::string::npos) break;
    std::string value = charset_value(std::string_view{head}.substr(pos, end - pos));
    if (!value.empty()) return value;
  }
  return {};
}

std::expected<XmlDocument, Error> parse_html(std::string_view bytes, std::string_view url,
                                             std::string_view charset, bool* cut_short) {
  if (bytes.empty()) return std::unexpected(Error{Error::Code::bad_input, "empty document"});
  std::string_view head = bytes.substr(0, std::min<std::size_t>(bytes.size(), 1024));
  if (head.find('\0') != std::string_view::npos && !bytes.starts_with("\xFF\xFE") &&
      !bytes.starts_with("\xFE\xFF"))
    return std::unexpected(Error{Error::Code::bad_input, "binary content, not HTML"});
  // Formats that are often served in place of a page, recognised by their magic bytes.
  static constexpr std::pair<std::string_view, std::string_view> kSignatures[] = {
      {"%PDF-", "PDF"}, {"PK\x03\x04", "ZIP"}, {"\x89PNG", "PNG"}, {"GIF8", "GIF"},
      {"\xFF\xD8\xFF", "JPEG"}, {"\x1F\x8B", "gzip"}, {"RIFF", "RIFF"}, {"OggS", "Ogg"}};
  for (auto [magic, name] : kSignatures)
    if (bytes.starts_with(magic))
      return std::unexpected(Error{Error::Code::bad_input, std::string{name} + " document, not HTML"});
  // Some markup must appear early: a tag, a comment or a doctype.
  bool has_tag = false;
  std::string_view early = bytes.substr(0, std::min<std::size_t>(bytes.size(), 4096));
  for (std::size_t pos = early.find('<'); pos != std::string_view::npos && !has_tag;
       pos = early.find('<', pos + 1))
    has_tag = pos + 1 < early.size() &&
              (std::isalpha(static_cast<unsigned char>(early[pos + 1])) || early[pos + 1] == '!');
  if (!has_tag)
    return std::unexpected(Error{Error::Code::bad_input, "no markup in the first 4096 bytes, not HTML"});
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    return std::unexpected(Error{Error::Code::bad_input, "document too large"});

  std::string encoding{charset};
  if (encoding.empty()) encoding = sniff_html_charset(bytes);
  // Pages saved or re-served as UTF-8 often keep the <meta charset> of their first encoding;
  // valid multi-byte UTF-8 is the stronger evidence.
  if (!encoding.empty() && !is_utf8_name(encoding) && looks_like_utf8(bytes)) encoding = "utf-8";
  if (encoding.empty() && first_invalid_utf8(bytes) != std::string_view::npos)
    encoding = guess_charset(bytes);
  if (encoding.empty()) encoding = "utf-8";
  std::string url_text{url};
  // Not XML_PARSE_HUGE: it lifts the nesting limit too, and a page of 10,000 nested <div>s
  // would then overflow the stack of every tree walk. The limits stay, and are reported.
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  auto read = [&](const char* chosen) {
    std::unique_ptr<htmlParserCtxt, decltype(&htmlFreeParserCtxt)> context{htmlNewParserCtxt(), &htmlFreeParserCtxt};
    if (!context) return XmlDocument{};
    XmlDocument parsed{htmlCtxtReadMemory(context.get(), bytes.data(), static_cast<int>(bytes.size()),
                                          url_text.empty() ? nullptr : url_text.c_str(), chosen, options)};
    // A text node over 10,000,000 bytes stops libxml2 2.9 as memory exhaustion does (errNo
    // XML_ERR_NO_MEMORY): the document then ends there.
    if (parsed && cut_short) *cut_short = context->errNo == XML_ERR_NO_MEMORY;
    return parsed;
  };
  XmlDocument doc = read(encoding.c_str());
  // An unknown charset name makes libxml2 give up; retry as UTF-8 rather than lose the page.
  if (!doc) doc = read("utf-8");
  if (!doc || !xmlDocGetRootElement(doc.get()))
    return std::unexpected(Error{Error::Code::parse_failed, "HTML parser produced no document"});
  return doc;
}

bool is_element(const xmlNode* node, const char* name) {
  return node && node->type == XML_ELEMENT_NODE &&
         xmlStrcasecmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

std::string attribute(const xmlNode* node, const char* name) {
  if (!node || node->type != XML_ELEMENT_NODE) return {};
  XmlString value{xmlGetProp(node, reinterpret_cast<const xmlChar*>(name))};
  return value ? std::string{reinterpret_cast<const char*>(value.get())} : std::string{};
}

std::string text_content(const xmlNode* node) {
  if (!node) return {};
  XmlString value{xmlNodeGetContent(node)};
  return value ? collapse_whitespace(reinterpret_cast<const char*>(value.get())) : std::string{};
}

const xmlNode* first_element(xmlNode* root, const char* name) {
  const xmlNode* found = nullptr;
  walk_tree(root, [&](xmlNode* n) {
    if (found || n->type != XML_ELEMENT_NODE) return false;
    if (std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0) found = n;
    return !found;
  }, [](xmlNode*) {});
  return found;
}

}  // namespace normalize
