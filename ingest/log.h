#pragma once
// One spdlog logger per module, all writing to stderr (journald collects it under systemd).
// Messages are a fixed phrase followed by key=value pairs.
#include <spdlog/spdlog.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ingest {

// The named logger, created on first use. Thread-safe. Lines carry a UTC timestamp, except
// when stderr goes to the journal ($JOURNAL_STREAM is set), which stamps every line itself.
std::shared_ptr<spdlog::logger> logger(const std::string& name);
// Sets the level of every logger, those created later included.
void set_log_level(spdlog::level::level_enum level);
// "trace", "debug", "info", "warning" (or "warn"), "error", "critical", "off"; nothing for
// another word.
std::optional<spdlog::level::level_enum> log_level_named(std::string_view name);

}  // namespace ingest
