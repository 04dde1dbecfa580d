#pragma once
// The status page: each source's last good check, last error and next check; items by
// state; what deduplication caught; the last pass. Admins start an export from it.
#include "ingest/web/context.h"

namespace ingest::web {

// GET /status
httpd::Response show_status(Context& context);
// POST /export: csrf. Admins only (403 otherwise); writes the approved items to the corpus
// folder as `ingest export` does and lists the files written.
httpd::Response export_now(Context& context);

}  // namespace ingest::web
