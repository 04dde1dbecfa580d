#include "metrics/registry.h"

#include <algorithm>
#include <utility>

#include "metrics/names.h"

namespace metrics {

std::expected<MetricFamily*, Error> Registry::add_family(std::string_view name, std::string_view help,
                                                         MetricType type, std::vector<std::string> label_names) {
  const std::string quoted = "'" + std::string(name) + "'";
  if (!is_metric_name(name)) return std::unexpected(Error{Error::Code::invalid_name, "invalid metric name " + quoted});
  if (!is_valid_utf8(help))
    return std::unexpected(Error{Error::Code::invalid_help, "help of metric " + quoted + " is not UTF-8"});
  for (auto label = label_names.begin(); label != label_names.end(); ++label) {
    if (!is_label_name(*label))
      return std::unexpected(Error{Error::Code::invalid_name, "invalid label name '" + *label + "' in metric " + quoted});
    // Prometheus rejects a sample that names one label twice.
    if (std::find(label_names.begin(), label, *label) != label)
      return std::unexpected(Error{Error::Code::invalid_name, "label '" + *label + "' given twice in metric " + quoted});
  }
  if (families_.contains(name))
    return std::unexpected(Error{Error::Code::duplicate_name, "metric " + quoted + " is already registered"});

  auto family = std::make_unique<MetricFamily>(
      MetricFamily{std::string(name), std::string(help), type, std::move(label_names), {}});
  MetricFamily* stored = family.get();
  families_.emplace(stored->name, std::move(family));
  return stored;
}

void Registry::add_collector(std::function<void()> collector) { collectors_.push_back(std::move(collector)); }

void Registry::collect() {
  for (const auto& collector : collectors_) collector();
}

}  // namespace metrics
