#pragma once
// Handles to metric values: what daemon code keeps and bumps.
//
// A handle is a pointer into the Registry that made it: copying one is free, bumping one is
// an addition on a double. Handles are valid as long as that registry lives, except that
// GaugeFamily::clear() invalidates the Gauge handles taken from that family.
//
// Not thread-safe, on purpose: the daemon runs one io_context on one thread, and every
// handle, family, registry and server of one registry is used on that thread only, so
// atomics or locks would buy nothing. A program that bumps from several threads must add
// its own lock around the registry, the handles and the scrape.
#include <array>
#include <cstddef>
#include <string_view>

#include "metrics/family.h"

namespace metrics {

class Registry;

// What a Counter and a Gauge share: the place of one series' value in its registry.
class SeriesHandle {
 public:
  double value() const { return *value_; }

 protected:
  explicit SeriesHandle(double& value) : value_(&value) {}
  double* value_;
};

// A value that only goes up (events, seconds spent), reset only by a restart.
class Counter : public SeriesHandle {
 public:
  static constexpr MetricType kType = MetricType::counter;

  // Adds `amount`. A negative or NaN amount is ignored: a counter never goes down.
  void increment(double amount = 1.0) {
    if (amount > 0) *value_ += amount;
  }
  // Raises the value to `total` if that is higher, for totals kept elsewhere (the kernel's
  // CPU time of the process) and copied in by a collector.
  void advance_to(double total) {
    if (total > *value_) *value_ = total;
  }

 private:
  friend class Registry;
  template <class Metric, std::size_t N>
  friend class Labelled;
  using SeriesHandle::SeriesHandle;
};

// A value that goes up and down (a queue's length, a time stamp, seconds since something).
class Gauge : public SeriesHandle {
 public:
  static constexpr MetricType kType = MetricType::gauge;

  void set(double value) { *value_ = value; }
  void increment(double amount = 1.0) { *value_ += amount; }
  void decrement(double amount = 1.0) { *value_ -= amount; }

 private:
  friend class Registry;
  template <class Metric, std::size_t N>
  friend class Labelled;
  using SeriesHandle::SeriesHandle;
};

// A family of counters or gauges told apart by N labels, whose names were fixed when the
// registry made it. The label count is part of the type, so a call with the wrong number of
// values does not compile.
template <class Metric, std::size_t N>
class Labelled {
 public:
  // The series with these label values, one per label name in the registered order,
  // created at 0 on first use. A lookup costs a map search; keep the handle where the same
  // series is bumped often.
  Metric with(const std::array<std::string_view, N>& label_values) const {
    return Metric(series_value(*family_, label_values));
  }
  // Removes every series, for a collector that rebuilds a gauge family on each scrape (an
  // outlet dropped from the config stops being reported). Invalidates this family's handles.
  void clear() const
    requires(Metric::kType == MetricType::gauge)
  {
    family_->series.clear();
  }

 private:
  friend class Registry;
  explicit Labelled(MetricFamily& family) : family_(&family) {}
  MetricFamily* family_;
};

template <std::size_t N>
using CounterFamily = Labelled<Counter, N>;
template <std::size_t N>
using GaugeFamily = Labelled<Gauge, N>;

}  // namespace metrics
