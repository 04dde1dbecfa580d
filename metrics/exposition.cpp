#include "metrics/exposition.h"

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

namespace metrics {
namespace {

std::string_view type_name(MetricType type) {
  switch (type) {
    case MetricType::counter: return "counter";
    case MetricType::gauge: return "gauge";
  }
  return "untyped";
}

// One escaping routine for both contexts: they differ only in whether '"' is special.
std::string escape(std::string_view text, bool quote) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    if (c == '\\') escaped += "\\\\";
    else if (c == '\n') escaped += "\\n";
    else if (c == '"' && quote) escaped += "\\\"";
    else escaped += c;
  }
  return escaped;
}

void append_series(std::string& out, const MetricFamily& family, const std::vector<std::string>& label_values,
                   double value) {
  out += family.name;
  if (!label_values.empty()) {
    out += '{';
    for (std::size_t i = 0; i < label_values.size(); ++i) {
      if (i > 0) out += ',';
      out += family.label_names[i];
      out += "=\"";
      out += escape_label_value(label_values[i]);
      out += '"';
    }
    out += '}';
  }
  out += ' ';
  out += format_value(value);
  out += '\n';
}

}  // namespace

std::string format_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // std::to_chars ignores the locale (printf's "%g" would write "0,5" under de_DE) and its
  // shortest form reads back as the same double.
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (result.ec != std::errc{}) return "NaN";  // cannot happen: 32 bytes hold any double
  return std::string(buffer.data(), result.ptr);
}

std::string escape_label_value(std::string_view value) { return escape(value, true); }

std::string escape_help(std::string_view help) { return escape(help, false); }

std::string render_text(const Registry& registry) {
  std::string out;
  for (const auto& [name, family] : registry.families()) {
    if (family->series.empty()) continue;
    out += "# HELP " + name + " " + escape_help(family->help) + "\n";
    out += "# TYPE " + name + " ";
    out += type_name(family->type);
    out += '\n';
    for (const auto& [label_values, value] : family->series) append_series(out, *family, label_values, value);
  }
  return out;
}

}  // namespace metrics
