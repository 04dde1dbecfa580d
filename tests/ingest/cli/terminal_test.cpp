// ingest/terminal.cpp: what a terminal is allowed, display widths, cutting, tables, styles.
#include "ingest/cli/terminal.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using ingest::cli::Align;
using ingest::cli::Column;
using ingest::cli::Span;
using ingest::cli::Style;
using ingest::cli::Terminal;
using ingest::cli::terminal_for;

bool has_escape(const std::string& text) { return text.find('\x1b') != std::string::npos; }

const Terminal kPipe{};
const Terminal kColourTerminal = terminal_for(true, "xterm-256color", std::nullopt, 40);

TEST(TerminalFor, APipeOrAFileGetsNeitherEscapesNorAWidth) {
  Terminal t = terminal_for(false, "xterm-256color", std::nullopt, 80);
  EXPECT_FALSE(t.emphasis);
  EXPECT_FALSE(t.colour);
  EXPECT_EQ(t.width, std::nullopt);
}

TEST(TerminalFor, ATerminalGetsColourAndItsWidth) {
  Terminal t = terminal_for(true, "xterm-256color", std::nullopt, 120);
  EXPECT_TRUE(t.emphasis);
  EXPECT_TRUE(t.colour);
  EXPECT_EQ(t.width, 120u);
}

TEST(TerminalFor, NoColorSetToAnythingTurnsEveryEscapeOffAndEmptyIsIgnored) {
  for (const char* value : {"1", "yes", "0"}) {
    Terminal t = terminal_for(true, "xterm", std::string_view{value}, 80);
    EXPECT_FALSE(t.colour) << "NO_COLOR=" << value;
    EXPECT_FALSE(t.emphasis) << "NO_COLOR=" << value;
  }
  Terminal empty = terminal_for(true, "xterm", std::string_view{""}, 80);
  EXPECT_TRUE(empty.colour);
  EXPECT_TRUE(empty.emphasis);
}

TEST(TerminalFor, ADumbTerminalOrNoTermGetsNoEscapesAtAll) {
  for (auto term : {std::optional<std::string_view>{"dumb"}, std::optional<std::string_view>{}}) {
    Terminal t = terminal_for(true, term, std::nullopt, 80);
    EXPECT_FALSE(t.emphasis);
    EXPECT_FALSE(t.colour);
  }
}

TEST(DisplayWidth, CountsColumnsNotBytes) {
  EXPECT_EQ(ingest::cli::display_width("Cuba"), 4u);
  EXPECT_EQ(ingest::cli::display_width("Díaz"), 4u);             // precomposed í: two bytes, one column
  EXPECT_EQ(ingest::cli::display_width("Di\xCC\x81" "az"), 4u);  // i + combining acute: no column of its own
  EXPECT_EQ(ingest::cli::display_width("Кубинский"), 9u);
  EXPECT_EQ(ingest::cli::display_width("古巴和俄罗斯"), 12u);       // wide: two columns each
  EXPECT_EQ(ingest::cli::display_width("ＡＢ"), 4u);               // fullwidth Latin
}

TEST(TruncateToWidth, LeavesTextThatFitsAlone) {
  EXPECT_EQ(ingest::cli::truncate_to_width("Cuba", 4), "Cuba");
  EXPECT_EQ(ingest::cli::truncate_to_width("古巴", 4), "古巴");
}

TEST(TruncateToWidth, CutsWideCharactersByColumnsAndEndsWithAnEllipsis) {
  std::string cut = ingest::cli::truncate_to_width("古巴和俄罗斯签署协议", 7);
  EXPECT_EQ(cut, "古巴和…");
  EXPECT_EQ(ingest::cli::display_width(cut), 7u);
  // Six columns leave five before the ellipsis: two wide characters, not two and a half.
  EXPECT_EQ(ingest::cli::truncate_to_width("古巴和俄罗斯签署协议", 6), "古巴…");
}

TEST(TruncateToWidth, KeepsCombiningMarksWithTheirLetterAndNeverSplitsACharacter) {
  EXPECT_EQ(ingest::cli::truncate_to_width("Cafe\xCC\x81 con leche", 5), "Cafe\xCC\x81…");
  EXPECT_EQ(ingest::cli::truncate_to_width("Habana, Ciudad de La Habana", 4), "Hab…");
  EXPECT_EQ(ingest::cli::truncate_to_width("ñññññ", 3), "ññ…");
}

