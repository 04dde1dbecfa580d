#include "ingest/cli/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "normalize/text.h"

namespace ingest::cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026, one column
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::size_t kSeparator = 2;  // spaces between two columns
// A cut title keeps at least this much, even on a terminal too narrow for the other columns:
// a line that wraps is better than a title reduced to "…".
constexpr std::size_t kMinimumLastColumn = 12;

// Walks the code points of UTF-8 text: `visit(code_point, bytes)`; invalid sequences come as
// a negative code point.
template <typename Visit>
void for_each_code_point(std::string_view text, Visit&& visit) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    visit(c, text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
}

std::size_t code_point_width(UChar32 c) {
  if (c < 0) return 1;  // shown as U+FFFD
  if (c < 0x300) return c < 0x20 || (c >= 0x7F && c < 0xA0) ? 0 : 1;  // Latin: no lookups
  auto category = U_MASK(u_charType(c));
  // Combining marks sit on the letter before them; format characters (zero-width joiner,
  // soft hyphen) and Hangul's medial and final jamo are not drawn on their own.
  if (category & (U_GC_MN_MASK | U_GC_ME_MASK | U_GC_CF_MASK)) return 0;
  if (c >= 0x1160 && c <= 0x11FF) return 0;
  auto east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

std::string_view sequence(Style style, const Terminal& terminal) {
  switch (style) {
    case Style::heading: return "\x1b[1m";
    case Style::muted: return "\x1b[2m";
    case Style::id: return terminal.colour ? "\x1b[33m" : "";
    case Style::outlet: return terminal.colour ? "\x1b[36m" : "";
    case Style::highlight: return terminal.colour ? "\x1b[1;31m" : "\x1b[1m";
  }
  return "";
}

std::optional<std::string_view> environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::optional<std::string_view>{value} : std::nullopt;
}

std::optional<std::size_t> window_columns() {
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  // A terminal that does not say (some serial consoles, `script`): the shell's idea of it.
  if (auto columns = environment("COLUMNS")) {
    std::size_t value = 0;
    auto [end, ec] = std::from_chars(columns->data(), columns->data() + columns->size(), value);
    if (ec == std::errc{} && end == columns->data() + columns->size() && value > 0) return value;
  }
  return 80;
}

std::string padded(std::string_view text, std::size_t width, Align align) {
  std::size_t used = display_width(text);
  std::string fill(width > used ? width - used : 0, ' ');
  return align == Align::right ? fill + std::string{text} : std::string{text} + fill;
}

}  // namespace

Terminal terminal_for(bool is_tty, std::optional<std::string_view> term, std::optional<std::string_view> no_color,
                      std::optional<std::size_t> columns) {
  Terminal terminal;
  if (!is_tty) return terminal;
  // No TERM, or "dumb" (Emacs' shell, some CI logs): a terminal that shows escapes as text.
  terminal.emphasis = term && !term->empty() && *term != "dumb";
  // NO_COLOR (no-color.org), set and not empty: no escape at all. The convention names only
  // colour, but people who set it were surprised by bold; a plain listing loses nothing.
  if (no_color && !no_color->empty()) terminal.emphasis = false;
  terminal.colour = terminal.emphasis;
  terminal.width = columns;
  return terminal;
}

Terminal stdout_terminal() {
  bool is_tty = ::isatty(STDOUT_FILENO) == 1;
  return terminal_for(is_tty, environment("TERM"), environment("NO_COLOR"),
                      is_tty ? window_columns() : std::nullopt);
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](UChar32 c, std::string_view bytes) {
    // C0 controls but newline and tab, DEL, C1 controls (ESC and CSI start terminal escapes),
    // and bytes that are not UTF-8.
    bool control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c < 0xA0);
    out += control ? kReplacement : bytes;
  });
  return out;
}

std::string single_line(std::string_view text) { return normalize::collapse_whitespace(terminal_safe(text)); }

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for_each_code_point(text, [&](UChar32 c, std::string_view) { width += code_point_width(c); });
  return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string{text};
  if (width == 0) return {};
  std::string out;
  std::size_t used = 0;
  bool full = false;
  // One column is kept for the ellipsis. Zero-width code points after the last letter kept
  // are its marks, and stay with it.
  for_each_code_point(text, [&](UChar32 c, std::string_view bytes) {
    if (full) return;
    std::size_t w = code_point_width(c);
    if (used + w > width - 1) {
      full = true;
      return;
    }
    used += w;
    out += c < 0 ? kReplacement : bytes;
  });
  return out + std::string{kEllipsis};
}

std::string decimal(double value, int places) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", places, value);
  return buffer;
}

std::string styled(std::string_view text, Style style, const Terminal& terminal) {
  std::string_view start = terminal.emphasis ? sequence(style, terminal) : std::string_view{};
  if (start.empty() || text.empty()) return std::string{text};
  return std::string{start} + std::string{text} + std::string{kReset};
}

std::string highlighted(std::string_view text, std::span<const Span> spans, const Terminal& terminal) {
  std::string out;
  std::size_t at = 0;
  for (const Span& span : spans) {
    if (span.begin < at || span.end > text.size() || span.begin >= span.end) continue;
    out += terminal_safe(text.substr(at, span.begin - at));
    out += styled(terminal_safe(text.substr(span.begin, span.end - span.begin)), Style::highlight, terminal);
    at = span.end;
  }
  return out + terminal_safe(text.substr(at));
}

std::string format_table(std::span<const Column> columns, const std::vector<std::vector<std::string>>& rows,
                         const Terminal& terminal, bool cut_last) {
  if (columns.empty()) return {};
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size());
  std::vector<std::size_t> widths;
  for (const auto& column : columns) widths.push_back(display_width(column.heading));
  for (const auto& row : rows) {
    auto& line = cells.emplace_back();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      line.push_back(single_line(i < row.size() ? row[i] : std::string{}));
      widths[i] = std::max(widths[i], display_width(line.back()));
    }
  }
  const std::size_t last = columns.size() - 1;
  if (cut_last && terminal.width) {
    std::size_t before = 0;
    for (std::size_t i = 0; i < last; ++i) before += widths[i] + kSeparator;
    std::size_t room = *terminal.width > before ? *terminal.width - before : 0;
    room = std::max(room, kMinimumLastColumn);
    for (auto& line : cells) line[last] = truncate_to_width(line[last], room);
  }
  auto format_line = [&](const std::vector<std::string>& line, bool heading) {
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      std::string cell = i == last && columns[i].align == Align::left ? line[i]
                                                                       : padded(line[i], widths[i], columns[i].align);
      if (heading) out += styled(cell, Style::heading, terminal);
      else if (columns[i].style) out += styled(cell, *columns[i].style, terminal);
      else out += cell;
      if (i != last) out += std::string(kSeparator, ' ');
    }
    return out + "\n";
  };
  std::vector<std::string> headings;
  for (const auto& column : columns) headings.push_back(single_line(column.heading));
  std::string out = format_line(headings, true);
  for (const auto& line : cells) out += format_line(line, false);
  return out;
}

}  // namespace ingest::cli
