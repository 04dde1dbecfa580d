#pragma once
// The fetch engine's robots.txt cache kept in the store, so separate `ingest --once` runs
// (from cron, say) ask each host for robots.txt once a day, not once a run.
#include "ingest/fetch/fetch_engine.h"
#include "store/database.h"

namespace ingest::pipeline {

class StoreRobotsCache : public fetch::RobotsCache {
 public:
  // `db` must outlive the cache. Store errors are logged and treated as a cache miss.
  explicit StoreRobotsCache(store::Database& db) : db_(db) {}
  std::optional<fetch::RobotsRecord> load(const std::string& origin) override;
  void save(const std::string& origin, const fetch::RobotsRecord& record) override;

 private:
  store::Database& db_;
};

}  // namespace ingest::pipeline
