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
#include "ingest/pipeline/config.h"
#include "ingest/fetch/fetch_engine.h"
#include "ingest/pipeline/pass_report.h"
#include "store/database.h"

namespace ingest::pipeline {

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
                fetch::FetchEngine& engine, PassOptions options, std::function<void(PassResult)> done);

// A whole pass on a private io_context and engine, for `--once` and tests.
PassResult run_pass(const Config& config, const flag::Rules& rules, store::Database& db,
                    PassOptions options = {});

}  // namespace ingest::pipeline
