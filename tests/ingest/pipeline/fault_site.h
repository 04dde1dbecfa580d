#pragma once
// The scene of the fault tests: a fixture server with two outlets' feeds and their articles,
// a config naming a database and a corpus folder wherever the test puts them (a small file
// system, say), the real `ingest` program, and what a database holds, read back to compare a
// run that met faults with one that met none.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "normalize/seed_format.h"
#include "store/database.h"
#include "tests/support/fixture_server.h"
#include "tests/support/run_program.h"
#include "tests/support/test_files.h"

namespace fault_site {

namespace fs = std::filesystem;


// How one article ended in a database: what the reviewer would see of it.
struct Outcome {
  std::string state;
  std::string body_hash;
  std::string duplicate_of;  // the other item's URL, for a duplicate
  std::string seed_text;
  bool fingerprinted = false;  // in the near-duplicate index
  bool operator==(const Outcome&) const = default;
};

inline std::ostream& operator<<(std::ostream& out, const Outcome& o) {
  return out << o.state << " " << o.body_hash << (o.duplicate_of.empty() ? "" : " of " + o.duplicate_of)
             << (o.fingerprinted ? " fingerprinted" : "");
}

// Article URL -> its outcome, for every item in the database at `file`.
inline std::map<std::string, Outcome> outcomes(const fs::path& file) {
  std::map<std::string, Outcome> out;
  auto db = store::Database::open(file);
  if (!db) throw std::runtime_error(db.error().message);
  auto stmt = db->prepare(
      "SELECT i.canonical_url, i.state, COALESCE(i.body_hash, ''), COALESCE(d.canonical_url, ''), "
      "COALESCE(i.seed_text, ''), EXISTS (SELECT 1 FROM fingerprints f WHERE f.item_id = i.id) "
      "FROM items i LEFT JOIN items d ON d.id = i.duplicate_of");
  if (!stmt) throw std::runtime_error(stmt.error().message);
  while (true) {
    auto row = stmt->step();
    if (!row) throw std::runtime_error(row.error().message);
    if (!*row) break;
    out[stmt->column_text(0)] = Outcome{stmt->column_text(1), stmt->column_text(2), stmt->column_text(3),
                                        stmt->column_text(4), stmt->column_int(5) != 0};
  }
  return out;
}

// "ok", or what PRAGMA integrity_check found wrong.
inline std::string integrity(const fs::path& file) {
  auto db = store::Database::open(file);
  if (!db) return db.error().message;
  auto stmt = db->prepare("PRAGMA integrity_check");
  if (!stmt) return stmt.error().message;
  std::string found;
  while (true) {
    auto row = stmt->step();
    if (!row) return row.error().message;
    if (!*row) break;
    found += (found.empty() ? "" : "; ") + stmt->column_text(0);
  }
  return found;
}

// Runs one SQL statement on the database (a test moving the clock of a retry forward).
inline void execute(const fs::path& file, const std::string& sql) {
  auto db = store::Database::open(file);
  if (!db) throw std::runtime_error(db.error().message);
  if (auto r = db->execute(sql); !r) throw std::runtime_error(r.error().message);
}

// Items a later pass would still fetch: discovered, not failed for good.
inline int pending(const fs::path& file) {
  int count = 0;
  for (const auto& [url, outcome] : outcomes(file)) count += outcome.state == "discovered";
  return count;
}

// The ids of the items a reviewer can approve (stored or flagged), in id order.
inline std::vector<std::string> reviewable_ids(const fs::path& file) {
  auto db = store::Database::open(file);
  if (!db) throw std::runtime_error(db.error().message);
  auto stmt = db->prepare("SELECT id FROM items WHERE state IN ('stored', 'flagged') ORDER BY id");
  if (!stmt) throw std::runtime_error(stmt.error().message);
  std::vector<std::string> ids;
  while (true) {
    auto row = stmt->step();
    if (!row) throw std::runtime_error(row.error().message);
    if (!*row) break;
    ids.push_back(std::to_string(stmt->column_int(0)));
  }
  return ids;
}

// Checks a corpus folder after an export that ended normally: `count` documents numbered from
// 000 without a gap, each whole (it parses as a seed), no temporary left, and a manifest line
// for each.
inline void expect_whole_corpus(const fs::path& folder, std::size_t count) {
  std::set<int> numbers;
  for (const auto& entry : fs::directory_iterator(folder)) {
    std::string name = entry.path().filename().string();
    if (name == "manifest.jsonl") continue;
    int number = normalize::seed_file_number(name);
    ASSERT_GE(number, 0) << "not a corpus document: " << name;
    EXPECT_TRUE(numbers.insert(number).second) << name;
    EXPECT_TRUE(normalize::parse_seed(test_support::read_file(entry.path())).has_value()) << name << " is not whole";
  }
  EXPECT_EQ(numbers.size(), count);
  if (!numbers.empty()) {
    EXPECT_EQ(*numbers.rbegin(), static_cast<int>(count) - 1);
  }
  std::string manifest = test_support::read_file(folder / "manifest.jsonl");
  EXPECT_EQ(static_cast<std::size_t>(std::ranges::count(manifest, '\n')), count);
}

// Every document in `folder` whole, whatever else is there (a temporary an interrupted export
// left, which the next one removes): what must hold at any moment.
inline void expect_no_partial_document(const fs::path& folder) {
  for (const auto& entry : fs::directory_iterator(folder)) {
    std::string name = entry.path().filename().string();
    if (normalize::seed_file_number(name) < 0) continue;
    EXPECT_TRUE(normalize::parse_seed(test_support::read_file(entry.path())).has_value()) << name << " is not whole";
  }
}

class Site {
 public:
  // Serves `articles` articles, split between two outlets, each with an RSS feed. Their texts
  // are made of generated words, all different, so every article is stored as new; a few
  // carry a Cuba–Russia agreement sentence so that some are flagged.
  explicit Site(int articles = 24) : server_(std::make_unique<test_support::FixtureServer>(folder_ / "empty")) {
    std::mt19937 random{20261122};
    std::map<std::string, std::string> feeds;
    for (int i = 0; i < articles; ++i) {
      std::string outlet = i % 2 == 0 ? "wire" : "post";
      std::string path = "/" + outlet + "/2026/11/article-" + std::to_string(i);
      std::string title = "Article " + std::to_string(i) + " " + word(random) + " " + word(random);
      std::string html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
                         "</title><meta property=\"article:published_time\" content=\"2026-11-" +
                         (i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1) +
                         "T08:00:00Z\"></head><body><article><h1>" + title + "</h1>";
      if (i % 6 == 0)
        html += "<p>Cuba and Russia signed an agreement on energy cooperation in Havana on Monday.</p>";
      for (int p = 0; p < 5; ++p) html += "<p>" + sentence(random) + " " + sentence(random) + "</p>";
      html += "</article></body></html>";
      bodies_.push_back({path, html, "text/html; charset=utf-8"});
      feeds[outlet] += "<item><title>" + title + "</title><link>" + server_->origin() + path + "</link></item>";
      paths_.push_back(path);
    }
    for (const auto& [outlet, items] : feeds)
      bodies_.push_back({"/" + outlet + "/feed.xml",
                         "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + outlet + "</title>" + items +
                             "</channel></rss>",
                         "application/rss+xml"});
    serve();
  }

