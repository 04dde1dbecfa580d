// The real `ingest export` killed with SIGKILL at every crash point it passes (fault/point.h,
// INGEST_FAULT_KILL_AT=N kills at the N-th), then run again: the corpus folder, the store and
// the manifest must end as one uninterrupted export leaves them, and must be sound in between.
// Real files in a temporary folder, a real SQLite file, the real binary; nothing sleeps.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dedup/minhash.h"
#include "fault/kill_plan.h"
#include "normalize/article.h"
#include "normalize/seed_format.h"
#include "normalize/timestamp.h"
#include "store/corpus.h"
#include "store/discovery.h"
#include "store/items.h"
#include "store/manifest.h"
#include "store/review.h"
#include "store/store.h"
#include "tests/support/run_program.h"
#include "tests/support/test_files.h"

namespace {

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::TempDir;

// Every crash point one export of new items passes when nothing needs adopting; each must be
// reached, and killed at, by the sweep.
const std::set<std::string> kWritePoints = {
    "export.temp_written", "export.temp_synced", "export.renamed",        "export.folder_synced",
    "export.before_commit", "export.committed",  "manifest.before_write", "manifest.temp_written",
    "manifest.temp_synced", "manifest.renamed",  "manifest.written"};
const std::set<std::string> kAdoptionPoints = {"export.adopt_before_commit", "export.adopted"};

// A safety net against a run that never completes; the sweeps need about twenty-five.
constexpr int kMostPoints = 200;

struct ExportRun {
  bool killed = false;
  int exit_status = -1;
  std::string out, err;
  // The crash point named by the "fault: kill at point N <name>" line, when killed.
  std::string killed_at() const {
    const std::string marker = "fault: kill at point ";
    auto at = err.find(marker);
    if (at == std::string::npos) return {};
    auto name_start = err.find(' ', at + marker.size()) + 1;
    return err.substr(name_start, err.find('\n', name_start) - name_start);
  }
};

// One approved item: what the store holds, and the file it must end up in.
struct Planned {
  std::string url;
  std::string title;
  std::optional<std::string> published;
  std::string seed_text;
  std::string file;  // set once the publication order is known
  std::int64_t id = 0;
};

class ExportCrash : public ::testing::Test {
 protected:
  void SetUp() override { build_template(); }

  fs::path template_dir() const { return dir_ / "template"; }

  // A fresh copy of the template: the seeds imported, the items approved, nothing exported.
  fs::path fresh_scenario(const std::string& name) const {
    fs::path scenario = dir_ / name;
    fs::remove_all(scenario);
    fs::copy(template_dir(), scenario, fs::copy_options::recursive);
    return scenario;
  }

  static fs::path snapshot(const fs::path& from, const fs::path& to) {
    fs::remove_all(to);
    fs::copy(from, to, fs::copy_options::recursive);
    return to;
  }

  // Runs `ingest export` on the scenario, in it (no config there: export must need none),
  // with INGEST_FAULT_KILL_AT=kill_at when set and unset otherwise.
  ExportRun export_in(const fs::path& scenario, std::optional<int> kill_at) {
    ++runs_;
    test_support::ProgramRun run = test_support::run_program(
        {test_support::ingest_binary(), "export", "--db", (scenario / "ingest.db").string(),
         "--corpus", (scenario / "corpus").string(), "--new-corpus"},
        scenario, {{fault::kKillAtVariable, kill_at ? std::to_string(*kill_at) : ""}});
    return ExportRun{run.signal == SIGKILL, run.exit_status, std::move(run.out), std::move(run.err)};
  }

