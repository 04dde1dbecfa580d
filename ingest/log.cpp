#include "ingest/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace ingest {

std::shared_ptr<spdlog::logger> logger(const std::string& name) {
  if (auto existing = spdlog::get(name)) return existing;
  auto created = spdlog::stderr_color_mt(name);
  // No timestamp: journald adds its own, and a person running --once reads lines, not times.
  created->set_pattern("%^%l%$ %n: %v");
  return created;
}

void set_log_level(spdlog::level::level_enum level) { spdlog::set_level(level); }

}  // namespace ingest
