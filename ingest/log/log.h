#pragma once
// One spdlog logger per module, all writing to stderr (journald collects it under systemd).
// Messages are a fixed phrase followed by key=value pairs.
#include <spdlog/spdlog.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ingest::log {

// The named logger, created on first use. Thread-safe. Lines carry a UTC timestamp, except
// when stderr goes to the journal ($JOURNAL_STREAM is set), which stamps every line itself.
std::shared_ptr<spdlog::logger> logger(const std::string& name);
// Sets the level of every logger, those created later included.
void set_log_level(spdlog::level::level_enum level);
// "trace", "debug", "info", "warning" (or "warn"), "error", "critical", "off"; nothing for
// another word.
std::optional<spdlog::level::level_enum> log_level_named(std::string_view name);

// A value from outside (a URL, a server's message) as a log line shows it: as it is when it
// has at most `limit` bytes; else its first bytes (cut at a character boundary), how many
// bytes were left out, and a key of the whole value (16 hex digits of a 64-bit FNV-1a hash),
// so that one line stays short and the lines about one long value can still be matched.
inline constexpr std::size_t kValueLimit = 300;
std::string bounded(std::string_view value, std::size_t limit = kValueLimit);

}  // namespace ingest::log
