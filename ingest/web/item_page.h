#pragma once
// One item: the document exactly as it will be exported, its metadata, why it was flagged
// (the evidence with the matched terms marked, their weights, the score and the rules), what
// it is linked to (duplicates, translations, revisions), its history; and deciding it or
// undoing its decision.
#include <cstdint>
#include <optional>
#include <string>

#include "ingest/web/context.h"
#include "ingest/web/form.h"
#include "ingest/web/listing_params.h"

namespace ingest::web {

// A line above the item: what just happened, or why nothing did.
struct Notice {
  std::string text;
  std::string kind;  // "", "conflict", "error": the CSS class
};

// GET /items/ID?<listing> (the listing gives previous and next): 404 for an unknown item. `status` is 200 unless the page answers
// a refused decision (409 when someone else decided first).
httpd::Response show_item(Context& context, std::int64_t id, const ListingParams& listing,
                          const std::optional<Notice>& notice = std::nullopt,
                          boost::beast::http::status status = boost::beast::http::status::ok);

// POST /items/ID/decide: csrf, action (approve|reject), note, back. Then the next item of
// the listing opens (the queue when none is left). An item decided meanwhile by someone else
// is shown with "approved by X at T" (409) and nothing is overwritten.
httpd::Response decide_item(Context& context, std::int64_t id, const Form& form);

// POST /items/ID/undo: csrf, back. Only the decision's author or an admin (403 otherwise),
// until the item is exported (409). Then the item opens again, awaiting a decision.
httpd::Response undo_item(Context& context, std::int64_t id, const Form& form);

}  // namespace ingest::web
