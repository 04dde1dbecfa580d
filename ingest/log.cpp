#include "ingest/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <cstdlib>

namespace ingest {

std::shared_ptr<spdlog::logger> logger(const std::string& name) {
  if (auto existing = spdlog::get(name)) return existing;
  auto created = spdlog::stderr_color_mt(name);
  // journald stamps each line with its own time; a second, local one would only add noise.
  const char* journal = std::getenv("JOURNAL_STREAM");
  bool to_journal = journal && *journal;
  created->set_pattern(to_journal ? "%^%l%$ %n: %v" : "%Y-%m-%dT%H:%M:%SZ %^%l%$ %n: %v", spdlog::pattern_time_type::utc);
  return created;
}

void set_log_level(spdlog::level::level_enum level) { spdlog::set_level(level); }

std::optional<spdlog::level::level_enum> log_level_named(std::string_view name) {
  if (name == "warning") name = "warn";
  auto level = spdlog::level::from_str(std::string{name});
  // from_str answers "off" for any word it does not know: only "off" itself means off.
  if (level == spdlog::level::off && name != "off") return std::nullopt;
  return level;
}

}  // namespace ingest
