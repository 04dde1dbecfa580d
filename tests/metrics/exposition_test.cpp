// metrics/exposition.cpp: the text a scrape returns, byte for byte.
#include "metrics/exposition.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <locale>

#include "metrics/registry.h"

namespace {

TEST(Exposition, PrintsHelpTypeAndOneLinePerSeries) {
  metrics::Registry registry;
  auto fetches = registry.counter_family("ingest_fetches_total", "Fetches by outcome.", {"outlet", "outcome"});
  ASSERT_TRUE(fetches);
  fetches->with({"Granma", "ok"}).increment(3);
  fetches->with({"Granma", "timeout"}).increment();

  EXPECT_EQ(metrics::render_text(registry),
            "# HELP ingest_fetches_total Fetches by outcome.\n"
            "# TYPE ingest_fetches_total counter\n"
            "ingest_fetches_total{outlet=\"Granma\",outcome=\"ok\"} 3\n"
            "ingest_fetches_total{outlet=\"Granma\",outcome=\"timeout\"} 1\n");
}

TEST(Exposition, OrdersFamiliesByNameAndSeriesByLabelValues) {
  metrics::Registry registry;
  auto lag = registry.gauge_family("ingest_source_lag_seconds", "Lag.", {"outlet"});
  auto queue = registry.gauge("ingest_queue_length", "Queue.");
  auto items = registry.gauge_family("ingest_items", "Items.", {"state"});
  ASSERT_TRUE(lag && queue && items);
  lag->with({"TASS"}).set(5);
  lag->with({"Granma"}).set(60);
  lag->with({"Cubadebate"}).set(0.5);
  items->with({"stored"}).set(10);
  items->with({"flagged"}).set(2);
  queue->set(2);

  EXPECT_EQ(metrics::render_text(registry),
            "# HELP ingest_items Items.\n"
            "# TYPE ingest_items gauge\n"
            "ingest_items{state=\"flagged\"} 2\n"
            "ingest_items{state=\"stored\"} 10\n"
            "# HELP ingest_queue_length Queue.\n"
            "# TYPE ingest_queue_length gauge\n"
            "ingest_queue_length 2\n"
            "# HELP ingest_source_lag_seconds Lag.\n"
            "# TYPE ingest_source_lag_seconds gauge\n"
            "ingest_source_lag_seconds{outlet=\"Cubadebate\"} 0.5\n"
            "ingest_source_lag_seconds{outlet=\"Granma\"} 60\n"
            "ingest_source_lag_seconds{outlet=\"TASS\"} 5\n");
  // The same registry renders the same text every time.
  EXPECT_EQ(metrics::render_text(registry), metrics::render_text(registry));
}

TEST(Exposition, EscapesBackslashQuoteAndNewlineInLabelValues) {
  metrics::Registry registry;
  auto fetches = registry.counter_family("fetches_total", "Fetches.", {"outlet"});
  ASSERT_TRUE(fetches);
  fetches->with({"a\\b \"c\"\nd"}).increment();

  EXPECT_EQ(metrics::render_text(registry),
            "# HELP fetches_total Fetches.\n"
            "# TYPE fetches_total counter\n"
            "fetches_total{outlet=\"a\\\\b \\\"c\\\"\\nd\"} 1\n");
}

TEST(Exposition, EscapesBackslashAndNewlineButNotQuotesInHelp) {
  EXPECT_EQ(metrics::escape_help("C:\\ \"x\"\ny"), "C:\\\\ \"x\"\\ny");
  EXPECT_EQ(metrics::escape_label_value("C:\\ \"x\"\ny"), "C:\\\\ \\\"x\\\"\\ny");
}

TEST(Exposition, KeepsUtf8LabelValuesAndRepairsIllFormedOnes) {
  metrics::Registry registry;
  auto fetches = registry.counter_family("fetches_total", "Fetches.", {"outlet"});
  ASSERT_TRUE(fetches);
  fetches->with({"Министерство"}).increment();
  fetches->with({"Radio Habana \xff"}).increment();

  EXPECT_EQ(metrics::render_text(registry),
            "# HELP fetches_total Fetches.\n"
            "# TYPE fetches_total counter\n"
            "fetches_total{outlet=\"Radio Habana \xEF\xBF\xBD\"} 1\n"
            "fetches_total{outlet=\"Министерство\"} 1\n");
}

TEST(Exposition, LeavesOutALabelledFamilyWithoutSeriesButShowsAnUnlabelledOneAtZero) {
  metrics::Registry registry;
  ASSERT_TRUE(registry.counter_family("fetches_total", "Fetches.", {"outlet"}));
  ASSERT_TRUE(registry.counter("ingest_flagged_total", "Flagged."));

  EXPECT_EQ(metrics::render_text(registry),
            "# HELP ingest_flagged_total Flagged.\n"
            "# TYPE ingest_flagged_total counter\n"
            "ingest_flagged_total 0\n");
}

TEST(Exposition, IsEmptyForAnEmptyRegistry) {
  metrics::Registry registry;
  EXPECT_EQ(metrics::render_text(registry), "");
}

TEST(Exposition, FormatsValuesAsPrometheusParsesThem) {
  EXPECT_EQ(metrics::format_value(0), "0");
  EXPECT_EQ(metrics::format_value(42), "42");
  EXPECT_EQ(metrics::format_value(-3), "-3");
  EXPECT_EQ(metrics::format_value(0.25), "0.25");
  EXPECT_EQ(metrics::format_value(1712345678.5), "1712345678.5");
  EXPECT_EQ(metrics::format_value(123456789012), "123456789012");
  EXPECT_EQ(metrics::format_value(1e21), "1e+21");
  EXPECT_EQ(metrics::format_value(1e-7), "1e-07");
  EXPECT_EQ(metrics::format_value(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(metrics::format_value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(metrics::format_value(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(metrics::format_value(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(Exposition, FormatsValuesTheSameUnderADecimalCommaLocale) {
  // A locale whose decimal point is a comma, built in place so the test needs none installed.
  struct CommaPoint : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
  };
  const std::locale previous = std::locale::global(std::locale(std::locale::classic(), new CommaPoint));
  const std::string formatted = metrics::format_value(0.5);
  std::locale::global(previous);
  EXPECT_EQ(formatted, "0.5");
}

TEST(Exposition, NamesItsContentType) {
  EXPECT_EQ(metrics::kExpositionContentType, "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace
