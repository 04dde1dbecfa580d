// ingest/cli.cpp and ingest/command_support.cpp: the reviewer's options (queue's filters,
// history, --user) and who a decision is recorded for.
#include <gtest/gtest.h>

#include <expected>
#include <string>
#include <utility>
#include <vector>

#include "ingest/cli/cli.h"
#include "ingest/cli/command_support.h"

namespace {

using ingest::cli::CommandLine;
using Args = std::vector<std::string>;

// The command line as parsed, or the usage error's message.
std::expected<CommandLine, std::string> parsed(const Args& args) {
  auto cli = ingest::cli::parse_command_line(args);
  if (!cli) return std::unexpected(cli.error().message);
  return std::move(*cli);
}

TEST(ReviewCommandLine, QueueTakesAnOutletADayAndAll) {
  auto cli = parsed({"queue", "--outlet", "The Moscow Times", "--since", "2026-04-10", "--all", "--json"});
  ASSERT_TRUE(cli.has_value()) << cli.error();
  EXPECT_EQ(cli->command, "queue");
  EXPECT_EQ(cli->outlet, "The Moscow Times");
  ASSERT_TRUE(cli->since.has_value());
  EXPECT_EQ(cli->since->day, "2026-04-10");
  EXPECT_EQ(cli->since->instant, "");
  EXPECT_TRUE(cli->all);
  EXPECT_TRUE(cli->json);
}

TEST(ReviewCommandLine, SinceTakesAFullIso8601TimeAsAnInstantInUtc) {
  for (const char* written : {"2026-04-10T14:05:00+03:00", "2026-04-10T11:05:00Z", "2026-04-10 11:05:00"}) {
    auto cli = parsed({"queue", "--since", written});
    ASSERT_TRUE(cli.has_value() && cli->since.has_value()) << written;
    EXPECT_EQ(cli->since->day, "") << written;
    EXPECT_EQ(cli->since->instant, "2026-04-10T11:05:00Z") << written;
  }
}

TEST(ReviewCommandLine, SinceRefusesWhatIsNotADayOrATime) {
  for (const char* bad : {"yesterday", "2026-04", "2026", "2026-13-01", "10/04/2026", ""}) {
    auto cli = parsed({"queue", "--since", bad});
    ASSERT_FALSE(cli.has_value()) << bad;
    EXPECT_NE(cli.error().find("--since"), std::string::npos) << bad << ": " << cli.error();
  }
}

TEST(ReviewCommandLine, QueueOptionsElsewhereAreUsageErrorsNamingTheOption) {
  const std::vector<std::pair<Args, std::string>> misplaced = {{{"show", "3", "--outlet", "TASS"}, "--outlet"},
                                                              {{"approve", "3", "--all"}, "--all"},
                                                              {{"status", "--since", "2026-04-10"}, "--since"},
                                                              {{"queue", "--user", "ana"}, "--user"},
                                                              {{"approve", "1", "--user", ""}, "--user"}};
  for (const auto& [args, option] : misplaced) {
    auto cli = parsed(args);
    ASSERT_FALSE(cli.has_value()) << option;
    EXPECT_NE(cli.error().find(option), std::string::npos) << cli.error();
  }
}

TEST(ReviewCommandLine, UserBelongsToApproveAndRejectBeforeOrAfterTheIds) {
  EXPECT_EQ(parsed({"approve", "1", "2", "--user", "ana"}).value_or(CommandLine{}).user, "ana");
  EXPECT_EQ(parsed({"reject", "--user", "ana", "1"}).value_or(CommandLine{}).user, "ana");
  EXPECT_EQ(parsed({"reject", "--user=ana", "1"}).value_or(CommandLine{}).user, "ana");
}

TEST(ReviewCommandLine, HistoryTakesAnId) {
  auto cli = parsed({"history", "12", "--json"});
  ASSERT_TRUE(cli.has_value()) << cli.error();
  EXPECT_EQ(cli->command, "history");
  EXPECT_EQ(cli->arguments, Args{"12"});
  EXPECT_TRUE(cli->json);
}

TEST(ReviewHelpText, ListsHistoryAndEachCommandListsItsFilters) {
  EXPECT_NE(ingest::cli::help_text().find("ingest history ID"), std::string::npos);
  auto queue = ingest::cli::parse_command_line({"queue", "--help"});
  ASSERT_TRUE(queue);
  for (const char* text : {"--outlet NAME", "--since DATE", "--all", "--state", "--sort"})
    EXPECT_NE(queue->help.find(text), std::string::npos) << text;
  auto approve = ingest::cli::parse_command_line({"approve", "--help"});
  ASSERT_TRUE(approve);
  EXPECT_NE(approve->help.find("--user NAME"), std::string::npos);
}

TEST(ItemId, IsAPositiveNumberAndNothingElse) {
  EXPECT_EQ(ingest::cli::parse_item_id("12"), 12);
  for (const char* bad : {"0", "-3", "12a", "", " 12", "1e3"})
    EXPECT_EQ(ingest::cli::parse_item_id(bad), std::nullopt) << bad;
}

TEST(DecidingUser, IsTheNameGivenWithUserFirst) {
  EXPECT_EQ(ingest::cli::choose_deciding_user(std::string{"ana"}, "maria", std::string{"root"}, 0), "ana");
}

TEST(DecidingUser, IsThePersonBehindSudoRatherThanRoot) {
  EXPECT_EQ(ingest::cli::choose_deciding_user(std::nullopt, "maria", std::string{"root"}, 0), "maria");
  EXPECT_EQ(ingest::cli::choose_deciding_user(std::nullopt, "", std::string{"root"}, 0), "root");
}

TEST(DecidingUser, IsTheLoginElseTheUid) {
  EXPECT_EQ(ingest::cli::choose_deciding_user(std::nullopt, nullptr, std::string{"luis"}, 1000), "luis");
  EXPECT_EQ(ingest::cli::choose_deciding_user(std::nullopt, nullptr, std::nullopt, 1234), "uid 1234");
}

}  // namespace
