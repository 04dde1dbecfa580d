// A reviewer deciding items while `ingest --once` writes to the same database: both real
// processes, one SQLite file. SQLite allows one writer at a time; the store's WAL journal,
// busy timeout and short IMMEDIATE transactions must make each side wait its turn instead of
// failing with "database is locked".
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>
#include <string>
#include <vector>

#include "normalize/seed_format.h"
#include "tests/support/fixture_server.h"
#include "tests/support/test_files.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using test_support::read_file;
using test_support::TempDir;

using test_support::shell_quote;

std::string ingest_binary() { return std::string{INGEST_BINARY_DIR} + "/ingest/ingest"; }

struct Page {
  std::string path, title, body;  // body: paragraphs separated by blank lines
};

std::string html_of(const Page& page, int day) {
  std::string html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + page.title +
                     "</title><meta property=\"article:published_time\" content=\"2026-10-" +
                     (day < 10 ? "0" : "") + std::to_string(day) + "T08:00:00Z\"></head><body><article><h1>" +
                     page.title + "</h1>";
  std::size_t start = 0;
  while (start < page.body.size()) {
    auto end = page.body.find("\n\n", start);
    if (end == std::string::npos) end = page.body.size();
    if (end > start) html += "<p>" + page.body.substr(start, end - start) + "</p>";
    start = end + 2;
  }
  return html + "</article></body></html>";
}

std::string rss_of(const std::string& origin, const std::vector<Page>& pages) {
  std::string rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>";
  for (const auto& page : pages)
    rss += "<item><title>" + page.title + "</title><link>" + origin + page.path + "</link></item>";
  return rss + "</channel></rss>";
}

class ConcurrencyTest : public ::testing::Test {
 protected:
  ConcurrencyTest() : server_(dir_ / "empty") {
    std::string config = "[fetch]\nmin_delay = \"0s\"\n\n[[outlet]]\nname = \"Wire\"\nfeeds = [\"" +
                         server_.origin() + "/feed.xml\"]\nlanguage = \"en\"\n";
    test_support::write_file(dir_ / "config/feeds.toml", config);
  }

  void serve(const std::vector<Page>& pages) {
    for (std::size_t i = 0; i < pages.size(); ++i)
      server_.set_body(pages[i].path, html_of(pages[i], static_cast<int>(i % 28) + 1), "text/html; charset=utf-8");
    server_.set_body("/feed.xml", rss_of(server_.origin(), pages), "application/rss+xml");
  }

  // Runs `ingest ARGS...` to the end; returns the exit status, stderr in `err`.
  int ingest(const std::vector<std::string>& args, std::string* out = nullptr, std::string* err = nullptr) {
    std::string command = "cd " + shell_quote(dir_.path().string()) + " && " + shell_quote(ingest_binary());
    for (const auto& a : args) command += " " + shell_quote(a);
    command += " >" + shell_quote((dir_ / "out").string()) + " 2>" + shell_quote((dir_ / "err").string());
    int raw = std::system(command.c_str());
    if (out) *out = read_file(dir_ / "out");
    if (err) *err = read_file(dir_ / "err");
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  }

  // Starts `ingest --once` in the background with its output in pass.out / pass.err.
  pid_t start_pass() {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, (dir_ / "pass.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, (dir_ / "pass.err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addchdir_np(&actions, dir_.path().c_str());
    std::string binary = ingest_binary();
    std::vector<char*> argv{binary.data(), const_cast<char*>("--once"), nullptr};
    pid_t pid = -1;
    int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
  }

  TempDir dir_;
  test_support::FixtureServer server_;
};

// Real prose to build pages from: the labelled flagging set, so that some pages are flagged.
std::vector<std::string> labelled_bodies() {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(test_support::source_path("tests/data/flagging"))) {
    if (entry.path().extension() != ".txt") continue;
    auto article = normalize::parse_seed(read_file(entry.path()));
    if (article) out.push_back(normalize::plain_text(article->blocks));
  }
  return out;
}

