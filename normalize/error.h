#pragma once
// Errors that cross the normalize module's boundary. Every fallible function in this module
// returns std::expected<T, normalize::Error>; nothing here throws on bad input.
#include <string>

namespace normalize {

struct Error {
  enum class Code {
    bad_input,      // bytes that cannot be read as the expected kind (binary, empty, wrong type)
    parse_failed,   // the parser gave up on the document
    no_content,     // the document parsed but holds no article text
    bad_url,        // a URL that is not absolute http(s)
    bad_format,     // a seed file that does not follow docs/seed-format.md
  };
  Code code;
  std::string message;
};

}  // namespace normalize
