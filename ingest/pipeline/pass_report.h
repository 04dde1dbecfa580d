#pragma once
// What a pass did, counted as it goes: the daemon's log line, its STATUS= and its metrics.
#include <spdlog/spdlog.h>

#include <string>

#include "store/discovery.h"
#include "store/items.h"

namespace ingest::pipeline {

struct PassReport {
  int sources_ok = 0;
  int sources_not_modified = 0;
  int sources_failed = 0;
  int sources_skipped = 0;  // not due yet (daemon passes only)
  int sources_answered = 0;  // gave an HTTP answer (an error status, or one that could not be read, too)
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

// One line for people: "pass done sources_ok=3 ... flagged=4".
std::string describe(const PassReport& report);

// Counts what a source's entry turned out to be, and logs what is worth a line (another URL
// of a known article, a translation, a change at its source).
void count_discovery(PassReport& report, spdlog::logger& logger, const store::Discovery& found, const std::string& url);
// Counts and logs an article found to duplicate an item or a corpus file.
void count_duplicate(PassReport& report, spdlog::logger& logger, const store::PendingItem& item,
                     const store::Duplicate& duplicate);

}  // namespace ingest::pipeline
