// Fuzz target: normalize::extract_article, HTML page -> Article (libxml2's HTML parser, the
// metadata readers, boilerplate removal, the main-content scorer, date and byline finders).
// Checks what normalize/article.h and html_extractor.h promise for an extracted article: its
// canonical_url is in canonical form, its text is valid UTF-8 and no block holds a line break.
#include <string>

#include "fuzz/fuzz_support.h"
#include "normalize/html_extractor.h"
#include "normalize/text.h"
#include "normalize/url.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init_libxml2();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Static: the options are the same for every input, and building them is not what is tested.
  static const normalize::ExtractOptions options = [] {
    normalize::ExtractOptions o;
    o.url = "https://news.example/2026/04/10/some-story-a92469";
    return o;
  }();
  auto article = normalize::extract_article(fuzz::as_text(data, size), options);
  if (!article) return 0;
  auto canonical = normalize::canonical_url(article->canonical_url);
  if (!canonical || *canonical != article->canonical_url) __builtin_trap();
  if (normalize::first_invalid_utf8(article->title) != std::string::npos) __builtin_trap();
  for (const auto& author : article->authors)
    if (normalize::first_invalid_utf8(author) != std::string::npos) __builtin_trap();
  for (const auto& block : article->blocks)
    if (block.text.find('\n') != std::string::npos ||
        normalize::first_invalid_utf8(block.text) != std::string::npos)
      __builtin_trap();
  return 0;
}
