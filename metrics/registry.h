#pragma once
// The registry: every metric family of a program, the collectors that refresh some of them
// at scrape time, and the families in the order the exposition prints them.
//
// Typical use (see daemon_metrics.h for the daemon's own families):
//
//   metrics::Registry registry;
//   auto fetches = registry.counter_family("ingest_fetches_total", "Fetches.", {"outlet", "outcome"});
//   auto queue = registry.gauge("ingest_queue_length", "Items awaiting review.");
//   fetches->with({"Granma", "ok"}).increment();
//   registry.add_collector([queue = *queue, &db] mutable { queue.set(count_flagged(db)); });
//
// Not thread-safe: one thread owns the registry, its handles and the scrape (see metric.h).
#include <cstddef>
#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "metrics/error.h"
#include "metrics/family.h"
#include "metrics/metric.h"

namespace metrics {

class Registry {
 public:
  using Families = std::map<std::string, std::unique_ptr<MetricFamily>, std::less<>>;

  Registry() = default;
  // Handles point into the registry, so it stays where it was made.
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // A family without labels: its one series exists from the start, at 0.
  // Errors: invalid_name (see names.h), invalid_help (not UTF-8), duplicate_name.
  std::expected<Counter, Error> counter(std::string_view name, std::string_view help) {
    return add_unlabelled<Counter>(name, help);
  }
  std::expected<Gauge, Error> gauge(std::string_view name, std::string_view help) {
    return add_unlabelled<Gauge>(name, help);
  }

  // A family with labels, e.g. counter_family("ingest_fetches_total", "...", {"outlet",
  // "outcome"}); a series appears once it is first used. Errors as above, and invalid_name
  // for a label name that is invalid or given twice.
  template <std::size_t N>
  std::expected<CounterFamily<N>, Error> counter_family(std::string_view name, std::string_view help,
                                                        const std::string_view (&label_names)[N]) {
    return add_labelled<Counter>(name, help, label_names);
  }
  template <std::size_t N>
  std::expected<GaugeFamily<N>, Error> gauge_family(std::string_view name, std::string_view help,
                                                    const std::string_view (&label_names)[N]) {
    return add_labelled<Gauge>(name, help, label_names);
  }

  // Adds a function that collect() calls, e.g. to set gauges from the database. A collector
  // must not throw (a server answers that scrape with 500) and should be quick: it runs on
  // the thread that serves the scrape.
  void add_collector(std::function<void()> collector);

  // Calls every collector, in the order they were added. The server calls this before each
  // rendering.
  void collect();

  // Every family, ordered by name: the exposition's order, stable from scrape to scrape.
  const Families& families() const { return families_; }

 private:
  template <class Metric>
  std::expected<Metric, Error> add_unlabelled(std::string_view name, std::string_view help) {
    // GCC 12's std::expected has no transform().
    const auto family = add_family(name, help, Metric::kType, {});
    if (!family) return std::unexpected(family.error());
    return Metric(series_value(**family, {}));
  }
  template <class Metric, std::size_t N>
  std::expected<Labelled<Metric, N>, Error> add_labelled(std::string_view name, std::string_view help,
                                                         const std::string_view (&label_names)[N]) {
    const auto family = add_family(name, help, Metric::kType, std::vector<std::string>(label_names, label_names + N));
    if (!family) return std::unexpected(family.error());
    return Labelled<Metric, N>(**family);
  }
  std::expected<MetricFamily*, Error> add_family(std::string_view name, std::string_view help, MetricType type,
                                                 std::vector<std::string> label_names);

  Families families_;
  std::vector<std::function<void()>> collectors_;
};

// The handles of several registrations, or the first of their errors, e.g.
//   all_registered(registry.counter(...), registry.gauge(...)) -> expected<tuple<Counter, Gauge>>
template <class... Handle>
std::expected<std::tuple<Handle...>, Error> all_registered(std::expected<Handle, Error>... results) {
  std::optional<Error> first_error;
  const auto keep_first_error = [&](const auto& result) {
    if (!result && !first_error) first_error = result.error();
  };
  (keep_first_error(results), ...);
  if (first_error) return std::unexpected(std::move(*first_error));
  return std::tuple<Handle...>(std::move(*results)...);
}

}  // namespace metrics
