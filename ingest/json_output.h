#pragma once
// The JSON shapes of the command-line contract (docs/operations.md), built with Boost.JSON so
// every string is escaped correctly.
#include <boost/json.hpp>

#include <string>

#include "flag/flagger.h"
#include "ingest/feed.h"
#include "normalize/article.h"
#include "store/items.h"
#include "store/sources.h"

namespace ingest {

boost::json::object article_json(const std::string& file, const normalize::Article& article);
boost::json::object entry_json(const FeedEntry& entry);
boost::json::object verdict_json(const std::string& file, const flag::Verdict& verdict);
boost::json::object queue_entry_json(const store::ItemRecord& item);
boost::json::object item_json(const store::ItemRecord& item);
boost::json::object source_json(const store::SourceState& source);

}  // namespace ingest
