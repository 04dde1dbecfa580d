#pragma once
// What the text exposition format (version 0.0.4) accepts as a metric name, a label name and
// a label value. Pure functions; thread-safe.
#include <string>
#include <string_view>

namespace metrics {

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool is_metric_name(std::string_view name);

// [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__" (Prometheus reserves those for itself).
bool is_label_name(std::string_view name);

// Whether `text` is well-formed UTF-8: no overlong forms, surrogates or code points past
// U+10FFFF.
bool is_valid_utf8(std::string_view text);

// `text` with every ill-formed UTF-8 sequence replaced by U+FFFD. Prometheus refuses a whole
// scrape over one ill-formed label value, and outlet names come from a config file.
std::string to_valid_utf8(std::string_view text);

}  // namespace metrics
