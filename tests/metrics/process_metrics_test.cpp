// metrics/process_metrics.cpp: the process_* families every Prometheus client exports.
#include "metrics/process_metrics.h"

#include <gtest/gtest.h>

#include "metrics/exposition.h"

namespace {

double value_of(const metrics::Registry& registry, const std::string& name) {
  return registry.families().at(name)->series.at({});
}

TEST(ProcessMetrics, RegistersTheStandardNamesWithValuesFromProc) {
  metrics::Registry registry;
  ASSERT_TRUE(metrics::add_process_metrics(registry));
  EXPECT_GT(value_of(registry, "process_resident_memory_bytes"), 0);
  EXPECT_GT(value_of(registry, "process_start_time_seconds"), 1.5e9);
  EXPECT_GE(value_of(registry, "process_cpu_seconds_total"), 0);

  const std::string text = metrics::render_text(registry);
  EXPECT_NE(text.find("# TYPE process_cpu_seconds_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE process_resident_memory_bytes gauge\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE process_start_time_seconds gauge\n"), std::string::npos);
}

TEST(ProcessMetrics, RefreshCpuTimeOnEachCollect) {
  metrics::Registry registry;
  ASSERT_TRUE(metrics::add_process_metrics(registry));
  const double before = value_of(registry, "process_cpu_seconds_total");
  const double start = value_of(registry, "process_start_time_seconds");
  // Burn some CPU time; the kernel counts it in ticks of 10 ms.
  volatile double sink = 0;
  for (int round = 0; round < 200 && value_of(registry, "process_cpu_seconds_total") <= before; ++round) {
    for (int i = 0; i < 1'000'000; ++i) sink = sink + i * 0.5;
    registry.collect();
  }
  EXPECT_GT(value_of(registry, "process_cpu_seconds_total"), before);
  EXPECT_DOUBLE_EQ(value_of(registry, "process_start_time_seconds"), start);
}

TEST(ProcessMetrics, LeaveANameTheProgramAlreadyUsesAlone) {
  metrics::Registry registry;
  auto own = registry.gauge("process_start_time_seconds", "The program's own.");
  ASSERT_TRUE(own);
  own->set(7);
  const auto added = metrics::add_process_metrics(registry);
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, metrics::Error::Code::duplicate_name);
  EXPECT_DOUBLE_EQ(own->value(), 7);
}

}  // namespace
