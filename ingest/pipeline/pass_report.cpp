#include "ingest/pipeline/pass_report.h"

#include "ingest/log/log.h"

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

void count_discovery(PassReport& report, spdlog::logger& logger, const store::Discovery& found, const std::string& url) {
  using Kind = store::Discovery::Kind;
  switch (found.kind) {
    case Kind::new_item: ++report.items_new; break;
    case Kind::translation:
      ++report.items_new;
      ++report.translations;
      logger.info("article is a translation url={} of=item {}", log::bounded(url), found.item_id);
      break;
    case Kind::other_url:
      ++report.other_urls;
      logger.info("article known under another url url={} item={}", log::bounded(url), found.item_id);
      break;
    case Kind::other_slug:
      ++report.other_urls;
      logger.info("article known by its outlet id url={} item={} recheck=yes", log::bounded(url), found.item_id);
      break;
    case Kind::changed:
      logger.info("article changed at its source url={} item={} recheck=yes", log::bounded(url), found.item_id);
      break;
    case Kind::known: break;
  }
}

void count_duplicate(PassReport& report, spdlog::logger& logger, const store::PendingItem& item,
                     const store::Duplicate& duplicate) {
  ++report.items_duplicate;
  if (duplicate.kind == store::DuplicateKind::near) ++report.items_near_duplicate;
  std::string of = duplicate.corpus_file ? *duplicate.corpus_file : "item " + std::to_string(duplicate.item_id.value_or(0));
  if (duplicate.similarity)
    logger.info("article duplicate outlet=\"{}\" url={} of={} kind={} similarity={:.2f}", item.outlet,
               log::bounded(item.canonical_url), of, store::duplicate_kind_name(duplicate.kind), *duplicate.similarity);
  else
    logger.info("article duplicate outlet=\"{}\" url={} of={} kind={}", item.outlet, log::bounded(item.canonical_url), of,
               store::duplicate_kind_name(duplicate.kind));
}

}  // namespace ingest::pipeline
