// The single-stage commands (extract, flag) on input that is not what they expect, through
// the real program: each bad file gets one line naming it and what is wrong, the others are
// judged, the exit status says something failed; nothing is cut short without a word.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <string>

#include "tests/support/run_program.h"
#include "tests/support/test_files.h"

namespace {

namespace fs = std::filesystem;
using test_support::TempDir;

test_support::ProgramRun ingest(const TempDir& dir, std::vector<std::string> args) {
  return test_support::run_ingest(std::move(args), dir.path());
}

std::string stdout_of(const TempDir& dir) { return test_support::read_file(dir / "stdout"); }
std::string stderr_of(const TempDir& dir) { return test_support::read_file(dir / "stderr"); }

TEST(FlagInput, RefusesEmptyBinaryAndNonTextInputAndJudgesTheRest) {
  TempDir dir;
  fs::create_directories(dir / "files");
  test_support::write_file(dir / "files/empty.txt", "");
  test_support::write_file(dir / "files/blank.txt", "  \n\n\t\n");
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise += static_cast<char>((i * 7919 + 13) % 256);
  test_support::write_file(dir / "files/random.bin", noise);
  test_support::write_file(dir / "files/latin1.txt", "Cuba y Rusia firmaron un acuerdo en La Habana \xe9l\n");
  test_support::write_file(dir / "files/good.txt", "Cuba and Russia signed an agreement on oil supplies.\n");
  const std::string elf = test_support::ingest_binary();
  auto run = ingest(dir, {"flag", (dir / "files/empty.txt").string(), (dir / "files/blank.txt").string(),
                          (dir / "files/random.bin").string(), elf, (dir / "files").string(),
                          (dir / "files/latin1.txt").string(), (dir / "files/good.txt").string()});
  EXPECT_EQ(run.exit_status, 1);
  std::string err = stderr_of(dir);
  EXPECT_NE(err.find((dir / "files/empty.txt").string() + ": empty, no text to judge"), std::string::npos) << err;
  EXPECT_NE(err.find((dir / "files/blank.txt").string() + ": empty, no text to judge"), std::string::npos) << err;
  EXPECT_NE(err.find((dir / "files/random.bin").string() + ": binary data (a NUL byte), not text"), std::string::npos)
      << err;
  EXPECT_NE(err.find(elf + ": binary data (a NUL byte), not text"), std::string::npos) << err;
  EXPECT_NE(err.find((dir / "files").string() + ": is a folder, not a file"), std::string::npos) << err;
  EXPECT_NE(err.find((dir / "files/latin1.txt").string() + ": not UTF-8 text (an invalid byte at offset 46)"),
            std::string::npos)
      << err;
  // One verdict, for the one file that is text; no "not flagged" for the others.
  std::string out = stdout_of(dir);
  EXPECT_EQ(out.find("empty.txt"), std::string::npos) << out;
  EXPECT_EQ(out.find("random.bin"), std::string::npos) << out;
  EXPECT_NE(out.find((dir / "files/good.txt").string() + ": flagged"), std::string::npos) << out;
}

TEST(ExtractInput, ATwentyMegabyteParagraphCutAtTheParsersLimitIsSaidToBeTruncated) {
  TempDir dir;
  std::string words;
  words.reserve(20'000'000);
  while (words.size() < 20'000'000) words += "palabra ";
  test_support::write_file(dir / "huge.html", "<html><body><article><h1>Long</h1><p>" + words +
                                                  "the end of a long paragraph.</p></article></body></html>");
  auto text = ingest(dir, {"extract", (dir / "huge.html").string()});
  EXPECT_EQ(text.exit_status, 0);  // what was read is printed
  EXPECT_EQ(stderr_of(dir), "ingest: " + (dir / "huge.html").string() +
                                ": the text is cut short: the HTML parser stopped at its size limit\n");
  auto run = ingest(dir, {"extract", "--json", (dir / "huge.html").string()});
  ASSERT_EQ(run.exit_status, 0) << stderr_of(dir);
  auto article = boost::json::parse(stdout_of(dir)).as_object();
  EXPECT_EQ(article.at("truncated"), boost::json::value(true));
  EXPECT_LT(article.at("body").as_string().size(), 20'000'000u);
}

TEST(ExtractInput, AnOrdinaryPageIsNotTruncated) {
  TempDir dir;
  auto run = ingest(dir, {"extract", "--json", test_support::source_path("tests/fixtures/site/broken/fine-article").string()});
  ASSERT_EQ(run.exit_status, 0) << stderr_of(dir);
  EXPECT_EQ(boost::json::parse(stdout_of(dir)).as_object().at("truncated"), boost::json::value(false));
}

}  // namespace
