#pragma once
// Who an article is at its outlet, read from its URL alone (before it is fetched): the
// outlet's own article id, which survives a changed slug, and the language edition the URL
// belongs to, which tells a translation from the same article.
#include <optional>
#include <string>

#include "ingest/pipeline/config.h"

namespace ingest::pipeline {

struct ArticleIdentity {
  // "<id group>:<id>" when the outlet has an article_id pattern and the URL matches it.
  std::optional<std::string> article_key;
  // "<outlet>" or "<outlet>/<language>" when the path starts with a language segment
  // ("/en/noticias/..." on Radio Habana Cuba).
  std::string edition;
};

ArticleIdentity identify_article(const Outlet& outlet, const std::string& canonical_url);

}  // namespace ingest::pipeline
