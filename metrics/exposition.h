#pragma once
// The Prometheus text exposition format, version 0.0.4: what a scrape of /metrics returns.
// Pure functions of their arguments; thread-safe as long as the registry is not changed
// meanwhile.
#include <string>
#include <string_view>

#include "metrics/registry.h"

namespace metrics {

// The Content-Type of a rendered exposition.
inline constexpr std::string_view kExpositionContentType = "text/plain; version=0.0.4; charset=utf-8";

// Every family of `registry` in name order: "# HELP", "# TYPE", then one line per series in
// label-value order, each line ending in "\n". A family with labels but no series yet is
// left out, as the official clients do. Does not call the collectors (Registry::collect).
std::string render_text(const Registry& registry);

// A sample value as Prometheus parses it: the shortest decimal that reads back as the same
// double ("1", "0.25", "1e+21"), or "+Inf", "-Inf", "NaN". Independent of the locale.
std::string format_value(double value);

// A label value between its double quotes: backslash, double quote and line feed escaped.
std::string escape_label_value(std::string_view value);

// Help text after "# HELP name ": backslash and line feed escaped.
std::string escape_help(std::string_view help);

}  // namespace metrics
