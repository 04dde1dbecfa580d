// The real `ingest` program, run as a new user would, against the fixture server and a real
// SQLite file: the command-line contract of docs/operations.md.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdlib>
#include <sys/wait.h>

#include "normalize/seed_format.h"
#include "tests/support/fixture_server.h"
#include "tests/support/test_files.h"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using test_support::read_file;
using test_support::TempDir;

struct Outcome {
  int status = -1;
  std::string out, err;
  std::vector<std::string> error_lines() const {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < err.size()) {
      auto end = err.find('\n', start);
      if (end == std::string::npos) end = err.size();
      std::string line = err.substr(start, end - start);
      // Log lines start with a UTC timestamp when stderr is not the journal.
      if (line.size() > 21 && line[4] == '-' && line[10] == 'T' && line[20] == ' ') line = line.substr(21);
      if (line.starts_with("error ") || line.starts_with("ingest: ")) lines.push_back(line);
      start = end + 1;
    }
    return lines;
  }
};

using test_support::shell_quote;

class ProgramTest : public ::testing::Test {
 protected:
  ProgramTest() : server_(test_support::source_path("tests/fixtures/site")) {}

  // Runs `ingest ARGS...` in the test's folder; stdout and stderr are captured separately.
  Outcome ingest(const std::vector<std::string>& args) {
    std::string command = "cd " + shell_quote(dir_.path().string()) + " && " +
                          shell_quote(std::string{INGEST_BINARY_DIR} + "/ingest/ingest");
    for (const auto& a : args) command += " " + shell_quote(a);
    command += " >" + shell_quote((dir_ / "out").string()) + " 2>" + shell_quote((dir_ / "err").string());
    Outcome run;
    int raw = std::system(command.c_str());
    run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    run.out = read_file(dir_ / "out");
    run.err = read_file(dir_ / "err");
    return run;
  }

  // The demo config plus, optionally, an outlet of broken things.
  void write_config(bool with_broken_outlet) {
    std::string text = read_file(test_support::source_path("tests/fixtures/site/feeds.toml.in"));
    // Retries of failing sources without the real backoff's wait.
    const std::string delay_line = "min_delay = \"0s\"";
    text.replace(text.find(delay_line), delay_line.size(), delay_line + "\nretry_delay = \"10ms\"");
    if (with_broken_outlet)
      text += "\n[[outlet]]\nname = \"Broken\"\nfeeds = [\"{{origin}}/broken/feed.xml\", "
              "\"{{origin}}/broken/rss.xml\"]\n";
    text = test_support::with_origin(text, server_.origin());
    test_support::write_file(dir_ / "config/feeds.toml", text);
  }

  test_support::FixtureServer server_;
  TempDir dir_;
};

TEST_F(ProgramTest, PrintsHelpWhenRunAlone) {
  Outcome run = ingest({});
  EXPECT_EQ(run.status, 0);
  EXPECT_NE(run.out.find("ingest --once"), std::string::npos);
}

TEST_F(ProgramTest, RejectsBadUsageWithStatusTwo) {
  EXPECT_EQ(ingest({"frobnicate"}).status, 2);
  EXPECT_EQ(ingest({"queue", "--bogus"}).status, 2);
  EXPECT_EQ(ingest({"show"}).status, 2);
}

TEST_F(ProgramTest, OnceQueuesTheSeedArticlesAndReportsEachBrokenThingOnce) {
  write_config(true);
  Outcome once = ingest({"--once"});
  ASSERT_EQ(once.status, 0) << once.err;
  // One line each: the malformed feed, the 404 page, the PDF.
  // Fetches run concurrently, so the lines come in any order: each is found by what it names.
  auto errors = once.error_lines();
  ASSERT_EQ(errors.size(), 3u) << once.err;
  auto line_naming = [&](std::string_view what) {
    for (const auto& line : errors)
      if (line.find(what) != std::string::npos) return line;
    return std::string{};
  };
  EXPECT_NE(line_naming("broken/feed.xml").find("line 13"), std::string::npos) << once.err;
  EXPECT_NE(line_naming("missing-article").find("kind=http_4xx"), std::string::npos) << once.err;
  EXPECT_NE(line_naming("report.pdf").find("kind=not_html"), std::string::npos) << once.err;
  EXPECT_TRUE(fs::exists(dir_ / "var/ingest.db")) << "the database defaults to var/ingest.db";

  Outcome queue = ingest({"queue", "--json", "--sort", "published"});
  ASSERT_EQ(queue.status, 0) << queue.err;
  json::value items = json::parse(queue.out);
  ASSERT_EQ(items.as_array().size(), 5u);
  for (const auto& item : items.as_array()) {
    const auto& o = item.as_object();
    for (const char* key : {"id", "outlet", "title", "url", "published", "score", "evidence"})
      EXPECT_TRUE(o.contains(key)) << key;
    EXPECT_GE(o.at("score").to_number<double>(), 1.0);
    EXPECT_FALSE(o.at("evidence").as_array().empty());
  }
  // Newest first.
  EXPECT_EQ(items.as_array()[0].at("title").as_string(), "Russia Eyes Management of Cuba's Industrial Production");

  Outcome again = ingest({"--once"});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find("new=0"), std::string::npos) << again.err;
  EXPECT_EQ(json::parse(ingest({"queue", "--json"}).out).as_array().size(), 5u);
}

