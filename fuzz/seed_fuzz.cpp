// Fuzz target: normalize::parse_seed, the corpus document format read back.
// Checks the round trip normalize/seed_format.h promises, "for any article a,
// render_seed(*parse_seed(render_seed(a))) == render_seed(a)", for every article the parser
// makes of the input, and that the fields the format carries survive it: title, authors,
// date, URL and blocks. The outlet and language are not written by render_seed, so they are
// not compared. A block's text is compared with its white space collapsed, as rendering writes
// it; the title exactly, as parse_seed gives it in the form render_seed writes.
#include <string>

#include "fuzz/fuzz_support.h"
#include "normalize/seed_format.h"
#include "normalize/text.h"

namespace {

bool same_fields(const normalize::Article& first, const normalize::Article& again) {
  if (again.title != first.title || again.authors != first.authors ||
      again.canonical_url != first.canonical_url || again.blocks.size() != first.blocks.size())
    return false;
  if (first.published.has_value() != again.published.has_value()) return false;
  if (first.published && normalize::format_long_date(*first.published) != normalize::format_long_date(*again.published))
    return false;
  for (std::size_t i = 0; i < first.blocks.size(); ++i)
    if (again.blocks[i].kind != first.blocks[i].kind ||
        again.blocks[i].text != normalize::collapse_whitespace(first.blocks[i].text))
      return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto article = normalize::parse_seed(fuzz::as_text(data, size));
  if (!article) return 0;
  std::string rendered = normalize::render_seed(*article);
  auto again = normalize::parse_seed(rendered);
  if (!again || normalize::render_seed(*again) != rendered) __builtin_trap();
  if (!same_fields(*article, *again)) __builtin_trap();
  return 0;
}
