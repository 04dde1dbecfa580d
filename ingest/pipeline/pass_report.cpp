#include "ingest/pipeline/pass_report.h"

namespace ingest::pipeline {

std::string describe(const PassReport& r) {
  return "pass done sources_ok=" + std::to_string(r.sources_ok) +
         " not_modified=" + std::to_string(r.sources_not_modified) +
         " sources_failed=" + std::to_string(r.sources_failed) +
         (r.sources_skipped ? " not_due=" + std::to_string(r.sources_skipped) : std::string{}) +
         " entries=" + std::to_string(r.entries_seen) +
         (r.entries_too_old ? " too_old=" + std::to_string(r.entries_too_old) : std::string{}) +
         " new=" + std::to_string(r.items_new) +
         " stored=" + std::to_string(r.items_stored) + " flagged=" + std::to_string(r.items_flagged) +
         " duplicates=" + std::to_string(r.items_duplicate) +
         (r.items_near_duplicate ? " near=" + std::to_string(r.items_near_duplicate) : std::string{}) +
         (r.other_urls ? " other_urls=" + std::to_string(r.other_urls) : std::string{}) +
         (r.translations ? " translations=" + std::to_string(r.translations) : std::string{}) +
         (r.rechecked ? " rechecked=" + std::to_string(r.rechecked) : std::string{}) +
         (r.revisions ? " revisions=" + std::to_string(r.revisions) : std::string{}) +
         " failed=" + std::to_string(r.items_failed) +
         (r.left_for_next_pass ? " left_for_next_pass=" + std::to_string(r.left_for_next_pass) : std::string{});
}

}  // namespace ingest::pipeline
