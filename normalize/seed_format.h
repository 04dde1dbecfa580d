#pragma once
// The corpus document format (docs/seed-format.md): rendering an Article to seed text, and
// reading seed text back, including the five original seeds with their irregularities.
#include <expected>
#include <string>
#include <string_view>

#include "normalize/article.h"
#include "normalize/error.h"

namespace normalize {

// Seed text for an article: "# title", the date line, the byline, the blocks and the
// "Original url:" footer, LF line endings, one trailing newline. Pure and deterministic.
std::string render_seed(const Article& article);

// Reads seed text. The title comes from a "# " heading or the first line, the date and
// authors from the lines right after it, the URL from the "Original url:" footer; `outlet`
// is set when the document starts with a known outlet's name. Fails with bad_format for
// text that is not UTF-8, is empty, or holds no blocks. For any article a,
// render_seed(*parse_seed(render_seed(a))) == render_seed(a).
std::expected<Article, Error> parse_seed(std::string_view text);

// The corpus file name for a sequence number and canonical URL: "005_<16 hex>.txt".
std::string seed_file_name(int number, std::string_view canonical_url);

// The sequence number of a corpus file name ("012_abcdef0123456789.txt" -> 12), or -1 when
// the name is not of that form.
int seed_file_number(std::string_view file_name);

}  // namespace normalize