TEST_F(ProgramTest, StatusShowsSourcesAndCountsByState) {
  write_config(false);
  server_.set_status("/radiohc/en/rss.xml", 503);
  ASSERT_EQ(ingest({"--once"}).status, 0);
  Outcome status = ingest({"status", "--json"});
  ASSERT_EQ(status.status, 0) << status.err;
  json::object o = json::parse(status.out).as_object();
  // Seven configured, and the three sitemaps of an index that were read.
  ASSERT_EQ(o.at("sources").as_array().size(), 10u);
  int failing = 0;
  for (const auto& source : o.at("sources").as_array()) {
    const auto& s = source.as_object();
    for (const char* key : {"outlet", "url", "last_ok", "last_error", "next_check"})
      EXPECT_TRUE(s.contains(key)) << key;
    if (!s.at("last_error").is_null()) ++failing;
  }
  EXPECT_EQ(failing, 1);
  EXPECT_EQ(o.at("items").at("flagged").as_int64(), 4);
  EXPECT_EQ(o.at("items").at("stored").as_int64(), 8);
}

TEST_F(ProgramTest, ReflagJudgesUnreviewedItemsAgainWithTheRulesNowConfigured) {
  write_config(false);
  ASSERT_EQ(ingest({"--once"}).status, 0);
  ASSERT_EQ(ingest({"approve", "2"}).status, 0);
  // Stricter rules: nothing short of the word "treaty" flags now.
  test_support::write_file(dir_ / "config/strict.toml",
                           "name = \"strict\"\nversion = \"2\"\nfirst_party = [\"cuba\"]\n"
                           "second_party = [\"russia\"]\n[[cue]]\nweight = 1.0\nterms = [\"treaty\"]\n");
  std::string config = read_file(dir_ / "config/feeds.toml");
  test_support::write_file(dir_ / "config/feeds.toml", "[flag]\nrules = \"strict.toml\"\n" + config);
  Outcome reflag = ingest({"reflag"});
  ASSERT_EQ(reflag.status, 0) << reflag.err;
  EXPECT_NE(reflag.out.find("reflagged 14 item(s) with strict@2: 0 joined the queue, 4 left it"), std::string::npos)
      << reflag.out;
  Outcome queue = ingest({"queue", "--json", "--sort", "published"});
  ASSERT_EQ(queue.status, 0);
  EXPECT_TRUE(json::parse(queue.out).as_array().empty());
  // The approved item keeps its decision and its verdict.
  Outcome show = ingest({"show", "2", "--json"});
  ASSERT_EQ(show.status, 0);
  EXPECT_EQ(json::parse(show.out).at("state").as_string(), "approved");
  EXPECT_EQ(json::parse(show.out).at("rules").as_string(), "cuba-russia-agreements@6");
}

