#include "ingest/log/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace ingest::log {

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

}  // namespace ingest::log

namespace ingest::log {

std::string bounded(std::string_view value, std::size_t limit) {
  if (value.size() <= limit) return std::string{value};
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : value) hash = (hash ^ c) * 1099511628211ULL;
  std::size_t keep = limit > 64 ? limit - 64 : limit / 2;
  // Never cut inside a UTF-8 sequence: back up over continuation bytes.
  while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) --keep;
  char key[17];
  std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(hash));
  return std::string{value.substr(0, keep)} + "...[" + std::to_string(value.size() - keep) + " more bytes, key " +
         key + "]";
}

}  // namespace ingest::log
