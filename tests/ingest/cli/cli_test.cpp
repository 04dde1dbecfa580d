// ingest/cli.cpp: the `ingest` command line (the design's contract).
#include "ingest/cli/cli.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using ingest::cli::CommandLine;
using Args = std::vector<std::string>;

CommandLine parse(const Args& args) {
  auto parsed = ingest::cli::parse_command_line(args);
  if (!parsed) ADD_FAILURE() << "usage error: " << parsed.error().message;
  return parsed.value_or(CommandLine{});
}

std::string usage_error(const Args& args) {
  auto parsed = ingest::cli::parse_command_line(args);
  if (parsed) {
    ADD_FAILURE() << "parsed as command \"" << parsed->command << "\"";
    return {};
  }
  return parsed.error().message;
}

TEST(CommandLine, NothingMeansHelp) {
  CommandLine cli = parse({});
  EXPECT_EQ(cli.command, "");
  EXPECT_TRUE(cli.arguments.empty());
}

TEST(CommandLine, OnceWithConfigAndDatabase) {
  CommandLine cli = parse({"--once", "--config", "etc/feeds.toml", "--db", "/var/lib/ingest.db"});
  EXPECT_EQ(cli.command, "once");
  EXPECT_EQ(cli.config, std::filesystem::path{"etc/feeds.toml"});
  EXPECT_EQ(cli.database, std::filesystem::path{"/var/lib/ingest.db"});
  EXPECT_TRUE(cli.arguments.empty());
}

TEST(CommandLine, OnceAfterItsOptions) {
  CommandLine cli = parse({"--config", "f.toml", "--once"});
  EXPECT_EQ(cli.command, "once");
  EXPECT_EQ(cli.config, std::filesystem::path{"f.toml"});
}

TEST(CommandLine, Run) {
  CommandLine cli = parse({"run", "--config", "f.toml", "--db", "x.db"});
  EXPECT_EQ(cli.command, "run");
  EXPECT_EQ(cli.config, std::filesystem::path{"f.toml"});
  EXPECT_EQ(cli.database, std::filesystem::path{"x.db"});
}

TEST(CommandLine, StatusJson) {
  CommandLine cli = parse({"status", "--json"});
  EXPECT_EQ(cli.command, "status");
  EXPECT_TRUE(cli.json);
}

TEST(CommandLine, StatusWithoutJson) {
  CommandLine cli = parse({"status"});
  EXPECT_EQ(cli.command, "status");
  EXPECT_FALSE(cli.json);
}

TEST(CommandLine, QueueJson) {
  CommandLine cli = parse({"queue", "--json"});
  EXPECT_EQ(cli.command, "queue");
  EXPECT_TRUE(cli.json);
}

TEST(CommandLine, ShowTakesAnId) {
  CommandLine cli = parse({"show", "3"});
  EXPECT_EQ(cli.command, "show");
  EXPECT_EQ(cli.arguments, Args{"3"});
  EXPECT_FALSE(cli.json);
}

TEST(CommandLine, ApproveTakesSeveralIdsAndANote) {
  CommandLine cli = parse({"approve", "1", "2", "--note", "x"});
  EXPECT_EQ(cli.command, "approve");
  EXPECT_EQ(cli.arguments, (Args{"1", "2"}));
  EXPECT_EQ(cli.note, "x");
}

TEST(CommandLine, RejectWithANoteBetweenIds) {
  CommandLine cli = parse({"reject", "4", "--note", "off topic, not an agreement", "5"});
  EXPECT_EQ(cli.command, "reject");
  EXPECT_EQ(cli.arguments, (Args{"4", "5"}));
  EXPECT_EQ(cli.note, "off topic, not an agreement");
}

TEST(CommandLine, ExportWithACorpusFolder) {
  CommandLine cli = parse({"export", "--corpus", "d"});
  EXPECT_EQ(cli.command, "export");
  EXPECT_EQ(cli.corpus, std::filesystem::path{"d"});
  EXPECT_TRUE(cli.arguments.empty());
}

TEST(CommandLine, ImportCorpusTakesAFolder) {
  CommandLine cli = parse({"import-corpus", "d"});
  EXPECT_EQ(cli.command, "import-corpus");
  EXPECT_EQ(cli.arguments, Args{"d"});
}

