#pragma once
// How long a server says a document stays fresh: the scheduler never asks again
// sooner (ingest/pipeline/schedule.h).
#include <chrono>
#include <optional>
#include <string_view>

namespace ingest::fetch {

// Cache-Control's max-age, in seconds. s-maxage is for shared caches, which we are not;
// no-cache, no-store and must-revalidate say nothing about how often to ask, so they are
// ignored. Returns nothing without a valid max-age.
std::optional<std::chrono::seconds> cache_max_age(std::string_view cache_control);

}  // namespace ingest::fetch
