#include "ingest/pipeline/store_robots_cache.h"

#include "ingest/log/log.h"
#include "normalize/timestamp.h"
#include "store/robots.h"

namespace ingest::pipeline {
namespace {

constexpr std::pair<fetch::RobotsRecord::Outcome, std::string_view> kOutcomes[] = {
    {fetch::RobotsRecord::Outcome::rules, "rules"},
    {fetch::RobotsRecord::Outcome::allow_all, "allow_all"},
    {fetch::RobotsRecord::Outcome::unreachable, "unreachable"}};

}  // namespace

std::optional<fetch::RobotsRecord> StoreRobotsCache::load(const std::string& origin) {
  auto stored = store::find_robots(db_, origin);
  if (!stored) {
    log::logger("fetch")->warn("robots cache unreadable origin={} error=\"{}\"", origin, stored.error().message);
    return std::nullopt;
  }
  if (!*stored) return std::nullopt;
  auto expires = normalize::parse_iso8601((*stored)->expires_at);
  if (!expires) return std::nullopt;
  fetch::RobotsRecord record;
  bool known = false;
  for (auto [outcome, name] : kOutcomes)
    if ((*stored)->outcome == name) {
      record.outcome = outcome;
      known = true;
    }
  if (!known) return std::nullopt;
  record.body = (*stored)->body;
  record.error_kind = fetch::kind_from_name((*stored)->error_kind).value_or(fetch::FetchError::Kind::robots_disallowed);
  record.message = (*stored)->message;
  record.expires = expires->utc;
  return record;
}

void StoreRobotsCache::save(const std::string& origin, const fetch::RobotsRecord& record) {
  store::StoredRobots stored;
  for (auto [outcome, name] : kOutcomes)
    if (record.outcome == outcome) stored.outcome = name;
  stored.body = record.body;
  if (record.outcome == fetch::RobotsRecord::Outcome::unreachable) stored.error_kind = fetch::kind_name(record.error_kind);
  stored.message = record.message;
  stored.expires_at = normalize::format_iso8601_utc(
      normalize::Timestamp{std::chrono::time_point_cast<std::chrono::seconds>(record.expires), {}, true});
  if (auto r = store::save_robots(db_, origin, stored); !r)
    log::logger("fetch")->warn("robots cache not saved origin={} error=\"{}\"", origin, r.error().message);
}

}  // namespace ingest::pipeline