TEST(CommandLine, ExtractWithUrlJsonAndFiles) {
  CommandLine cli = parse({"extract", "--url", "u", "--json", "a", "b"});
  EXPECT_EQ(cli.command, "extract");
  EXPECT_EQ(cli.url, "u");
  EXPECT_TRUE(cli.json);
  EXPECT_EQ(cli.arguments, (Args{"a", "b"}));
}

TEST(CommandLine, ParseFeedWithUrlAndFile) {
  CommandLine cli = parse({"parse-feed", "--url", "u", "f"});
  EXPECT_EQ(cli.command, "parse-feed");
  EXPECT_EQ(cli.url, "u");
  EXPECT_EQ(cli.arguments, Args{"f"});
}

TEST(CommandLine, FlagJsonWithAFile) {
  CommandLine cli = parse({"flag", "--json", "f"});
  EXPECT_EQ(cli.command, "flag");
  EXPECT_TRUE(cli.json);
  EXPECT_EQ(cli.arguments, Args{"f"});
}

TEST(CommandLine, CheckConfigWithAConfig) {
  CommandLine cli = parse({"check-config", "--config", "f"});
  EXPECT_EQ(cli.command, "check-config");
  EXPECT_EQ(cli.config, std::filesystem::path{"f"});
  EXPECT_TRUE(cli.arguments.empty());
}

TEST(CommandLine, TheProgramsOptionsMayComeBeforeTheCommandItsOwnAfterIt) {
  CommandLine cli = parse({"--db", "x.db", "-v", "extract", "--url", "u", "--json", "a"});
  EXPECT_EQ(cli.command, "extract");
  EXPECT_TRUE(cli.json);
  EXPECT_EQ(cli.database, std::filesystem::path{"x.db"});
  EXPECT_EQ(cli.url, "u");
  EXPECT_EQ(cli.arguments, Args{"a"});
}

TEST(CommandLine, OptionsMayComeAfterTheArguments) {
  CommandLine cli = parse({"flag", "a", "b", "--json"});
  EXPECT_EQ(cli.command, "flag");
  EXPECT_TRUE(cli.json);
  EXPECT_EQ(cli.arguments, (Args{"a", "b"}));
}

TEST(CommandLine, TakesTheLogLevelByNameOrVerboseForDebugAnywhere) {
  EXPECT_EQ(parse({"-v", "status"}).log_level, spdlog::level::debug);
  EXPECT_EQ(parse({"status", "--verbose"}).log_level, spdlog::level::debug);
  EXPECT_FALSE(parse({"status"}).log_level.has_value());
  EXPECT_EQ(parse({"run", "--log-level", "warning"}).log_level, spdlog::level::warn);
  EXPECT_EQ(parse({"run", "--log-level", "off"}).log_level, spdlog::level::off);
  EXPECT_FALSE(ingest::cli::parse_command_line({"run", "--log-level", "loud"}));
}

TEST(CommandLine, HelpIsACommandAndAnOption) {
  EXPECT_EQ(parse({"help"}).command, "help");
  EXPECT_EQ(parse({"--help"}).command, "help");
  EXPECT_EQ(parse({"-h"}).command, "help");
}

TEST(CommandLine, ADashAloneIsAnArgument) {
  CommandLine cli = parse({"flag", "-"});
  EXPECT_EQ(cli.arguments, Args{"-"});
}

TEST(CommandLine, AnUnknownOptionIsAUsageErrorNamingIt) {
  std::string message = usage_error({"status", "--jsn"});
  EXPECT_NE(message.find("--jsn"), std::string::npos) << message;
  message = usage_error({"-x", "status"});
  EXPECT_NE(message.find("-x"), std::string::npos) << message;
}

TEST(CommandLine, TakesTheEqualsFormOfAnOption) {
  CommandLine cli = parse({"status", "--config=f.toml", "--db=x.db"});
  EXPECT_EQ(cli.config, std::filesystem::path{"f.toml"});
  EXPECT_EQ(cli.database, std::filesystem::path{"x.db"});
  EXPECT_EQ(parse({"queue", "--state=approved"}).state, "approved");
}

TEST(CommandLine, ACommandsOptionElsewhereIsAUsageErrorNamingTheCommand) {
  auto parsed = ingest::cli::parse_command_line({"show", "3", "--outlet", "TASS"});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().command, "show");
  EXPECT_NE(parsed.error().message.find("--outlet"), std::string::npos) << parsed.error().message;
}

