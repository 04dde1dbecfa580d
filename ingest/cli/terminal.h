#pragma once
// Writing for a person at a terminal: escaping what the store holds, measuring text by the
// columns it takes (CJK takes two, accents none), aligned tables, and styles (bold, colour)
// used only where a terminal shows them. Pure functions of their arguments; only
// stdout_terminal() looks at the process.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "flag/term_spans.h"

namespace ingest::cli {

// What the output may use, decided once per command.
struct Terminal {
  bool emphasis = false;  // bold: on a terminal whose TERM is set and not "dumb"
  bool colour = false;    // colours too: as emphasis, and NO_COLOR is not set
  // Columns to fit long lines into, on a terminal; nullopt: never cut (a pipe, a file).
  std::optional<std::size_t> width;
};

// The decision from the facts, so it can be tested without a terminal. `no_color`: the value
// of NO_COLOR, nullopt when unset (any value, even empty, turns colour off); `term`: TERM's;
// `columns`: the terminal's width when known.
Terminal terminal_for(bool is_tty, std::optional<std::string_view> term, std::optional<std::string_view> no_color,
                      std::optional<std::size_t> columns);
// The decision for this process's stdout: isatty, TERM, NO_COLOR, and the window's width
// (else COLUMNS, else 80).
Terminal stdout_terminal();

// Text made safe for a terminal: C0/C1 control characters (terminal escapes) and invalid
// UTF-8 replaced by U+FFFD; newlines and tabs kept.
std::string terminal_safe(std::string_view text);
// terminal_safe, and every run of whitespace (newlines, tabs) as one space: a table cell.
std::string single_line(std::string_view text);
// The columns `text` (UTF-8) takes on a terminal: East Asian wide and fullwidth characters
// take two, combining marks and format characters none, everything else one.
std::size_t display_width(std::string_view text);
// `text` cut to at most `width` columns, ending in "…" when cut; never splits a character
// or parts a letter from its combining marks.
std::string truncate_to_width(std::string_view text, std::size_t width);

// `value` with `places` decimals ("3.5", "0.93"), as scores and similarities are shown.
std::string decimal(double value, int places);

// heading: bold. id: yellow. outlet: cyan. muted: faint. highlight: bold, and red in colour.
// Without colour, the colours are left out and bold and faint kept.
enum class Style { heading, id, outlet, muted, highlight };
// `text` wrapped in the escape sequences for `style` where the terminal allows them, else
// as it is. `text` must already be safe (terminal_safe).
std::string styled(std::string_view text, Style style, const Terminal& terminal);

// A byte range [begin, end) of a text.
using Span = flag::TextSpan;
// `text` made safe, with the spans (sorted, not overlapping) in Style::highlight.
std::string highlighted(std::string_view text, std::span<const Span> spans, const Terminal& terminal);

enum class Align { left, right };
struct Column {
  std::string heading;
  Align align = Align::left;
  std::optional<Style> style;  // of its cells
};
// Rows of cells (one per column, made single_line here) under their headings, each column
// as wide as its widest cell, two spaces apart. The last column is not padded; when
// `cut_last` and the terminal has a width, its cells are cut so every line fits (but keep at
// least a few columns).
std::string format_table(std::span<const Column> columns, const std::vector<std::vector<std::string>>& rows,
                         const Terminal& terminal, bool cut_last);

}  // namespace ingest::cli