TEST_F(ProgramTest, ApprovedItemsAreExportedAfterTheSeedsInTheSeedFormat) {
  write_config(false);
  ASSERT_EQ(ingest({"--once"}).status, 0);
  fs::path corpus = dir_ / "corpus";
  fs::create_directories(corpus);
  for (const auto& seed : fs::directory_iterator(test_support::source_path("tests/data/seeds")))
    fs::copy_file(seed.path(), corpus / seed.path().filename());
  Outcome imported = ingest({"import-corpus", corpus.string()});
  ASSERT_EQ(imported.status, 0) << imported.err;
  EXPECT_NE(imported.out.find("registered 004_9b3700362939b385.txt"), std::string::npos);
  json::value known = json::parse(ingest({"import-corpus", corpus.string(), "--json"}).out);
  EXPECT_EQ(known.at("known").as_array().size(), 5u);

  // The five flagged articles repeat the seeds and left the queue at the import; two of the
  // unflagged ones, which a reviewer may still approve, go to the corpus.
  EXPECT_EQ(json::parse(ingest({"queue", "--json"}).out).as_array().size(), 0u);
  json::value queue = json::parse(ingest({"queue", "--all", "--json", "--sort", "published"}).out);
  ASSERT_GE(queue.as_array().size(), 2u);
  std::string first = std::to_string(queue.as_array()[0].at("id").as_int64());
  std::string second = std::to_string(queue.as_array()[1].at("id").as_int64());
  ASSERT_EQ(ingest({"approve", first, second, "--note", "on topic"}).status, 0);
  Outcome exported = ingest({"export", "--corpus", corpus.string()});
  ASSERT_EQ(exported.status, 0) << exported.err;

  std::vector<std::string> names;
  for (const auto& f : fs::directory_iterator(corpus)) names.push_back(f.path().filename().string());
  std::sort(names.begin(), names.end());
  ASSERT_EQ(names.size(), 8u);
  EXPECT_EQ(names[7], "manifest.jsonl");
  EXPECT_TRUE(names[5].starts_with("005_"));
  EXPECT_TRUE(names[6].starts_with("006_"));
  EXPECT_NE(exported.out.find(names[5]), std::string::npos);
  std::string text = read_file(corpus / names[5]);
  auto article = normalize::parse_seed(text);
  ASSERT_TRUE(article) << article.error().message;
  // Files are numbered in publication order: the older of the two (second in the queue,
  // which lists the newest first) is 005.
  EXPECT_EQ(article->title, queue.as_array()[1].at("title").as_string());
  EXPECT_EQ(normalize::render_seed(*article), text);

  Outcome shown = ingest({"show", first, "--json"});
  ASSERT_EQ(shown.status, 0);
  json::object item = json::parse(shown.out).as_object();
  EXPECT_EQ(item.at("state").as_string(), "exported");
  EXPECT_EQ(item.at("decisions").as_array()[0].at("note").as_string(), "on topic");
  // Nothing left to export.
  EXPECT_EQ(ingest({"export", "--corpus", corpus.string()}).out, "");
  json::value again = json::parse(ingest({"export", "--corpus", corpus.string(), "--json"}).out);
  EXPECT_TRUE(again.at("written").as_array().empty());
  EXPECT_FALSE(again.at("manifest_written").as_bool());
}

