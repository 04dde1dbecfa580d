// The reviewer's commands (queue, show, approve, reject, history) through the real `ingest`
// program, against a real SQLite file built with the store's own functions: the command line,
// its output and its exit status, as a reviewer or a script meets them.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <pwd.h>
#include <unistd.h>

#include <cstring>
#include <map>

#include "store/discovery.h"
#include "store/items.h"
#include "store/migrations.h"
#include "store/store.h"
#include "tests/support/run_program.h"
#include "tests/support/test_files.h"


namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using test_support::TempDir;

struct Result {
  int status = -1;
  std::string out, err;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(text.substr(start, end - start));
  return lines;
}

// What an item in the test database is made of.
struct Article {
  std::string outlet = "The Moscow Times";
  std::string title;
  std::optional<std::string> published = std::nullopt;
  bool flagged = true;
  std::string sentence = "Cuba and Russia signed an agreement.";
  std::vector<std::string> terms = {"cuba", "russia", "agreement*"};
};

class ReviewProgram : public ::testing::Test {
 protected:
  fs::path database() const { return dir_ / "ingest.db"; }

  // Runs `ingest ARGS... --db <the test database>` with stdout and stderr in files (never a
  // terminal) and an environment that claims a colour terminal, so that any escape sequence
  // would be the program's mistake. `env` adds or overrides variables; an empty value unsets.
  Result ingest(std::vector<std::string> args, const std::map<std::string, std::string>& env = {}) {
    args.insert(args.begin(), test_support::ingest_binary());
    args.push_back("--db");
    args.push_back(database().string());
    std::map<std::string, std::string> variables = {{"TERM", "xterm-256color"}, {"NO_COLOR", ""}, {"SUDO_USER", ""}};
    for (const auto& [name, value] : env) variables[name] = value;
    test_support::ProgramRun run = test_support::run_program(std::move(args), dir_.path(), variables);
    Result result;
    result.status = run.exit_status;
    result.out = std::move(run.out);
    result.err = std::move(run.err);
    return result;
  }

  json::value ingest_json(const std::vector<std::string>& args) {
    Result r = ingest(args);
    EXPECT_EQ(r.status, 0) << r.err;
    return json::parse(r.out);
  }

  // Adds a stored item (flagged or not) to the test database; returns its id.
  std::int64_t add(const Article& a) {
    auto db = store::open_store(database());
    EXPECT_TRUE(db.has_value()) << db.error().message;
    if (!db) return -1;
    std::string url = "https://example.org/" + std::to_string(++count_);
    auto found = store::add_discovered(*db, store::DiscoveredItem{a.outlet, url, "https://example.org/feed.xml",
                                                                  a.title, std::nullopt, std::nullopt,
                                                                  std::nullopt, a.outlet});
    EXPECT_TRUE(found.has_value());
    if (!found) return -1;
    store::ProcessedItem item;
    item.title = a.title;
    item.published = a.published;
    item.language = "en";
    item.seed_text = "# " + a.title + "\n\n" + a.sentence + " " + std::to_string(count_) + "\n";
    item.body_hash = "hash-" + url;
    item.fingerprint = dedup::fingerprint(a.sentence + " " + url);
    item.verdict.flagged = a.flagged;
    item.verdict.score = a.flagged ? 2.5 : 0.5;
    if (a.flagged) item.verdict.evidence.push_back(flag::Evidence{a.sentence, a.terms, 2.5});
    item.verdict.rules_version = "cuba-russia@test";
    EXPECT_TRUE(store::record_item_stored(*db, found->item_id, item));
    return found->item_id;
  }

  // Sets when an item arrived, as if it had been fetched then.
  void arrived(std::int64_t id, const std::string& at) {
    auto db = store::open_store(database());
    ASSERT_TRUE(db);
    auto update = db->prepare("UPDATE items SET discovered_at = ?1 WHERE id = ?2");
    ASSERT_TRUE(update);
    ASSERT_TRUE(update->bind(1, at).bind(2, id).run());
  }

  std::string state_of(std::int64_t id) {
    return std::string{ingest_json({"show", std::to_string(id), "--json"}).at("state").as_string()};
  }

  TempDir dir_;
  int count_ = 0;
};

std::vector<std::int64_t> ids_of(const json::value& queue) {
  std::vector<std::int64_t> ids;
  for (const auto& item : queue.as_array()) ids.push_back(item.at("id").as_int64());
  return ids;
}

