#pragma once
// The only place that knows the order of the stages: source -> entries -> new URLs ->
// article fetch -> extraction -> seed text -> dedup -> flagging -> store. Every stage it calls
// is a plain function or a small object that can be run alone.
#include <cstdint>
#include <string>

#include "flag/rules.h"
#include "ingest/config.h"
#include "ingest/http_fetcher.h"
#include "store/database.h"

namespace ingest {

struct PassReport {
  int sources_ok = 0;
  int sources_not_modified = 0;
  int sources_failed = 0;
  int entries_seen = 0;
  int items_new = 0;
  int items_stored = 0;
  int items_flagged = 0;
  int items_duplicate = 0;
  int items_failed = 0;  // this pass; they are retried later unless out of attempts
};

// One pass over every outlet of the config, then over every item that is due. A failing
// source or item is logged once, recorded in the store, and does not stop the pass; only a
// store error (the database itself failing) ends the pass early, as an unexpected value.
std::expected<PassReport, store::Error> run_pass(const Config& config, const flag::Rules& rules,
                                                 store::Database& db, HttpFetcher& fetcher);

// One line for people: "pass done sources_ok=3 ... flagged=4".
std::string describe(const PassReport& report);

}  // namespace ingest
