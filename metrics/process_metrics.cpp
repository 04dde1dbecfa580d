#include "metrics/process_metrics.h"

#include <tuple>

#include "metrics/proc_stat.h"

namespace metrics {
namespace {

struct ProcessGauges {
  Gauge resident;
  Counter cpu;
  Gauge start;

  void show(const ProcessSample& sample) {
    resident.set(sample.resident_bytes);
    cpu.advance_to(sample.cpu_seconds);
    start.set(sample.start_time_seconds);
  }
};

}  // namespace

std::expected<void, Error> add_process_metrics(Registry& registry) {
  // Read before registering, so that a failure leaves the registry as it was.
  const auto first = read_process_sample();
  if (!first) return std::unexpected(first.error());

  // The names and help texts are those of the official clients, so that stock dashboards
  // and alerts work unchanged.
  auto handles = all_registered(
      registry.gauge("process_resident_memory_bytes", "Resident memory size in bytes."),
      registry.counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds."),
      registry.gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds."));
  if (!handles) return std::unexpected(handles.error());

  auto gauges = std::make_from_tuple<ProcessGauges>(*handles);
  gauges.show(*first);
  registry.add_collector([gauges]() mutable {
    if (const auto sample = read_process_sample()) gauges.show(*sample);
  });
  return {};
}

}  // namespace metrics