using Ids = std::vector<std::int64_t>;

TEST_F(ReviewProgram, QueueListsFlaggedItemsNewestPublishedFirstInColumnsSizedToTheirContent) {
  std::int64_t old = add({.outlet = "TASS", .title = "Older deal", .published = "2026-04-01T10:00:00+03:00"});
  std::int64_t recent = add({.outlet = "CiberCuba", .title = "Acuerdo energético", .published = "2026-04-10T08:00:00-04:00"});
  add({.title = "Hockey", .published = "2026-04-12T10:00:00Z", .flagged = false});
  arrived(old, "2026-04-11T09:30:00Z");
  arrived(recent, "2026-04-11T09:00:00Z");
  Result r = ingest({"queue", "--sort", "published"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 5u) << r.out;  // count, headings, two items, the hint
  EXPECT_EQ(lines[0], "2 items flagged, awaiting review, newest published first:");
  EXPECT_EQ(lines[1], "ID  SCORE  FETCHED           PUBLISHED   OUTLET     TITLE");
  EXPECT_EQ(lines[2], " " + std::to_string(recent) + "    2.5  2026-04-11 09:00  2026-04-10  CiberCuba  Acuerdo energético");
  EXPECT_EQ(lines[3], " " + std::to_string(old) + "    2.5  2026-04-11 09:30  2026-04-01  TASS       Older deal");
}

TEST_F(ReviewProgram, QueueListsNewestArrivalsFirstByDefaultAndSinceCountsArrivals) {
  std::int64_t first = add({.title = "Published late", .published = "2026-04-12T10:00:00Z"});
  std::int64_t second = add({.title = "Published early", .published = "2026-03-01T10:00:00Z"});
  arrived(first, "2026-04-12T11:00:00Z");
  arrived(second, "2026-04-13T08:00:00Z");
  EXPECT_EQ(ids_of(ingest_json({"queue", "--json"})), (Ids{second, first}));
  EXPECT_EQ(ids_of(ingest_json({"queue", "--json", "--since", "2026-04-13"})), Ids{second});
  EXPECT_EQ(ids_of(ingest_json({"queue", "--json", "--sort", "published", "--since", "2026-04-13"})), Ids{});
  Result text = ingest({"queue"});
  EXPECT_EQ(lines_of(text.out)[0], "2 items flagged, awaiting review, newest fetched first:");
}

TEST_F(ReviewProgram, QueueListsAnyStateOnRequestAndFailedItemsWithTheirErrorKind) {
  std::int64_t approved = add({.title = "Approved deal"});
  std::int64_t rejected = add({.title = "Rejected deal"});
  std::int64_t waiting = add({.title = "Waiting deal"});
  ASSERT_EQ(ingest({"approve", std::to_string(approved)}).status, 0);
  ASSERT_EQ(ingest({"reject", std::to_string(rejected)}).status, 0);
  std::int64_t failed = 0;
  {
    auto db = store::open_store(database());
    ASSERT_TRUE(db);
    auto found = store::add_discovered(*db, store::DiscoveredItem{"TASS", "https://example.org/gone", "f", "Gone",
                                                                  std::nullopt, std::nullopt, std::nullopt, "TASS"});
    ASSERT_TRUE(found);
    failed = found->item_id;
    ASSERT_TRUE(store::begin_attempt(*db, failed));
    ASSERT_TRUE(store::record_item_failure(*db, failed, {store::FailureKind::http_4xx, "HTTP 404"}, 1, "2999-01-01T00:00:00Z"));
  }
  EXPECT_EQ(ids_of(ingest_json({"queue", "--json"})), Ids{waiting});
  EXPECT_EQ(ids_of(ingest_json({"queue", "--json", "--state", "approved"})), Ids{approved});
  EXPECT_EQ(ids_of(ingest_json({"queue", "--json", "--state", "rejected"})), Ids{rejected});
  json::value gone = ingest_json({"queue", "--json", "--state", "failed"});
  ASSERT_EQ(ids_of(gone), Ids{failed});
  EXPECT_EQ(gone.as_array()[0].at("error_kind").as_string(), "http_4xx");
  EXPECT_EQ(ids_of(ingest_json({"queue", "--json", "--state", "all"})).size(), 4u);
  Result text = ingest({"queue", "--state", "failed"});
  EXPECT_NE(text.out.find("ERROR"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("http_4xx"), std::string::npos) << text.out;
  EXPECT_EQ(lines_of(text.out)[0], "1 item failed, newest fetched first:");
  EXPECT_EQ(ingest({"queue", "--all", "--state", "stored"}).status, 2);
}

TEST_F(ReviewProgram, QueueWritesNoEscapesAndCutsNothingWhenNotATerminal) {
  std::string title = "俄罗斯与古巴签署能源合作协议，" + std::string(200, 'x');
  add({.outlet = "Xinhua", .title = title, .published = "2026-04-10T08:00:00+08:00"});
  Result r = ingest({"queue"}, {{"COLUMNS", "40"}});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(title), std::string::npos) << "the whole title, not cut to 40 columns";
}

TEST_F(ReviewProgram, QueueAllAddsTheUnflaggedItemsAwaitingReviewWithTheirState) {
  std::int64_t flagged = add({.title = "Deal", .published = "2026-04-01T10:00:00Z"});
  std::int64_t unflagged = add({.title = "Hockey", .published = "2026-04-12T10:00:00Z", .flagged = false});
  json::value all = ingest_json({"queue", "--all", "--json", "--sort", "published"});
  EXPECT_EQ(ids_of(all), (Ids{unflagged, flagged}));
  EXPECT_FALSE(all.as_array()[0].at("flagged").as_bool());
  EXPECT_EQ(all.as_array()[0].at("state").as_string(), "stored");
  Result text = ingest({"queue", "--all"});
  EXPECT_NE(text.out.find("STATE"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("stored   Hockey"), std::string::npos) << text.out;
}

TEST_F(ReviewProgram, QueueJsonHasTheContractFieldsForEachItem) {
  add({.title = "Deal", .published = "2026-04-01T10:00:00+03:00"});
  add({.title = "Undated"});
  json::value queue = ingest_json({"queue", "--json", "--sort", "published"});
  ASSERT_EQ(queue.as_array().size(), 2u);
  for (const auto& item : queue.as_array())
    for (const char* key : {"id", "outlet", "title", "url", "published", "score", "evidence"})
      EXPECT_TRUE(item.as_object().contains(key)) << key;
  EXPECT_EQ(queue.as_array()[0].at("published").as_string(), "2026-04-01T10:00:00+03:00");
  EXPECT_TRUE(queue.as_array()[1].at("published").is_null()) << "undated items come last";
  EXPECT_EQ(queue.as_array()[0].at("evidence").as_array()[0].as_string(), "Cuba and Russia signed an agreement.");
}

TEST_F(ReviewProgram, QueueFiltersByOutletAndBySinceADayOrAnInstant) {
  std::int64_t tass = add({.outlet = "TASS", .title = "A", .published = "2026-04-10T01:00:00+03:00"});
  std::int64_t granma = add({.outlet = "Granma", .title = "B", .published = "2026-04-09T20:00:00-04:00"});
  add({.outlet = "TASS", .title = "C", .published = "2026-03-01T10:00:00Z"});
  EXPECT_EQ(ids_of(ingest_json({"queue", "--json", "--outlet", "granma"})), Ids{granma});
  // The 10th as each publisher dated it; by the clock, TASS's item came before Granma's.
  EXPECT_EQ(ids_of(ingest_json({"queue", "--json", "--sort", "published", "--since", "2026-04-10"})), Ids{tass});
  EXPECT_EQ(ids_of(ingest_json({"queue", "--json", "--sort", "published", "--since", "2026-04-09T23:00:00Z"})),
            Ids{granma});
  EXPECT_EQ(ids_of(ingest_json({"queue", "--json", "--sort", "published", "--outlet", "TASS", "--since", "2026-04-01"})),
            Ids{tass});
  Result none = ingest({"queue", "--sort", "published", "--outlet", "TASS", "--since", "2026-05-01"});
  EXPECT_EQ(none.status, 0);
  EXPECT_EQ(none.out, "no item matches\n");
}

TEST_F(ReviewProgram, QueueRefusesAnOutletItDoesNotKnowAndABadDateWithStatusTwo) {
  add({.outlet = "TASS", .title = "A"});
  Result outlet = ingest({"queue", "--outlet", "Tass News"});
  EXPECT_EQ(outlet.status, 2);
  EXPECT_NE(outlet.err.find("--outlet Tass News: no such outlet (known: TASS)"), std::string::npos) << outlet.err;
  Result date = ingest({"queue", "--since", "last week"});
  EXPECT_EQ(date.status, 2);
  EXPECT_NE(date.err.find("--since last week"), std::string::npos) << date.err;
}

TEST_F(ReviewProgram, ShowPrintsTheSeedTextTheEvidenceAndItsTermsWithoutEscapesInAPipe) {
  std::int64_t id = add({.outlet = "Prensa Latina", .title = "Acuerdo",
                         .sentence = "El presidente cubano y la delegación rusa firmaron en La Habana.",
                         .terms = {"cuban*", "rus*", "la habana", "firmaron"}});
  Result r = ingest({"show", std::to_string(id)});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  - El presidente cubano y la delegación rusa firmaron en La Habana.\n"
                       "    cuban*, rus*, la habana, firmaron  (weight 2.5)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("flag: flagged, score 2.5 (cuba-russia@test)"), std::string::npos) << r.out;
  std::string seed = "# Acuerdo\n\nEl presidente cubano y la delegación rusa firmaron en La Habana. 1\n";
  EXPECT_TRUE(r.out.ends_with("seed text, as it will be written:\n\n" + seed)) << r.out;
}

TEST_F(ReviewProgram, ApproveDecidesTheGoodIdsAndNamesEachBadOneOnALineOfItsOwn) {
  std::int64_t first = add({.title = "A"});
  std::int64_t second = add({.title = "B"});
  Result r = ingest({"approve", std::to_string(first), "999", std::to_string(second), "--note", "on topic"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(lines_of(r.err), std::vector<std::string>{"ingest: approve: no item 999"});
  EXPECT_EQ(r.out, "approved " + std::to_string(first) + "\napproved " + std::to_string(second) + "\n");
  EXPECT_EQ(state_of(first), "approved");
  EXPECT_EQ(state_of(second), "approved");
}

TEST_F(ReviewProgram, DecidingADuplicateOrAnExportedItemFailsNamingItAndTheOthersAreStillDecided) {
  std::int64_t original = add({.title = "Original"});
  std::int64_t copy = add({.title = "Copy"});
  {
    auto db = store::open_store(database());
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(db->execute("UPDATE items SET state = 'duplicate', duplicate_of = 1, duplicate_kind = 'exact' "
                            "WHERE id = 2"));
  }
  ASSERT_EQ(original, 1);
  ASSERT_EQ(copy, 2);
  std::int64_t exported = add({.title = "Exported"});
  std::int64_t fresh = add({.title = "Fresh"});
  ASSERT_EQ(ingest({"approve", std::to_string(exported)}).status, 0);
  Result export_run = ingest({"export", "--corpus", (dir_ / "corpus").string(), "--new-corpus"});
  ASSERT_EQ(export_run.status, 0) << export_run.err;
  ASSERT_EQ(state_of(exported), "exported");

  Result r = ingest({"reject", std::to_string(copy), std::to_string(exported), std::to_string(fresh)});
  EXPECT_EQ(r.status, 1);
  auto errors = lines_of(r.err);
  ASSERT_EQ(errors.size(), 2u) << r.err;
  EXPECT_TRUE(errors[0].starts_with("ingest: reject: item 2 is a duplicate of item 1")) << errors[0];
  EXPECT_TRUE(errors[1].starts_with("ingest: reject: item " + std::to_string(exported) + " is already exported to "))
      << errors[1];
  EXPECT_EQ(r.out, "rejected " + std::to_string(fresh) + "\n");
  EXPECT_EQ(state_of(fresh), "rejected");
  EXPECT_EQ(state_of(exported), "exported");
}

TEST_F(ReviewProgram, ADecisionCanChangeUntilExportAndSaysWhatItWas) {
  std::int64_t id = add({.title = "A"});
  ASSERT_EQ(ingest({"approve", std::to_string(id)}).status, 0);
  Result again = ingest({"reject", std::to_string(id)});
  EXPECT_EQ(again.status, 0);
  EXPECT_EQ(again.out, "rejected " + std::to_string(id) + " (was approved)\n");
}

TEST_F(ReviewProgram, ApproveJsonPrintsOneObjectPerIdWithItsOutcome) {
  std::int64_t id = add({.title = "A"});
  Result r = ingest({"approve", std::to_string(id), "999", "--json", "--user", "ana", "--note", "ok"});
  EXPECT_EQ(r.status, 1);
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  json::object good = json::parse(lines[0]).as_object();
  EXPECT_EQ(good.at("id").as_int64(), id);
  EXPECT_TRUE(good.at("ok").as_bool());
  EXPECT_EQ(good.at("decision").as_string(), "approved");
  EXPECT_EQ(good.at("previous_state").as_string(), "flagged");
  EXPECT_EQ(good.at("state").as_string(), "approved");
  EXPECT_EQ(good.at("user").as_string(), "ana");
  EXPECT_EQ(good.at("note").as_string(), "ok");
  EXPECT_TRUE(good.at("error").is_null());
  json::object bad = json::parse(lines[1]).as_object();
  EXPECT_EQ(bad.at("id").as_int64(), 999);
  EXPECT_FALSE(bad.at("ok").as_bool());
  EXPECT_EQ(bad.at("error").as_string(), "no item 999");
}

TEST_F(ReviewProgram, EachDecisionRecordsTheUserWhoMadeIt) {
  std::int64_t id = add({.title = "A"});
  std::string login = [] {
    passwd* entry = getpwuid(geteuid());
    return entry ? std::string{entry->pw_name} : "uid " + std::to_string(geteuid());
  }();
  ASSERT_EQ(ingest({"approve", std::to_string(id)}).status, 0);
  ASSERT_EQ(ingest({"reject", std::to_string(id)}, {{"SUDO_USER", "maria"}}).status, 0);
  ASSERT_EQ(ingest({"approve", std::to_string(id), "--user", "ana"}, {{"SUDO_USER", "maria"}}).status, 0);
  json::value item = ingest_json({"show", std::to_string(id), "--json"});
  std::vector<std::string> users;
  for (const auto& d : item.at("decisions").as_array()) users.emplace_back(d.at("user").as_string());
  EXPECT_EQ(users, (std::vector<std::string>{login, "maria", "ana"}));
  Result shown = ingest({"show", std::to_string(id)});
  EXPECT_NE(shown.out.find("approved by ana\n"), std::string::npos) << shown.out;
}

TEST_F(ReviewProgram, HistoryListsTheItemsTrailOldestFirst) {
  std::int64_t id = add({.title = "Deal"});
  ASSERT_EQ(ingest({"approve", std::to_string(id), "--user", "ana", "--note", "looks right"}).status, 0);
  ASSERT_EQ(ingest({"reject", std::to_string(id), "--user", "luis", "--note", "a denial"}).status, 0);
  ASSERT_EQ(ingest({"approve", std::to_string(id), "--user", "luis"}).status, 0);
  ASSERT_EQ(ingest({"export", "--corpus", (dir_ / "corpus").string(), "--new-corpus"}).status, 0);

  json::value history = ingest_json({"history", std::to_string(id), "--json"});
  EXPECT_EQ(history.at("id").as_int64(), id);
  EXPECT_EQ(history.at("state").as_string(), "exported");
  std::vector<std::string> events;
  for (const auto& e : history.at("events").as_array()) events.emplace_back(e.at("event").as_string());
  EXPECT_EQ(events, (std::vector<std::string>{"discovered", "fetched", "approved", "rejected", "approved", "exported"}));
  const auto& list = history.at("events").as_array();
  EXPECT_EQ(list[0].at("source").as_string(), "https://example.org/feed.xml");
  EXPECT_TRUE(list[1].at("flagged").as_bool());
  EXPECT_EQ(list[1].at("score").to_number<double>(), 2.5);
  EXPECT_EQ(list[1].at("rules").as_string(), "cuba-russia@test");
  EXPECT_EQ(list[3].at("user").as_string(), "luis");
  EXPECT_EQ(list[3].at("note").as_string(), "a denial");
  EXPECT_TRUE(list[5].at("file").as_string().ends_with(".txt"));
  for (std::size_t i = 1; i < list.size(); ++i)
    EXPECT_LE(list[i - 1].at("at").as_string(), list[i].at("at").as_string());

  Result text = ingest({"history", std::to_string(id)});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(text.out.find('\x1b'), std::string::npos);
  auto lines = lines_of(text.out);
  ASSERT_EQ(lines.size(), 9u) << text.out;  // item, url, headings, six events
  EXPECT_TRUE(lines[0].starts_with("item " + std::to_string(id) + " (exported)  The Moscow Times: Deal")) << lines[0];
  EXPECT_TRUE(lines[2].starts_with("TIME  ") && lines[2].find("EVENT") != std::string::npos) << lines[2];
  EXPECT_NE(lines[3].find("discovered  listed by https://example.org/feed.xml"), std::string::npos) << lines[3];
  EXPECT_NE(lines[4].find("fetched     version 1: flagged, score 2.5 (cuba-russia@test)"), std::string::npos)
      << lines[4];
  EXPECT_NE(lines[5].find("approved    by ana: looks right"), std::string::npos) << lines[5];
  EXPECT_NE(lines[6].find("rejected    by luis: a denial"), std::string::npos) << lines[6];
  EXPECT_NE(lines[8].find("exported    to "), std::string::npos) << lines[8];
}

TEST_F(ReviewProgram, HistoryOfAnUnknownItemFailsNamingIt) {
  add({.title = "A"});
  Result r = ingest({"history", "42"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(lines_of(r.err), std::vector<std::string>{"ingest: no item 42"});
  EXPECT_EQ(ingest({"history"}).status, 2);
  EXPECT_EQ(ingest({"history", "x"}).status, 2);
}

TEST_F(ReviewProgram, ADatabaseOfThePreviousSchemaIsMigratedAndItsOldDecisionsShowNoUser) {
  {
    auto db = store::Database::open(database());
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(store::migrate(*db, store::latest_schema_version() - 1).has_value());
    ASSERT_TRUE(db->execute(
        "INSERT INTO items (id, canonical_url, outlet, state, title, seed_text, flagged, score, evidence, "
        "rules_version, fetched_at, discovered_at, updated_at) VALUES (1, 'https://a.example/1', 'TASS', 'approved', "
        "'Deal', '# Deal\n\nCuba and Russia signed.\n', 1, 2.0, '[]', 'rules-v1', '2026-01-01T00:00:01Z', "
        "'2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')"));
    ASSERT_TRUE(db->execute("INSERT INTO decisions (item_id, decision, note, decided_at) "
                            "VALUES (1, 'approved', 'before users', '2026-01-02T00:00:00Z')"));
  }
  Result history = ingest({"history", "1"});
  ASSERT_EQ(history.status, 0) << history.err;
  EXPECT_NE(history.out.find("approved    by (not recorded): before users"), std::string::npos) << history.out;
  ASSERT_EQ(ingest({"reject", "1", "--user", "ana"}).status, 0);
  json::value item = ingest_json({"show", "1", "--json"});
  const auto& decisions = item.at("decisions").as_array();
  ASSERT_EQ(decisions.size(), 2u);
  EXPECT_TRUE(decisions[0].at("user").is_null());
  EXPECT_EQ(decisions[1].at("user").as_string(), "ana");
}

}  // namespace

namespace {

TEST_F(ReviewProgram, ShowListsUnderASentenceOnlyTheTermsMatchedInItAndJsonCarriesTermsAndWeights) {
  std::int64_t id = add({.title = "Deal", .terms = {"cuba", "russia", "agreement*", "havana"}});
  Result text = ingest({"show", std::to_string(id)});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("    cuba, russia, agreement*; in the sentences around it: havana  (weight 2.5)"),
            std::string::npos)
      << text.out;
  json::value shown = ingest_json({"show", std::to_string(id), "--json"});
  const auto& detail = shown.at("evidence_detail").as_array().at(0).as_object();
  EXPECT_EQ(detail.at("sentence").as_string(), "Cuba and Russia signed an agreement.");
  EXPECT_EQ(detail.at("terms"), (json::array{"cuba", "russia", "agreement*"}));
  EXPECT_EQ(detail.at("nearby_terms"), (json::array{"havana"}));
  EXPECT_EQ(detail.at("weight").as_double(), 2.5);
  // Plain decimals, not Boost's exponent form.
  Result raw = ingest({"show", std::to_string(id), "--json"});
  EXPECT_NE(raw.out.find("\"score\":2.5"), std::string::npos) << raw.out;
  EXPECT_EQ(raw.out.find("E0"), std::string::npos) << raw.out;
}

}  // namespace