TEST(TerminalSafe, ReplacesEscapesAndBytesThatAreNotUtf8AndKeepsNewlinesAndTabs) {
  EXPECT_EQ(ingest::cli::terminal_safe("a\x1b[31mb"), "a\xEF\xBF\xBD[31mb");
  EXPECT_EQ(ingest::cli::terminal_safe("a\xC2\x9B" "31mb"), "a\xEF\xBF\xBD" "31mb");  // C1 CSI
  EXPECT_EQ(ingest::cli::terminal_safe("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(ingest::cli::terminal_safe("línea\n\tdos"), "línea\n\tdos");
}

TEST(SingleLine, FoldsLineBreaksAndTabsIntoSingleSpaces) {
  EXPECT_EQ(ingest::cli::single_line("  Cuba\n and\t\tRussia \n"), "Cuba and Russia");
}

TEST(Styled, WrapsTextOnlyWhereTheTerminalAllowsIt) {
  EXPECT_EQ(ingest::cli::styled("12", Style::id, kPipe), "12");
  EXPECT_EQ(ingest::cli::styled("12", Style::id, kColourTerminal), "\x1b[33m12\x1b[0m");
  Terminal bold_only = terminal_for(true, "xterm", std::nullopt, 80);
  bold_only.colour = false;  // a terminal that shows bold but not colour
  EXPECT_EQ(ingest::cli::styled("12", Style::id, bold_only), "12") << "a colour is left out without colour";
  EXPECT_EQ(ingest::cli::styled("Cuba", Style::highlight, bold_only), "\x1b[1mCuba\x1b[0m") << "bold stays";
}

TEST(Highlighted, MarksTheSpansOnATerminalAndEscapesTheRest) {
  std::string text = "Cuba y Rusia\x1b firmaron";
  std::vector<Span> spans = {{0, 4}, {7, 12}};
  EXPECT_EQ(ingest::cli::highlighted(text, spans, kColourTerminal),
            "\x1b[1;31mCuba\x1b[0m y \x1b[1;31mRusia\x1b[0m\xEF\xBF\xBD firmaron");
  EXPECT_EQ(ingest::cli::highlighted(text, spans, kPipe), "Cuba y Rusia\xEF\xBF\xBD firmaron");
}

TEST(FormatTable, AlignsColumnsByDisplayWidth) {
  const Column columns[] = {{"ID", Align::right, std::nullopt},
                            {"OUTLET", Align::left, std::nullopt},
                            {"TITLE", Align::left, std::nullopt}};
  std::string table = ingest::cli::format_table(columns, {{"7", "新华社", "A"}, {"12", "TASS", "B"}}, kPipe, true);
  EXPECT_EQ(table,
            "ID  OUTLET  TITLE\n"
            " 7  新华社  A\n"
            "12  TASS    B\n");
}

TEST(FormatTable, CutsTheLastColumnToTheTerminalWidthOnly) {
  const Column columns[] = {{"ID", Align::right, std::nullopt}, {"TITLE", Align::left, std::nullopt}};
  std::vector<std::vector<std::string>> rows = {{"1", "Rusia y Cuba firman un acuerdo de cooperación energética"}};
  Terminal narrow = terminal_for(true, "dumb", std::nullopt, 20);
  std::string cut = ingest::cli::format_table(columns, rows, narrow, true);
  EXPECT_EQ(cut, "ID  TITLE\n 1  Rusia y Cuba fi…\n");
  std::string whole = ingest::cli::format_table(columns, rows, kPipe, true);
  EXPECT_NE(whole.find("cooperación energética"), std::string::npos) << "a pipe gets the whole title";
  EXPECT_NE(ingest::cli::format_table(columns, rows, narrow, false).find("energética"), std::string::npos);
}

TEST(FormatTable, MakesEachCellOneSafeLine) {
  const Column columns[] = {{"TITLE", Align::left, std::nullopt}};
  EXPECT_EQ(ingest::cli::format_table(columns, {{"two\nlines \x1b[2J"}}, kPipe, false),
            "TITLE\ntwo lines \xEF\xBF\xBD[2J\n");
}

TEST(FormatTable, StylesHeadingsAndCellsOnATerminalAndNothingInAPipe) {
  const Column columns[] = {{"ID", Align::right, Style::id}, {"TITLE", Align::left, std::nullopt}};
  std::vector<std::vector<std::string>> rows = {{"3", "Cuba"}};
  EXPECT_FALSE(has_escape(ingest::cli::format_table(columns, rows, kPipe, true)));
  std::string coloured = ingest::cli::format_table(columns, rows, kColourTerminal, true);
  EXPECT_NE(coloured.find("\x1b[1mID\x1b[0m"), std::string::npos) << coloured;
  EXPECT_NE(coloured.find("\x1b[33m 3\x1b[0m"), std::string::npos) << coloured;
}

TEST(Decimal, RoundsToTheGivenPlaces) {
  EXPECT_EQ(ingest::cli::decimal(3.5, 1), "3.5");
  EXPECT_EQ(ingest::cli::decimal(0.926, 2), "0.93");
  EXPECT_EQ(ingest::cli::decimal(6, 1), "6.0");
}

}  // namespace