// Distinct texts of ordinary words, so that none is a near duplicate of another and every
// one is stored as a new item: the pass writes as much as it can.
std::string synthetic_body(std::mt19937& random, const std::vector<std::string>& words) {
  std::string body;
  for (int paragraph = 0; paragraph < 5; ++paragraph) {
    for (int w = 0; w < 60; ++w) {
      std::string word = words[random() % words.size()];
      if (w == 0) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      body += word + (w % 12 == 11 ? ". " : " ");
    }
    body += "end.\n\n";
  }
  return body;
}

TEST_F(ConcurrencyTest, DecisionsWhileAPassWritesNeverFindTheDatabaseLocked) {
  auto bodies = labelled_bodies();
  ASSERT_GE(bodies.size(), 80u);
  std::vector<Page> first;
  for (std::size_t i = 0; i < bodies.size(); ++i)
    first.push_back({"/a/first-" + std::to_string(i), "First batch article " + std::to_string(i), bodies[i]});
  serve(first);
  std::string err;
  ASSERT_EQ(ingest({"--once"}, nullptr, &err), 0) << err;
  std::string out;
  ASSERT_EQ(ingest({"queue", "--json"}, &out, &err), 0) << err;
  std::vector<std::int64_t> ids;
  json::value queue = json::parse(out);
  for (const auto& item : queue.as_array()) ids.push_back(item.at("id").to_number<std::int64_t>());
  ASSERT_GE(ids.size(), 20u) << "the labelled set's positives are queued";

  // A second, larger batch; one page answers slowly, so the pass is still running (and
  // writing the pages fetched around it) while the reviewer works.
  std::vector<std::string> vocabulary;
  for (const auto& body : bodies)
    for (std::size_t start = 0; start < body.size();) {
      auto end = body.find_first_of(" \n.,;:\"()", start);
      if (end == std::string::npos) end = body.size();
      if (end - start >= 4 && end - start <= 12) vocabulary.push_back(body.substr(start, end - start));
      start = end + 1;
    }
  std::mt19937 random{7};
  std::vector<Page> second = first;
  for (int i = 0; i < 300; ++i)
    second.push_back({"/a/second-" + std::to_string(i), "Second batch article " + std::to_string(i),
                      synthetic_body(random, vocabulary)});
  serve(second);
  server_.set_delay("/a/second-150", std::chrono::milliseconds{1500});

  pid_t pass = start_pass();
  ASSERT_GT(pass, 0);
  int decisions_during_pass = 0, failures = 0;
  std::string failed;
  int status = 0;
  for (std::size_t round = 0;; ++round) {
    pid_t done = waitpid(pass, &status, WNOHANG);
    if (done == pass) break;
    ASSERT_EQ(done, 0);
    // Each id is decided again and again: a decision may change until the item is exported.
    std::int64_t id = ids[round % ids.size()];
    std::string verb = round % 3 == 0 ? "reject" : "approve";
    if (ingest({verb, std::to_string(id), "--note", "round " + std::to_string(round)}, nullptr, &err) != 0) {
      ++failures;
      failed += err;
    }
    ++decisions_during_pass;
  }
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(dir_ / "pass.err");
  EXPECT_EQ(failures, 0) << failed;
  EXPECT_GE(decisions_during_pass, 10) << "the reviewer worked while the pass ran";
  std::string pass_err = read_file(dir_ / "pass.err");
  EXPECT_EQ(pass_err.find("locked"), std::string::npos) << pass_err;
  EXPECT_EQ(pass_err.find("busy"), std::string::npos) << pass_err;

  // Nothing the pass fetched is lost: every page of both batches is an item.
  ASSERT_EQ(ingest({"status", "--json"}, &out, &err), 0) << err;
  std::int64_t items = 0;
  json::value report = json::parse(out);
  for (const auto& [state, count] : report.at("items").as_object()) items += count.to_number<std::int64_t>();
  EXPECT_EQ(items, static_cast<std::int64_t>(second.size()));
  std::cout << decisions_during_pass << " decisions while the pass ran\n";
}

}  // namespace
