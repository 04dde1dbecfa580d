#pragma once
// The main text of a parsed page: which element holds the article, and its blocks.
//
// Generic rules only (no per-site code): text density and link density decide, with class and
// id words in several languages naming boilerplate (share bars, related lists, comments,
// cookie notices, ads), and tags that never hold article text left out. Text outside <p>
// counts too: <div> and <td> text blocks and <br>-separated lines.
#include <libxml/tree.h>

#include <vector>

#include "normalize/article.h"

namespace normalize {

// The article's blocks below `root`, in document order, or empty when the page has no text
// that reads like an article. The title (<h1>) is metadata and never a block. Walks the tree
// iteratively, so depth costs no stack; reads the tree without changing it, except that it
// uses the nodes' `_private` fields while it runs and clears them before returning.
std::vector<Block> extract_main_content(xmlNode* root);

}  // namespace normalize
