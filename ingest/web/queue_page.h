#pragma once
// The listing pages: the queue (flagged items awaiting a decision) and every other state,
// filtered and sorted, 50 to a page; and deciding several selected items at once.
#include "ingest/web/context.h"
#include "ingest/web/form.h"

namespace ingest::web {

// GET /?state=&outlet=&lang=&since=&min_score=&sort=&page= (and &decided=N&skipped=M after
// a decision on several). 400 for a bad filter value.
httpd::Response show_listing(Context& context, const Form& query);

// POST /decide: csrf, action (approve|reject), ids (repeated), note, back. Each item is
// decided unless someone decided it meanwhile; then back to the listing, which says how many.
httpd::Response decide_selected(Context& context, const Form& form);

}  // namespace ingest::web