  // What must hold after any run, killed or not: every document whole and where the
  // uninterrupted export would have put it, numbers from 000 without a gap or a repeat, the
  // store naming only files that exist, the manifest (if any) whole and naming only files that
  // exist. Leftover temporaries are allowed here; the next run removes them.
  void expect_sound(const fs::path& scenario, const std::string& when) {
    SCOPED_TRACE(when);
    fs::path corpus = scenario / "corpus";
    std::map<int, std::string> documents;
    for (const auto& entry : fs::directory_iterator(corpus)) {
      std::string name = entry.path().filename().string();
      int number = normalize::seed_file_number(name);
      if (number < 0) {
        EXPECT_TRUE(name == "manifest.jsonl" || (name.starts_with(".") && name.ends_with(".tmp"))) << name;
        continue;
      }
      EXPECT_TRUE(documents.emplace(number, name).second) << "number used twice: " << name;
      std::string text = read_file(entry.path());
      EXPECT_TRUE(normalize::parse_seed(text).has_value()) << name << " is not a whole document";
      if (number >= 5) {
        ASSERT_LT(static_cast<std::size_t>(number - 5), planned_.size()) << name;
        const Planned& item = planned_[static_cast<std::size_t>(number - 5)];
        EXPECT_EQ(name, item.file) << "an item out of publication order, or one written twice";
        EXPECT_EQ(text, item.seed_text) << name;
      }
    }
    int expected_number = 0;
    for (const auto& [number, name] : documents) EXPECT_EQ(number, expected_number++) << "gap before " << name;

    auto db = store::open_store(scenario / "ingest.db");
    ASSERT_TRUE(db.has_value()) << db.error().message;
    for (const auto& item : planned_) {
      auto record = store::find_item(*db, item.id);
      ASSERT_TRUE(record.has_value() && record->has_value());
      const auto& r = **record;
      if (r.state == store::ItemState::exported) {
        EXPECT_EQ(r.corpus_file, item.file);
        EXPECT_TRUE(fs::exists(corpus / item.file)) << "the store names a missing file " << item.file;
      } else {
        EXPECT_EQ(r.state, store::ItemState::approved) << item.url;
      }
    }
    for (std::int64_t id : untouched_) EXPECT_NE(store::find_item(*db, id).value()->state, store::ItemState::exported);

    if (fs::exists(corpus / "manifest.jsonl")) {
      auto entries = store::parse_manifest(read_file(corpus / "manifest.jsonl"));
      ASSERT_TRUE(entries.has_value()) << entries.error().message;
      for (const auto& entry : *entries) EXPECT_TRUE(fs::exists(corpus / entry.file)) << "manifest lists a missing " << entry.file;
    }
  }

  // What must hold after a run that was not killed: all of the above, and everything done:
  // each approved item exactly once, exported and registered; the manifest listing exactly the
  // folder's documents; no temporary left.
  void expect_complete(const fs::path& scenario, const ExportRun& run, const std::string& when) {
    SCOPED_TRACE(when);
    EXPECT_FALSE(run.killed);
    EXPECT_EQ(run.exit_status, 0) << run.err;
    expect_sound(scenario, when);
    fs::path corpus = scenario / "corpus";
    std::vector<std::string> documents;
    for (const auto& entry : fs::directory_iterator(corpus)) {
      std::string name = entry.path().filename().string();
      EXPECT_FALSE(name.ends_with(".tmp")) << "temporary left behind: " << name;
      if (normalize::seed_file_number(name) >= 0) documents.push_back(name);
    }
    std::sort(documents.begin(), documents.end());
    EXPECT_EQ(documents, expected_documents_);

    auto entries = store::parse_manifest(read_file(corpus / "manifest.jsonl"));
    ASSERT_TRUE(entries.has_value()) << entries.error().message;
    std::vector<std::string> listed;
    for (const auto& entry : *entries) listed.push_back(entry.file);
    EXPECT_EQ(listed, documents);
    for (const auto& entry : *entries) {
      if (entry.number < 5) {
        EXPECT_EQ(entry.id, std::nullopt) << entry.file;
        continue;
      }
      EXPECT_EQ(entry.id, planned_[static_cast<std::size_t>(entry.number - 5)].id) << entry.file;
    }

    auto db = store::open_store(scenario / "ingest.db");
    ASSERT_TRUE(db.has_value()) << db.error().message;
    for (const auto& item : planned_) {
      auto record = store::find_item(*db, item.id);
      ASSERT_TRUE(record.has_value() && record->has_value());
      EXPECT_EQ((*record)->state, store::ItemState::exported) << item.url;
    }
    auto registered = db->prepare("SELECT COUNT(*) FROM corpus_files WHERE item_id IS NOT NULL");
    ASSERT_TRUE(registered.has_value() && registered->step().value_or(false));
    EXPECT_EQ(registered->column_int(0), static_cast<std::int64_t>(planned_.size()));
  }

  // Runs export again without a fault and checks that it completes the job.
  void recover(const fs::path& scenario, const std::string& when) {
    ExportRun again = export_in(scenario, std::nullopt);
    expect_complete(scenario, again, when + ", then export again");
  }