TEST_F(ProgramTest, ABadConfigIsNamedWithItsLineAndExitsTwo) {
  test_support::write_file(dir_ / "config/feeds.toml",
                           "[[outlet]]\nname = \"X\"\nfeeds = [\"http://example.org/rss\"]\ninterval = \"soon\"\n");
  Outcome run = ingest({"check-config"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("feeds.toml:4: outlet[1].interval"), std::string::npos) << run.err;
  EXPECT_EQ(ingest({"--once"}).status, 2);
}

TEST_F(ProgramTest, ExtractPrintsOneJsonObjectPerFile) {
  fs::path site = test_support::source_path("tests/fixtures/site");
  std::string page = (site / "cubaheadlines/articles/158391").string();
  std::string other = (site / "moscowtimes/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469").string();
  Outcome run = ingest({"extract", "--json", page, other});
  ASSERT_EQ(run.status, 0) << run.err;
  auto newline = run.out.find('\n');
  json::object first = json::parse(run.out.substr(0, newline)).as_object();
  for (const char* key : {"file", "url", "title", "authors", "published", "language", "body"})
    EXPECT_TRUE(first.contains(key)) << key;
  EXPECT_EQ(first.at("file").as_string(), page);
  EXPECT_EQ(first.at("authors").as_array()[0].as_string(), "Richard Morales");
  EXPECT_EQ(first.at("language").as_string(), "en");
  EXPECT_TRUE(first.at("published").as_string().starts_with("2025-09-21T"));
  EXPECT_NE(first.at("body").as_string().find("\n\n"), std::string::npos);
  json::object second = json::parse(run.out.substr(newline + 1)).as_object();
  EXPECT_EQ(second.at("published").as_string(), "2026-04-10T13:47:00+03:00");
}

TEST_F(ProgramTest, ExtractNamesAFileItCannotReadAndGoesOn) {
  fs::path site = test_support::source_path("tests/fixtures/site");
  Outcome run = ingest({"extract", "--json", (site / "broken/report.pdf").string(),
                    (site / "broken/fine-article").string()});
  EXPECT_EQ(run.status, 1);
  ASSERT_EQ(run.error_lines().size(), 1u) << run.err;
  EXPECT_NE(run.err.find("report.pdf"), std::string::npos);
  EXPECT_NE(run.out.find("Madrid"), std::string::npos);
}

TEST_F(ProgramTest, ParseFeedPrintsTheContractFieldsPerEntry) {
  fs::path feed = test_support::source_path("tests/fixtures/site/cubaheadlines/feed.xml");
  std::string text = read_file(feed);
  text = test_support::with_origin(text, "http://127.0.0.1:8931");
  test_support::write_file(dir_ / "feed.xml", text);
  Outcome run = ingest({"parse-feed", (dir_ / "feed.xml").string()});
  ASSERT_EQ(run.status, 0) << run.err;
  std::size_t lines = 0;
  for (std::size_t start = 0, end; (end = run.out.find('\n', start)) != std::string::npos; start = end + 1) {
    json::object entry = json::parse(run.out.substr(start, end - start)).as_object();
    for (const char* key : {"link", "id", "title", "published", "updated", "authors"})
      EXPECT_TRUE(entry.contains(key)) << key;
    EXPECT_TRUE(entry.at("link").as_string().starts_with("http://127.0.0.1:8931/cubaheadlines/articles/"));
    EXPECT_TRUE(entry.at("published").as_string().ends_with("Z"));
    ++lines;
  }
  EXPECT_EQ(lines, 3u);
}

TEST_F(ProgramTest, FlagJudgesSeedFilesAndPlainText) {
  test_support::write_file(dir_ / "plain.txt", "Cuba and China signed a solar energy agreement in Havana.\n");
  std::string seed = test_support::source_path("tests/data/seeds/003_bab5c734186a52be.txt").string();
  Outcome run = ingest({"flag", "--json", seed, (dir_ / "plain.txt").string()});
  ASSERT_EQ(run.status, 0) << run.err;
  auto newline = run.out.find('\n');
  json::object first = json::parse(run.out.substr(0, newline)).as_object();
  EXPECT_EQ(first.at("file").as_string(), seed);
  EXPECT_TRUE(first.at("flagged").as_bool());
  EXPECT_GT(first.at("score").to_number<double>(), 0);
  EXPECT_FALSE(first.at("evidence").as_array().empty());
  json::object second = json::parse(run.out.substr(newline + 1)).as_object();
  EXPECT_FALSE(second.at("flagged").as_bool());
  EXPECT_TRUE(second.at("evidence").as_array().empty());
}

TEST_F(ProgramTest, DiscoverListsTheAdvertisedFeedAndTheSitemapsOfRobotsTxt) {
  write_config(false);
  server_.set_body("/robots.txt",
                   "User-agent: *\nDisallow: /private/\nSitemap: {{origin}}/moscowtimes/sitemap/sitemap.xml\n"
                   "Sitemap: /cibercuba/sitemap-news.xml\n",
                   "text/plain");
  Outcome run = ingest({"discover", "--json", "--config", (dir_ / "config/feeds.toml").string(),
                        server_.origin() + "/moscowtimes/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469"});
  ASSERT_EQ(run.status, 0) << run.err;
  std::vector<json::object> lines;
  for (std::size_t start = 0, end; (end = run.out.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(json::parse(run.out.substr(start, end - start)).as_object());
  ASSERT_EQ(lines.size(), 3u) << run.out;
  EXPECT_EQ(lines[0].at("kind").as_string(), "feed");
  EXPECT_EQ(lines[0].at("type").as_string(), "rss");
  EXPECT_EQ(lines[0].at("url").as_string(), server_.origin() + "/moscowtimes/rss/news.xml");
  EXPECT_EQ(lines[0].at("found").as_string(), "advertised");
  EXPECT_EQ(lines[1].at("url").as_string(), server_.origin() + "/moscowtimes/sitemap/sitemap.xml");
  EXPECT_EQ(lines[2].at("url").as_string(), server_.origin() + "/cibercuba/sitemap-news.xml");
  EXPECT_EQ(lines[2].at("found").as_string(), "robots.txt");
}

TEST_F(ProgramTest, DiscoverTriesTheUsualPlacesWhenAPageAdvertisesNoFeed) {
  write_config(false);
  server_.add_redirect("/feed/", "{{origin}}/radiohc/en/rss.xml", 301);
  Outcome run = ingest({"discover", "--config", (dir_ / "config/feeds.toml").string(),
                        server_.origin() + "/cubaheadlines/articles/158391"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "feed\trss\t" + server_.origin() + "/radiohc/en/rss.xml\t\t(probed)\n");
}

TEST_F(ProgramTest, DiscoverSaysSoWhenThereIsNothing) {
  write_config(false);
  Outcome run = ingest({"discover", "--config", (dir_ / "config/feeds.toml").string(),
                        server_.origin() + "/cubaheadlines/articles/158391"});
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("no feed or sitemap found"), std::string::npos) << run.err;
}

}  // namespace
