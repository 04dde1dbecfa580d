#pragma once
// The value every stage after extraction works on: one article, independent of how it was
// fetched or stored. Plain data; copying is cheap enough at article sizes.
#include <optional>
#include <string>
#include <vector>

#include "normalize/timestamp.h"

namespace normalize {

// A table row holds its cells' text joined by " | ".
enum class BlockKind { paragraph, heading, list_item, quote, table_row };

// One block of the article's own text. `text` is plain UTF-8 with the seed format's inline
// marks (`*emphasis*`, `**strong**`) already applied; it never contains a line break.
struct Block {
  BlockKind kind = BlockKind::paragraph;
  std::string text;
  bool operator==(const Block&) const = default;
};

struct Article {
  std::string canonical_url;
  std::string outlet;
  std::string title;
  std::vector<std::string> authors;
  std::optional<Timestamp> published;
  std::string language;  // ISO 639-1, or empty when unknown
  std::vector<Block> blocks;
  // The HTML parser stopped at a limit: the text ends early, and whoever shows it must say so.
  bool truncated = false;
};

// The blocks' text joined by blank lines, without inline marks: what flagging and
// deduplication read.
std::string plain_text(const std::vector<Block>& blocks);

}  // namespace normalize
