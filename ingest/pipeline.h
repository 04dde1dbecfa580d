#pragma once
// The only place that knows the order of the stages: source -> entries -> new URLs ->
// article fetch -> extraction -> seed text -> dedup -> flagging -> store. Every stage it calls
// is a plain function or a small object that can be run alone.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>

#include "flag/rules.h"
#include "ingest/config.h"
#include "ingest/fetch_engine.h"
#include "store/database.h"

namespace ingest {

struct PassReport {
  int sources_ok = 0;
  int sources_not_modified = 0;
  int sources_failed = 0;
  int sources_skipped = 0;  // not due yet (daemon passes only)
  int entries_seen = 0;
  int entries_too_old = 0;  // dated before the outlet's max_age, not taken
  int items_new = 0;
  int items_stored = 0;
  int items_flagged = 0;
  int items_duplicate = 0;       // exact and near
  int items_near_duplicate = 0;  // of which near
  int other_urls = 0;     // a known article under another URL or slug (not fetched again as new)
  int translations = 0;   // new items linked to the same article in another edition
  int rechecked = 0;      // known articles fetched again because their source said they changed
  int revisions = 0;      // of which came back with other text
  int items_failed = 0;  // this pass; they are retried later unless out of attempts
  int left_for_next_pass = 0;  // sources and items not requested because the engine drained
};

struct PassOptions {
  // The daemon polls only sources whose next check is due; `--once` polls every source.
  bool only_due_sources = false;
  // Called on the engine's thread each time a source or an item has been handled, with the
  // counts so far (the daemon's STATUS= line; tests that act at a given point of a pass).
  std::function<void(const PassReport&)> progress;
  // Called on the engine's thread when a fetch of a source or an article has ended, with the
  // outlet and how it ended: "ok", "not_modified" or a FetchError kind (the daemon's metrics).
  std::function<void(std::string_view outlet, std::string_view outcome)> fetched;
};

using PassResult = std::expected<PassReport, store::Error>;

// Starts one pass over the config's outlets and then over every item that is due, with all
// fetches going through `engine` (and so through its politeness). Returns at once; `done`
// is called once, on the engine's io_context, when the pass has finished. A failing source or
// item is logged once, recorded in the store, and does not stop the pass; only a store error
// (the database itself failing) ends it early, as an unexpected value. To stop a pass early
// without losing anything, drain the engine: what was not requested is left as it was, due
// for the next pass, and `done` follows once the running transfers are handled. The
// referenced objects must outlive the pass.
void start_pass(const Config& config, const flag::Rules& rules, store::Database& db,
                FetchEngine& engine, PassOptions options, std::function<void(PassResult)> done);

// A whole pass on a private io_context and engine, for `--once` and tests.
PassResult run_pass(const Config& config, const flag::Rules& rules, store::Database& db,
                    PassOptions options = {});

// One line for people: "pass done sources_ok=3 ... flagged=4".
std::string describe(const PassReport& report);

}  // namespace ingest