  const std::string& planned_file(std::size_t i) const { return planned_[i].file; }

  int runs_ = 0;
  // Seeds imported; three approved items created in an order that is not their publication
  // order (07:00Z written as 10:00+03:00, then 08:00Z, then the undated one); one rejected
  // and one flagged item that must never be exported.
  void build_template() {
    fs::create_directories(template_dir() / "corpus");
    for (const auto& seed : fs::directory_iterator(test_support::source_path("tests/data/seeds")))
      fs::copy_file(seed.path(), template_dir() / "corpus" / seed.path().filename());
    auto db = store::open_store(template_dir() / "ingest.db");
    ASSERT_TRUE(db.has_value()) << db.error().message;
    auto imported = store::import_corpus(*db, template_dir() / "corpus");
    ASSERT_TRUE(imported.has_value() && imported->errors.empty());

    std::vector<Planned> created = {
        {"https://www.themoscowtimes.com/2026/05/02/b-a1", "Eight UTC", "2026-05-02T08:00:00Z", "", "", 0},
        {"https://www.themoscowtimes.com/2026/05/02/a-a2", "Ten in Moscow", "2026-05-02T10:00:00+03:00", "", "", 0},
        {"https://www.themoscowtimes.com/2026/05/03/c-a3", "No date", std::nullopt, "", "", 0},
    };
    for (auto& item : created) item.id = add_item(*db, item, store::ReviewAction::approve);
    Planned rejected{"https://www.themoscowtimes.com/2026/05/04/r-a5", "Rejected", std::nullopt, "", "", 0};
    untouched_.push_back(add_item(*db, rejected, store::ReviewAction::reject));
    Planned waiting{"https://www.themoscowtimes.com/2026/05/04/w-a6", "Waiting", std::nullopt, "", "", 0};
    untouched_.push_back(add_item(*db, waiting, std::nullopt));

    planned_ = {created[1], created[0], created[2]};
    expected_documents_.assign({"000_f638798d4e6aeb8a.txt", "001_a03e604598e42abc.txt", "002_4a3a340b16a89f33.txt",
                                "003_bab5c734186a52be.txt", "004_9b3700362939b385.txt"});
    for (std::size_t i = 0; i < planned_.size(); ++i) {
      planned_[i].file = normalize::seed_file_name(static_cast<int>(5 + i), planned_[i].url);
      expected_documents_.push_back(planned_[i].file);
    }
  }

  // A stored, flagged item in the seed format, then decided (or left in the queue).
  static std::int64_t add_item(store::Database& db, Planned& item, std::optional<store::ReviewAction> verdict) {
    auto found = store::add_discovered(db, store::DiscoveredItem{"The Moscow Times", item.url, "https://www.themoscowtimes.com/rss/news",
                                                                 item.title, std::nullopt, std::nullopt, std::nullopt,
                                                                 "The Moscow Times/en"});
    EXPECT_TRUE(found.has_value() && found->is_new());
    if (!found) return 0;
    normalize::Article article;
    article.canonical_url = item.url;
    article.outlet = "The Moscow Times";
    article.title = item.title;
    article.authors = {"Ana Pérez"};
    if (item.published) article.published = normalize::parse_iso8601(*item.published);
    article.language = "en";
    article.blocks = {{normalize::BlockKind::paragraph, "Cuba and Russia signed an agreement on " + item.title + "."},
                      {normalize::BlockKind::paragraph, "It covers energy and transport."}};
    item.seed_text = normalize::render_seed(article);
    std::string plain = normalize::plain_text(article.blocks);
    store::ProcessedItem processed;
    processed.title = item.title;
    processed.authors = article.authors;
    processed.published = item.published;
    processed.language = "en";
    processed.seed_text = item.seed_text;
    processed.body_hash = store::body_hash(plain);
    processed.fingerprint = dedup::fingerprint(plain);
    processed.verdict.flagged = true;
    processed.verdict.score = 3;
    processed.verdict.evidence.push_back(flag::Evidence{article.blocks[0].text, {"Cuba", "Russia", "agreement"}, 3});
    processed.verdict.rules_version = "test@1";
    EXPECT_TRUE(store::record_item_stored(db, found->item_id, processed));
    if (verdict) {
      EXPECT_TRUE(store::decide(db, found->item_id, *verdict, std::nullopt));
    }
    return found->item_id;
  }

