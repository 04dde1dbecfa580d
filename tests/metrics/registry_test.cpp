// metrics/registry.cpp, metric.h and family.cpp: registering families, bumping handles,
// running collectors.
#include "metrics/registry.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace {

using Code = metrics::Error::Code;

TEST(Registry, RefusesAnInvalidMetricName) {
  metrics::Registry registry;
  auto counter = registry.counter("ingest-fetches", "Fetches.");
  ASSERT_FALSE(counter);
  EXPECT_EQ(counter.error().code, Code::invalid_name);
  EXPECT_NE(counter.error().message.find("'ingest-fetches'"), std::string::npos);
}

TEST(Registry, RefusesAnInvalidOrRepeatedLabelName) {
  metrics::Registry registry;
  auto reserved = registry.counter_family("a_total", "A.", {"__name__"});
  ASSERT_FALSE(reserved);
  EXPECT_EQ(reserved.error().code, Code::invalid_name);
  auto repeated = registry.gauge_family("b", "B.", {"outlet", "outlet"});
  ASSERT_FALSE(repeated);
  EXPECT_EQ(repeated.error().code, Code::invalid_name);
  EXPECT_TRUE(registry.families().empty());
}

TEST(Registry, RefusesHelpThatIsNotUtf8) {
  metrics::Registry registry;
  auto gauge = registry.gauge("a", "bad \xff help");
  ASSERT_FALSE(gauge);
  EXPECT_EQ(gauge.error().code, Code::invalid_help);
}

TEST(Registry, RefusesASecondFamilyOfTheSameName) {
  metrics::Registry registry;
  ASSERT_TRUE(registry.counter("ingest_flagged_total", "Flagged."));
  auto again = registry.gauge_family("ingest_flagged_total", "Flagged.", {"outlet"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Code::duplicate_name);
}

TEST(Registry, CountersOnlyGoUp) {
  metrics::Registry registry;
  auto counter = registry.counter("events_total", "Events.");
  ASSERT_TRUE(counter);
  counter->increment();
  counter->increment(2.5);
  counter->increment(-10);
  counter->increment(std::numeric_limits<double>::quiet_NaN());
  EXPECT_DOUBLE_EQ(counter->value(), 3.5);
  counter->advance_to(10);
  counter->advance_to(4);
  EXPECT_DOUBLE_EQ(counter->value(), 10);
}

TEST(Registry, GaugesGoUpAndDownAndCanBeSet) {
  metrics::Registry registry;
  auto gauge = registry.gauge("queue_length", "Queue.");
  ASSERT_TRUE(gauge);
  gauge->increment(5);
  gauge->decrement(2);
  EXPECT_DOUBLE_EQ(gauge->value(), 3);
  gauge->set(-1.5);
  EXPECT_DOUBLE_EQ(gauge->value(), -1.5);
}

TEST(Registry, HandlesOfOneSeriesShareItsValueAndSurviveNewSeries) {
  metrics::Registry registry;
  auto fetches = registry.counter_family("fetches_total", "Fetches.", {"outlet", "outcome"});
  ASSERT_TRUE(fetches);
  metrics::Counter kept = fetches->with({"Granma", "ok"});
  kept.increment();
  // Many more series: the map grows, the kept handle's value does not move.
  for (int i = 0; i < 1000; ++i) fetches->with({"outlet " + std::to_string(i), "ok"}).increment();
  kept.increment();
  EXPECT_DOUBLE_EQ(fetches->with({"Granma", "ok"}).value(), 2);
  EXPECT_EQ(registry.families().at("fetches_total")->series.size(), 1001u);
}

TEST(Registry, CopiesOfAFamilyHandleReachTheSameFamily) {
  metrics::Registry registry;
  auto items = registry.gauge_family("items", "Items.", {"state"});
  ASSERT_TRUE(items);
  metrics::GaugeFamily<1> copy = *items;
  copy.with({"stored"}).set(7);
  EXPECT_DOUBLE_EQ(items->with({"stored"}).value(), 7);
}

TEST(Registry, ClearingAGaugeFamilyDropsItsSeries) {
  metrics::Registry registry;
  auto lag = registry.gauge_family("lag_seconds", "Lag.", {"outlet"});
  ASSERT_TRUE(lag);
  lag->with({"Granma"}).set(1);
  lag->with({"TASS"}).set(2);
  lag->clear();
  lag->with({"TASS"}).set(3);
  const auto& series = registry.families().at("lag_seconds")->series;
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series.begin()->first, std::vector<std::string>{"TASS"});
  EXPECT_DOUBLE_EQ(series.begin()->second, 3);
}

TEST(Registry, RunsEveryCollectorInTheOrderAddedOnEachCollect) {
  metrics::Registry registry;
  std::vector<std::string> calls;
  registry.add_collector([&] { calls.push_back("first"); });
  registry.add_collector([&] { calls.push_back("second"); });
  registry.collect();
  registry.collect();
  EXPECT_EQ(calls, (std::vector<std::string>{"first", "second", "first", "second"}));
}

TEST(Registry, LetsACollectorFillGaugesAtCollectTime) {
  metrics::Registry registry;
  auto queue = registry.gauge("queue_length", "Queue.");
  ASSERT_TRUE(queue);
  int flagged_in_database = 4;
  registry.add_collector([queue = *queue, &flagged_in_database]() mutable {
    queue.set(flagged_in_database);
  });
  registry.collect();
  EXPECT_DOUBLE_EQ(queue->value(), 4);
  flagged_in_database = 6;
  registry.collect();
  EXPECT_DOUBLE_EQ(queue->value(), 6);
}

TEST(Registry, GivesAllHandlesOfSeveralRegistrationsOrTheFirstError) {
  metrics::Registry registry;
  auto both = metrics::all_registered(registry.counter("a_total", "A."), registry.gauge("b", "B."));
  ASSERT_TRUE(both);
  std::get<0>(*both).increment();
  EXPECT_DOUBLE_EQ(std::get<0>(*both).value(), 1);

  auto failed = metrics::all_registered(registry.counter("c_total", "C."), registry.gauge("a_total", "Again."),
                                        registry.gauge("bad name", "D."));
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, Code::duplicate_name);  // the first by position, not "bad name"
}

}  // namespace
