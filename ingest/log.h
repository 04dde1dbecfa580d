#pragma once
// One spdlog logger per module, all writing to stderr (journald collects it under systemd).
// Messages are a fixed phrase followed by key=value pairs.
#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace ingest {

// The named logger, created on first use. Thread-safe.
std::shared_ptr<spdlog::logger> logger(const std::string& name);
// Sets the level of every logger ("debug", "info", "warning", "error").
void set_log_level(spdlog::level::level_enum level);

}  // namespace ingest
