#pragma once
// A metric family as the registry stores it and the exposition renders it: one name, one
// help text, one type, fixed label names, and a value per combination of label values.
#include <algorithm>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace metrics {

enum class MetricType { counter, gauge };

// Orders series by their label values, compared value by value in the family's label order.
// Transparent, so that a lookup with string_views allocates nothing.
struct LabelValuesLess {
  using is_transparent = void;
  template <class Left, class Right>
  bool operator()(const Left& left, const Right& right) const {
    return std::ranges::lexicographical_compare(left, right, [](std::string_view a, std::string_view b) {
      return a < b;
    });
  }
};

struct MetricFamily {
  std::string name;
  std::string help;  // valid UTF-8, unescaped
  MetricType type = MetricType::gauge;
  std::vector<std::string> label_names;
  // Label values (valid UTF-8, unescaped, one per label name) to the current value. A map
  // because its nodes never move: handles keep pointers to the values.
  std::map<std::vector<std::string>, double, LabelValuesLess> series;
};

// The value of the series with these label values (one per label name), created at 0 on
// first use. Ill-formed UTF-8 in a value is replaced (see to_valid_utf8). The reference stays
// valid until the series is removed from `family`.
double& series_value(MetricFamily& family, std::span<const std::string_view> label_values);

}  // namespace metrics
