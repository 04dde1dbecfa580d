#include "metrics/family.h"

#include <algorithm>

#include "metrics/names.h"

namespace metrics {

double& series_value(MetricFamily& family, std::span<const std::string_view> label_values) {
  // The common case, a series already there under valid values, allocates nothing.
  if (std::ranges::all_of(label_values, is_valid_utf8)) {
    if (auto found = family.series.find(label_values); found != family.series.end())
      return found->second;
    return family.series.try_emplace(std::vector<std::string>(label_values.begin(), label_values.end()), 0.0)
        .first->second;
  }
  std::vector<std::string> valid;
  valid.reserve(label_values.size());
  for (std::string_view value : label_values) valid.push_back(to_valid_utf8(value));
  return family.series.try_emplace(std::move(valid), 0.0).first->second;
}

}  // namespace metrics