  TempDir dir_;
  std::vector<Planned> planned_;  // in publication order: planned_[i] becomes number 5 + i
  std::vector<std::int64_t> untouched_;
  std::vector<std::string> expected_documents_;
};

// Kill at point N of a fresh export, for N = 1, 2, ... until an export completes unkilled;
// after each kill the folder must be sound, and one more export must finish the job.
TEST_F(ExportCrash, AKillAtAnyPointIsRepairedByTheNextExport) {
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> killed_at;
  int n = 1;
  for (; n <= kMostPoints; ++n) {
    fs::path scenario = fresh_scenario("at-" + std::to_string(n));
    ExportRun run = export_in(scenario, n);
    if (!run.killed) {
      expect_complete(scenario, run, "export with kill point " + std::to_string(n) + " beyond the last");
      break;
    }
    killed_at.push_back(run.killed_at());
    std::string when = "killed at point " + std::to_string(n) + " " + killed_at.back();
    expect_sound(scenario, when);
    recover(scenario, when);
    fs::remove_all(scenario);
    if (HasFatalFailure()) return;
  }
  ASSERT_LE(n, kMostPoints) << "export never completed";
  EXPECT_EQ(killed_at.size(), 3 * 6 + 5u) << "six points per item, five for the manifest";
  for (const auto& point : kWritePoints)
    EXPECT_NE(std::find(killed_at.begin(), killed_at.end(), point), killed_at.end()) << point << " never reached";
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  std::cout << "export crash sweep: killed at " << killed_at.size() << " points, " << runs_ << " runs, "
            << elapsed.count() << " ms\n";
  RecordProperty("kill_points", static_cast<int>(killed_at.size()));
}

// The key case: killed after the first file is renamed into place but before the store's
// commit, so the store does not know the file (a kill at export.folder_synced or
// export.before_commit leaves the same folder and store); then killed again at every point of
// the export that adopts it. The item must be adopted, never written a second time.
TEST_F(ExportCrash, AKillWhileAdoptingAnOrphanIsRepairedToo) {
  auto start = std::chrono::steady_clock::now();
  // Found by name: the order of the points is the export's business.
  fs::path crashed = dir_ / "orphaned";
  ExportRun first;
  for (int n = 1; n <= kMostPoints; ++n) {
    snapshot(template_dir(), crashed);
    first = export_in(crashed, n);
    if (!first.killed || first.killed_at() == "export.renamed") break;
  }
  ASSERT_EQ(first.killed_at(), "export.renamed");
  expect_sound(crashed, "killed at export.renamed");

  std::set<std::string> reached;
  int kill_points = 0;
  for (int m = 1; m <= kMostPoints; ++m) {
    fs::path scenario = snapshot(crashed, dir_ / "adopting");
    ExportRun second = export_in(scenario, m);
    std::string when = "killed at export.renamed, then at point " + std::to_string(m);
    if (!second.killed) {
      expect_complete(scenario, second, when + " beyond the last");
      EXPECT_NE(second.out.find(planned_file(0)), std::string::npos) << "the adopted file is reported\n" << second.out;
      break;
    }
    ++kill_points;
    reached.insert(second.killed_at());
    expect_sound(scenario, when + " " + second.killed_at());
    recover(scenario, when + " " + second.killed_at());
    if (HasFatalFailure()) return;
  }
  for (const auto& point : kAdoptionPoints) EXPECT_TRUE(reached.contains(point)) << point << " never reached";
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  std::cout << "export crash during adoption: killed at " << kill_points << " points, " << runs_ << " runs, "
            << elapsed.count() << " ms\n";
}

// Crash after crash on the same folder, each run killed one point later than the last, as a
// machine that keeps losing power would: every state in between must be sound, and the run
// that is finally let through must complete the job.
TEST_F(ExportCrash, RepeatedKillsOnTheSameFolderNeverCorruptIt) {
  fs::path scenario = fresh_scenario("repeated");
  int kills = 0;
  for (int n = 1; n <= kMostPoints; ++n) {
    ExportRun run = export_in(scenario, n);
    if (!run.killed) {
      expect_complete(scenario, run, "the run after " + std::to_string(kills) + " kills");
      break;
    }
    ++kills;
    expect_sound(scenario, "run " + std::to_string(n) + " killed at " + run.killed_at());
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(kills, 4);
  std::cout << "export repeated crashes: " << kills << " kills before a run completed\n";
}

}  // namespace