TEST(CommandLine, CountsEachCommandsArguments) {
  EXPECT_NE(usage_error({"show"}).find("ID is required"), std::string::npos);
  EXPECT_NE(usage_error({"show", "1", "2"}).find("At Most 1"), std::string::npos);
  EXPECT_NE(usage_error({"approve"}).find("ID is required"), std::string::npos);
  EXPECT_NE(usage_error({"queue", "extra"}).find("extra"), std::string::npos);
  EXPECT_EQ(parse({"approve", "1", "2", "3"}).arguments, (Args{"1", "2", "3"}));
}

TEST(CommandLine, QueueTakesAStateAndASortOrderFromTheirLists) {
  CommandLine cli = parse({"queue", "--state", "failed", "--sort", "published"});
  EXPECT_EQ(cli.state, "failed");
  EXPECT_EQ(cli.sort, "published");
  EXPECT_NE(usage_error({"queue", "--state", "pending"}).find("--state"), std::string::npos);
  EXPECT_NE(usage_error({"queue", "--sort", "score"}).find("--sort"), std::string::npos);
}

TEST(CommandLine, ExportMayStartANewCorpus) {
  CommandLine cli = parse({"export", "--corpus", "c", "--new-corpus"});
  EXPECT_TRUE(cli.new_corpus);
  EXPECT_FALSE(parse({"export"}).new_corpus);
}

TEST(CommandLine, HelpForOneCommandListsItsOptionsAndAnExample) {
  CommandLine cli = parse({"queue", "--help"});
  EXPECT_EQ(cli.command, "help");
  EXPECT_NE(cli.help.find("Usage: ingest queue"), std::string::npos) << cli.help;
  EXPECT_NE(cli.help.find("--state"), std::string::npos) << cli.help;
  EXPECT_NE(cli.help.find("example: ingest queue"), std::string::npos) << cli.help;
  EXPECT_EQ(cli.help.find("--note"), std::string::npos) << "another command's option";
  EXPECT_NE(parse({"approve", "-h"}).help.find("--note"), std::string::npos);
}

TEST(CommandLine, VersionSaysTheProgramsTheRulesAndTheSchemasVersions) {
  EXPECT_EQ(parse({"--version"}).command, "version");
  std::string text = ingest::cli::version_text();
  EXPECT_TRUE(text.starts_with("ingest 0.1.0 (topic rules ")) << text;
  EXPECT_NE(text.find(", schema "), std::string::npos) << text;
}

TEST(CommandLine, AnUnknownCommandIsAUsageErrorNamingIt) {
  std::string message = usage_error({"frobnicate"});
  EXPECT_NE(message.find("frobnicate"), std::string::npos) << message;
  message = usage_error({"once"});  // the one-shot pass is spelled --once
  EXPECT_NE(message.find("once"), std::string::npos) << message;
}

TEST(CommandLine, AMissingValueIsAUsageErrorNamingTheOption) {
  for (const char* option : {"--config", "--db", "--corpus", "--url", "--note"}) {
    std::string message = usage_error({"status", option});
    EXPECT_NE(message.find(option), std::string::npos) << option << ": " << message;
  }
  EXPECT_FALSE(ingest::cli::parse_command_line({"approve", "1", "--note"}).has_value());
}

TEST(CommandLine, OnceCannotBeCombinedWithACommandAfterIt) {
  std::string message = usage_error({"run", "--once"});
  EXPECT_NE(message.find("--once"), std::string::npos) << message;
}

TEST(CommandLine, OnceCannotBeCombinedWithACommandBeforeIt) {
  std::string message = usage_error({"--once", "run"});
  EXPECT_NE(message.find("--once"), std::string::npos) << message;
  usage_error({"--once", "status"});
}

TEST(CommandLine, OnceTwiceIsTheSameAsOnce) {
  EXPECT_EQ(parse({"--once", "--once"}).command, "once");
}

TEST(HelpText, ListsEveryCommandOfTheContract) {
  std::string help = ingest::cli::help_text();
  for (const char* command : {"--once", "run", "status", "queue", "show", "approve", "reject", "export",
                              "import-corpus", "extract", "parse-feed", "flag", "check-config"})
    EXPECT_NE(help.find(std::string{"ingest "} + command), std::string::npos) << command;
}

}  // namespace
