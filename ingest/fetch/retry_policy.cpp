#include "ingest/fetch/retry_policy.h"

#include <algorithm>
#include <charconv>

#include "normalize/text.h"
#include "normalize/timestamp.h"

namespace ingest::fetch {

std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, std::mt19937& random) {
  int doublings = std::clamp(attempt - 1, 0, 20);
  auto raw = std::min<std::int64_t>(base.count() << doublings, cap.count());
  std::uniform_real_distribution<double> jitter{0.5, 1.5};
  return std::chrono::milliseconds{static_cast<std::int64_t>(static_cast<double>(raw) * jitter(random))};
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now) {
  value = normalize::trim(value);
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc{} && end == value.data() + value.size())
    return seconds < 0 ? std::nullopt : std::optional{std::chrono::seconds{seconds}};
  auto date = normalize::parse_rfc822(value);
  if (!date) return std::nullopt;
  auto delta = std::chrono::duration_cast<std::chrono::seconds>(date->utc - now);
  return std::max(delta, std::chrono::seconds{0});
}

}  // namespace ingest::fetch
