#pragma once
// The JSON shapes of the command-line contract (docs/operations.md), built with Boost.JSON so
// every string is escaped correctly.
#include <boost/json.hpp>

#include <cstdint>
#include <expected>
#include <string>

#include "flag/flagger.h"
#include "ingest/sources/feed.h"
#include "normalize/article.h"
#include "store/history.h"
#include "store/items.h"
#include "store/review.h"
#include "store/sources.h"

namespace ingest::cli {

// One JSON document as the commands print it (docs/operations.md, "JSON output"): compact,
// numbers as plain decimals ("6.5", never Boost's "6.5E0"), a non-finite number as null.
std::string json_text(const boost::json::value& value);

boost::json::object article_json(const std::string& file, const normalize::Article& article);
boost::json::object entry_json(const sources::FeedEntry& entry);
boost::json::object verdict_json(const std::string& file, const flag::TopicVerdict& verdict);
boost::json::object queue_entry_json(const store::ItemRecord& item);
boost::json::object item_json(const store::ItemRecord& item);
boost::json::object source_json(const store::SourceState& source);
// approve/reject --json: one object per id, `error` null when it was decided.
boost::json::object decision_json(std::int64_t id, const std::string& decision,
                                  const std::expected<store::DecisionOutcome, store::Error>& outcome);
// history --json: the item's id, outlet, title, url and state, and its events oldest first,
// each {at, event, ...} with the fields of its kind.
boost::json::object history_json(const store::ItemHistory& history);

}  // namespace ingest::cli
