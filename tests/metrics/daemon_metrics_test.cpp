// metrics/daemon_metrics.cpp: the daemon's metric catalogue, as a scrape shows it.
#include "metrics/daemon_metrics.h"

#include <gtest/gtest.h>

#include <limits>

#include "metrics/exposition.h"

namespace {

TEST(DaemonMetrics, RenderAsTheCatalogueSays) {
  metrics::Registry registry;
  auto daemon = metrics::add_daemon_metrics(registry);
  ASSERT_TRUE(daemon) << daemon.error().message;
  daemon->fetches.with({"Granma", "ok"}).increment();
  daemon->fetches.with({"Granma", "not_modified"}).increment(2);
  daemon->flagged.increment();
  daemon->queue_length.set(1);
  daemon->source_lag.with({"Granma"}).set(12.5);
  daemon->source_lag.with({"TASS"}).set(std::numeric_limits<double>::infinity());
  daemon->last_pass_duration.set(3.25);
  daemon->last_pass_timestamp.set(1712345678);
  metrics::show_item_counts(*daemon, {{"stored", 40}, {"flagged", 1}});

  EXPECT_EQ(metrics::render_text(registry),
            "# HELP ingest_fetches_total Fetches of feeds, sitemaps, pages and articles by outcome.\n"
            "# TYPE ingest_fetches_total counter\n"
            "ingest_fetches_total{outlet=\"Granma\",outcome=\"not_modified\"} 2\n"
            "ingest_fetches_total{outlet=\"Granma\",outcome=\"ok\"} 1\n"
            "# HELP ingest_flagged_total Items flagged for review since the daemon started.\n"
            "# TYPE ingest_flagged_total counter\n"
            "ingest_flagged_total 1\n"
            "# HELP ingest_items Items in the store by state.\n"
            "# TYPE ingest_items gauge\n"
            "ingest_items{state=\"flagged\"} 1\n"
            "ingest_items{state=\"stored\"} 40\n"
            "# HELP ingest_last_pass_duration_seconds Duration of the last pass in seconds.\n"
            "# TYPE ingest_last_pass_duration_seconds gauge\n"
            "ingest_last_pass_duration_seconds 3.25\n"
            "# HELP ingest_last_pass_timestamp_seconds End of the last pass, seconds since the epoch.\n"
            "# TYPE ingest_last_pass_timestamp_seconds gauge\n"
            "ingest_last_pass_timestamp_seconds 1712345678\n"
            "# HELP ingest_queue_length Flagged items awaiting review.\n"
            "# TYPE ingest_queue_length gauge\n"
            "ingest_queue_length 1\n"
            "# HELP ingest_source_lag_seconds Seconds since the source's last successful check (+Inf: never).\n"
            "# TYPE ingest_source_lag_seconds gauge\n"
            "ingest_source_lag_seconds{outlet=\"Granma\"} 12.5\n"
            "ingest_source_lag_seconds{outlet=\"TASS\"} +Inf\n");
}

TEST(DaemonMetrics, ShowItemCountsDropsAStateNoLongerGiven) {
  metrics::Registry registry;
  auto daemon = metrics::add_daemon_metrics(registry);
  ASSERT_TRUE(daemon);
  metrics::show_item_counts(*daemon, {{"discovered", 3}, {"stored", 2}});
  metrics::show_item_counts(*daemon, {{"stored", 5}});
  const auto& series = registry.families().at("ingest_items")->series;
  EXPECT_FALSE(series.contains(std::vector<std::string>{"discovered"}));
  EXPECT_DOUBLE_EQ(series.at({"stored"}), 5);
  EXPECT_EQ(series.size(), 1u);
}

TEST(DaemonMetrics, CannotBeRegisteredTwiceInOneRegistry) {
  metrics::Registry registry;
  ASSERT_TRUE(metrics::add_daemon_metrics(registry));
  const auto again = metrics::add_daemon_metrics(registry);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, metrics::Error::Code::duplicate_name);
}

}  // namespace