  test_support::FixtureServer& server() { return *server_; }

  // The network goes away: the server closes every connection and stops listening, so a
  // transfer under way breaks off and every new one is refused.
  void take_network_down() { server_.reset(); }
  // The same site at the same address again.
  void bring_network_back() {
    server_ = std::make_unique<test_support::FixtureServer>(folder_ / "empty", port_);
    serve();
  }
  const std::vector<std::string>& article_paths() const { return paths_; }
  const test_support::TempDir& folder() const { return folder_; }

  // Writes the config (in this site's folder) naming `database` and `corpus`, with `store_keys`
  // (TOML lines) added to its [store] table; returns its path.
  fs::path write_config(const fs::path& database, const fs::path& corpus, const std::string& store_keys = "") const {
    fs::path file = folder_ / "config/feeds.toml";
    std::string text = "[store]\ndatabase = \"" + database.string() + "\"\ncorpus = \"" + corpus.string() +
                       "\"\n" + store_keys + "\n[fetch]\nmin_delay = \"0s\"\nretry_delay = \"0s\"\n";
    for (const std::string outlet : {"wire", "post"})
      text += "\n[[outlet]]\nname = \"" + outlet + "\"\nfeeds = [\"" + origin_ + "/" + outlet +
              "/feed.xml\"]\nlanguage = \"en\"\n";
    test_support::write_file(file, text);
    return file;
  }

  // `ingest ARGS...` in this site's folder with the config above.
  std::vector<std::string> command(std::vector<std::string> args, const fs::path& config) const {
    std::vector<std::string> out{test_support::ingest_binary(), "--config", config.string()};
    out.insert(out.end(), args.begin(), args.end());
    return out;
  }

  // A database as a pass without any fault leaves it: the reference the faulty runs must end at.
  std::map<std::string, Outcome> reference() {
    fs::path db = folder_ / "reference.db";
    auto config = write_config(db, folder_ / "reference-corpus");
    auto run = test_support::run_program(command({"--once"}, config), folder_.path());
    EXPECT_EQ(run.exit_status, 0) << run.err;
    return outcomes(db);
  }

 private:
  static std::string word(std::mt19937& random) {
    static const char* syllables[] = {"ka", "lo", "mi", "ren", "sto", "var", "du", "pel", "tor", "qui",
                                      "nam", "ber", "sol", "fa", "gri", "hu", "jen", "zo", "wex", "ya"};
    std::string w;
    for (int n = 2 + static_cast<int>(random() % 2); n > 0; --n) w += syllables[random() % 20];
    return w;
  }
  static std::string sentence(std::mt19937& random) {
    std::string s = word(random);
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    for (int n = 0; n < 14; ++n) s += " " + word(random);
    return s + ".";
  }

  struct Body {
    std::string path, text, type;
  };
  void serve() {
    for (const auto& body : bodies_) server_->set_body(body.path, body.text, body.type);
  }

  test_support::TempDir folder_;
  std::unique_ptr<test_support::FixtureServer> server_;
  std::uint16_t port_ = server_->port();
  std::string origin_ = server_->origin();
  std::vector<std::string> paths_;
  std::vector<Body> bodies_;
};

}  // namespace fault_site
