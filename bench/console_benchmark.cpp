// The review console under load (docs/benchmarks.md, "The review console"): a store of
// 100,000 items of which 10,000 flagged, `ingest serve` on it as its own process, then
//   1. one session: the queue page (filters, sorts, pages) and item pages, one at a time,
//      beside a floor (a compiled-in file, the same server path without the store);
//      the console's own time per page (its Server-Timing header) and the time seen by the
//      client, p50 and p99;
//   2. 50 sessions at once, each logging in, paging its part of the queue, opening items,
//      deciding them and undoing three decisions in four, for a minute (no pause between
//      requests unless --think-ms): errors, conflicts (two sessions on one item), p50/p99;
//   3. the peak resident memory of the `ingest serve` process (VmHWM).
// Usage: console_benchmark [--items N] [--flagged N] [--sessions N] [--seconds S]
//                          [--samples N] [--think-ms MS] [--fill-only DIR]
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "store/discovery.h"
#include "store/items.h"
#include "store/store.h"
#include "store/users.h"

extern char** environ;

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Options {
  int items = 100'000;
  int flagged = 10'000;
  int sessions = 50;
  int seconds = 60;
  int samples = 400;
  int think_ms = 0;
  bool fill_only = false;  // --fill-only DIR: make the store in DIR and stop (for sqlite3 .timer)
  std::string fill_dir;
};

// ~3 KB of text like an article, with the sentences that flag it.
store::ProcessedItem sample_article() {
  store::ProcessedItem item;
  item.title = "Cuba and Russia sign an agreement on power plant repairs";
  item.authors = {"Marta Aguilera"};
  item.published = "2026-03-01T10:00:00-05:00";
  item.language = "en";
  std::string body;
  const std::string sentences[] = {
      "Cuba and Russia signed an agreement on Monday for the repair of three thermal power plants.",
      "The document was signed in Havana by the Cuban minister of energy and the head of a Russian state company.",
      "Under the agreement Russian engineers will overhaul the units over the next two years.",
      "The plants have suffered frequent breakdowns that left much of the island without power.",
  };
  for (int paragraph = 0; paragraph < 8; ++paragraph)
    for (const auto& s : sentences) body += s + (paragraph % 2 ? "\n\n" : " ");
  item.seed_text = "# " + item.title + "\n\nMarch 1, 2026\n\nBy Marta Aguilera\n\n" + body +
                   "Original url:\n\n<https://example.org/news/1>\n";
  item.body_hash = "bench";
  item.fingerprint = {};
  item.verdict.flagged = true;
  item.verdict.score = 3.5;
  for (int i = 0; i < 3; ++i)
    item.verdict.evidence.push_back(flag::Evidence{sentences[i], {"Cuba", "Russia", "agreement", "signed"}, 1.0});
  item.verdict.rules_version = "cuba-russia-agreements@3";
  return item;
}

bool check(const std::expected<void, store::Error>& done, const char* what) {
  if (!done) std::cerr << what << ": " << done.error().message << "\n";
  return done.has_value();
}

// The store: one item made through the store's API, copied by one INSERT ... SELECT into
// the others, with states, outlets, languages, dates and scores spread out.
bool fill_store(const std::filesystem::path& file, const Options& options) {
  auto db = store::open_store(file);
  if (!db) return std::cerr << db.error().message << "\n", false;
  auto first = store::add_discovered(*db, store::DiscoveredItem{"Radio Habana Cuba", "https://example.org/news/1",
                                                                "https://example.org/feed", "Feed title", std::nullopt,
                                                                std::nullopt, std::nullopt, "Radio Habana Cuba"});
  if (!first) return std::cerr << first.error().message << "\n", false;
  if (!check(store::record_item_stored(*db, first->item_id, sample_article()), "store")) return false;
  if (!check(db->execute("BEGIN"), "begin")) return false;
  // One in (items / flagged) is flagged; the others by n % 100: duplicates 9 %, exported 4 %,
  // approved 2 %, rejected 2 %, failed 2 %, the rest stored and not flagged.
  auto copy = db->prepare(R"sql(
    WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ?1),
    shaped AS (SELECT i,
      CASE WHEN i % ?2 = 0 THEN 'flagged'
           WHEN i % 100 BETWEEN 1 AND 9 THEN 'duplicate'
           WHEN i % 100 BETWEEN 11 AND 14 THEN 'exported'
           WHEN i % 100 BETWEEN 15 AND 16 THEN 'approved'
           WHEN i % 100 BETWEEN 17 AND 18 THEN 'rejected'
           WHEN i % 100 IN (19, 21) THEN 'failed'
           ELSE 'stored' END AS state,
      strftime('%Y-%m-%dT%H:%M:%SZ', '2025-01-01', '+' || (i * 3) || ' minutes') AS at
      FROM n)
    INSERT INTO items (id, canonical_url, outlet, source_url, state, feed_title, title, authors, published,
                       language, seed_text, body_hash, flagged, score, evidence, rules_version, duplicate_of,
                       duplicate_kind, attempts, last_error, error_kind, corpus_file, discovered_at, updated_at,
                       stored_at, fetched_at, url_key)
    SELECT s.i, 'https://example.org/news/' || s.i,
      CASE s.i % 6 WHEN 0 THEN 'Radio Habana Cuba' WHEN 1 THEN 'CiberCuba' WHEN 2 THEN 'CubaHeadlines'
                   WHEN 3 THEN 'The Moscow Times' WHEN 4 THEN 'Prensa Latina' ELSE 'Cubadebate' END,
      t.source_url, s.state, t.feed_title, t.title || ' (' || s.i || ')', t.authors,
      strftime('%Y-%m-%dT%H:%M:%S-05:00', s.at, '-' || (s.i % 7) || ' hours'),
      CASE s.i % 3 WHEN 0 THEN 'es' WHEN 1 THEN 'en' ELSE 'ru' END,
      CASE WHEN s.state = 'failed' THEN NULL ELSE t.seed_text END, t.body_hash || s.i,
      s.state = 'flagged', CASE WHEN s.state = 'flagged' THEN 2 + (s.i % 50) / 10.0 ELSE (s.i % 20) / 10.0 END,
      t.evidence, t.rules_version,
      CASE WHEN s.state = 'duplicate' THEN s.i - 1 END, CASE WHEN s.state = 'duplicate' THEN 'near' END,
      1, CASE WHEN s.state = 'failed' THEN 'HTTP 404' END, CASE WHEN s.state = 'failed' THEN 'http_4xx' END,
      CASE WHEN s.state = 'exported' THEN printf('%06d_bench.txt', s.i) END,
      s.at, s.at, s.at, s.at, 'example.org/news/' || s.i
    FROM shaped s, (SELECT * FROM items WHERE id = 1) t)sql");
  if (!copy) return std::cerr << copy.error().message << "\n", false;
  copy->bind(1, static_cast<std::int64_t>(options.items)).bind(2, static_cast<std::int64_t>(options.items / options.flagged));
  if (!check(copy->run(), "copy")) return false;
  auto decisions = db->prepare(
      "INSERT INTO decisions (item_id, decision, decided_at, user) "
      "SELECT id, CASE state WHEN 'rejected' THEN 'rejected' ELSE 'approved' END, updated_at, 'bench0' "
      "FROM items WHERE state IN ('approved', 'rejected', 'exported')");
  if (!decisions || !check(decisions->run(), "decisions")) return false;
  if (!check(db->execute("COMMIT"), "commit")) return false;
  if (!check(db->execute("ANALYZE"), "analyze")) return false;
  for (int s = 0; s < options.sessions; ++s)
    if (auto added = store::add_user(*db, "bench" + std::to_string(s), store::Role::reviewer, "bench-password"); !added)
      return std::cerr << added.error().message << "\n", false;
  return true;
}

struct Answer {
  int status = 0;
  double server_ms = -1;  // Server-Timing app;dur
  double client_ms = 0;
  std::string body, set_cookie;
};

// One keep-alive connection, as a browser tab holds.
class Client {
 public:
  explicit Client(tcp::endpoint server) : socket_(io_) { socket_.connect(server); }

  Answer request(http::verb method, const std::string& target, const std::string& form = {}) {
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!cookie_.empty()) req.set(http::field::cookie, cookie_);
    if (method == http::verb::post) {
      req.set(http::field::content_type, "application/x-www-form-urlencoded");
      req.body() = form;
    }
    req.prepare_payload();
    const auto started = Clock::now();
    http::write(socket_, req);
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(socket_, buffer_, parser);
    Answer answer;
    answer.client_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    const auto& res = parser.get();
    answer.status = static_cast<int>(res.result_int());
    if (auto timing = res.find("Server-Timing"); timing != res.end()) {
      const std::string value{timing->value()};
      if (auto at = value.find("dur="); at != std::string::npos) answer.server_ms = std::stod(value.substr(at + 4));
    }
    if (auto set = res.find(http::field::set_cookie); set != res.end()) {
      const std::string value{set->value()};
      answer.set_cookie = value.substr(0, value.find(';'));
    }
    answer.body = res.body();
    return answer;
  }

  bool log_in(const std::string& name) {
    auto answer = request(http::verb::post, "/login", "username=" + name + "&password=bench-password");
    if (answer.status != 303 || answer.set_cookie.empty()) return false;
    cookie_ = answer.set_cookie;
    auto queue = request(http::verb::get, "/");
    const std::string marker = "name=\"csrf\" value=\"";
    auto at = queue.body.find(marker);
    if (at == std::string::npos) return false;
    csrf_ = queue.body.substr(at + marker.size(), 64);
    return true;
  }
  const std::string& csrf() const { return csrf_; }

 private:
  asio::io_context io_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  std::string cookie_, csrf_;
};

std::vector<std::int64_t> ids_on(const std::string& page) {
  std::vector<std::int64_t> ids;
  const std::string marker = "<tr class=\"row\" data-id=\"";
  for (auto at = page.find(marker); at != std::string::npos; at = page.find(marker, at + 1))
    ids.push_back(std::stoll(page.substr(at + marker.size())));
  return ids;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

struct Samples {
  std::vector<double> server, client;
  void add(const Answer& a) {
    if (a.server_ms >= 0) server.push_back(a.server_ms);
    client.push_back(a.client_ms);
  }
  void print(const std::string& what) const {
    std::printf("%-34s %6zu  server p50 %6.2f ms  p99 %6.2f ms   client p50 %6.2f ms  p99 %6.2f ms\n", what.c_str(),
                client.size(), percentile(server, 0.5), percentile(server, 0.99), percentile(client, 0.5),
                percentile(client, 0.99));
  }
};

// `ingest serve` as a child process; its first stdout line gives the port.
struct Served {
  pid_t pid = -1;
  std::uint16_t port = 0;
};

Served serve(const std::filesystem::path& db) {
  int out[2];
  if (::pipe(out) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::string binary = std::string{INGEST_BINARY_DIR} + "/ingest/ingest";
  std::string db_path = db.string();
  std::vector<char*> argv{binary.data(), const_cast<char*>("serve"), const_cast<char*>("--db"), db_path.data(),
                          const_cast<char*>("--listen"), const_cast<char*>("127.0.0.1:0"), nullptr};
  Served served;
  if (posix_spawn(&served.pid, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) return {};
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  std::string line;
  char c = 0;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(out[0]);
  const std::string marker = "http://127.0.0.1:";
  if (auto at = line.find(marker); at != std::string::npos)
    served.port = static_cast<std::uint16_t>(std::stoi(line.substr(at + marker.size())));
  return served;
}

std::string peak_rss(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return line.substr(6);
  return "?";
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string name = argv[i];
    if (name == "--fill-only") {
      options.fill_only = true;
      options.fill_dir = argv[i + 1];
      continue;
    }
    int value = std::atoi(argv[i + 1]);
    if (name == "--items") options.items = value;
    else if (name == "--flagged") options.flagged = value;
    else if (name == "--sessions") options.sessions = value;
    else if (name == "--seconds") options.seconds = value;
    else if (name == "--samples") options.samples = value;
    else if (name == "--think-ms") options.think_ms = value;
    else return std::cerr << "unknown option " << name << "\n", 2;
  }
  const auto dir = options.fill_only ? std::filesystem::path{options.fill_dir}
                                     : std::filesystem::temp_directory_path() / ("console-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "ingest.db";
  auto filling = Clock::now();
  if (!fill_store(file, options)) return 1;
  std::printf("store: %d items, %d flagged, %d users, filled in %.1f s, %.0f MB\n", options.items,
              options.items / (options.items / options.flagged), options.sessions,
              std::chrono::duration<double>(Clock::now() - filling).count(),
              static_cast<double>(std::filesystem::file_size(file)) / 1e6);
  if (options.fill_only) return 0;

  Served served = serve(file);
  if (served.port == 0) return std::cerr << "ingest serve did not start\n", 1;
  const tcp::endpoint server{asio::ip::make_address("127.0.0.1"), served.port};
  int status = 0;
  {
    // 1. One session, one request at a time.
    Client one(server);
    if (!one.log_in("bench0")) return std::cerr << "login failed\n", 1;
    std::mt19937 random(7);
    const int step = options.items / options.flagged;
    const int pages = options.flagged / 50;
    const std::string variants[] = {"/", "/?sort=published", "/?sort=score", "/?outlet=CiberCuba", "/?lang=es",
                                    "/?min_score=4", "/?since=2025-06-01&sort=published", "/?state=stored"};
    Samples queue, item, floor;
    for (int i = 0; i < options.samples; ++i) {
      // The floor: a compiled-in file, the same path through the server without the store.
      auto f = one.request(http::verb::get, "/static/console.css");
      if (f.status != 200) return std::cerr << "console.css: " << f.status << "\n", 1;
      floor.add(f);
      std::string target = i % 3 == 0 ? variants[static_cast<std::size_t>(i / 3) % std::size(variants)]
                                       : "/?page=" + std::to_string(1 + random() % static_cast<unsigned>(pages));
      auto a = one.request(http::verb::get, target);
      if (a.status != 200) return std::cerr << target << ": " << a.status << "\n", 1;
      queue.add(a);
      const int id = step * static_cast<int>(1 + random() % static_cast<unsigned>(options.flagged - 1));
      const std::string sorts[] = {"", "?sort=published", "?sort=score"};
      auto b = one.request(http::verb::get, "/items/" + std::to_string(id) + sorts[i % 3]);
      if (b.status != 200) return std::cerr << "item " << id << ": " << b.status << "\n", 1;
      item.add(b);
    }
    std::printf("\none session, %d of each, one at a time:\n", options.samples);
    queue.print("queue page (filters, sorts, pages)");
    item.print("item page");
    floor.print("floor: /static/console.css");
    std::printf("median ratios to the floor (client time): queue page %.1fx, item page %.1fx\n",
                percentile(queue.client, 0.5) / percentile(floor.client, 0.5),
                percentile(item.client, 0.5) / percentile(floor.client, 0.5));

    // 2. Many sessions paging and deciding at once.
    std::mutex lock;
    Samples all, pages_seen, items_seen, decisions_seen, undos_seen;
    std::atomic<int> errors{0}, conflicts{0}, decided{0}, undone{0}, logins{0};
    const auto deadline = Clock::now() + std::chrono::seconds(options.seconds);
    std::vector<std::thread> sessions;
    for (int s = 0; s < options.sessions; ++s) {
      sessions.emplace_back([&, s] {
        try {
          Client client(server);
          if (!client.log_in("bench" + std::to_string(s))) return void(++errors);
          ++logins;
          Samples mine_pages, mine_items, mine_decisions, mine_undos;
          int mine_count = 0;
          const std::string listing = "?page=" + std::to_string(1 + s % pages);
          const auto think = std::chrono::milliseconds(options.think_ms);
          while (Clock::now() < deadline) {
            auto page = client.request(http::verb::get, "/" + listing);
            if (page.status != 200) ++errors;
            mine_pages.add(page);
            for (auto id : ids_on(page.body)) {
              if (Clock::now() >= deadline) break;
              std::this_thread::sleep_for(think);
              auto shown = client.request(http::verb::get, "/items/" + std::to_string(id) + listing);
              if (shown.status != 200) ++errors;
              mine_items.add(shown);
              std::this_thread::sleep_for(think);
              auto decision = client.request(http::verb::post, "/items/" + std::to_string(id) + "/decide",
                                             std::string{"action="} + (id % 4 ? "approve" : "reject") +
                                                 "&back=" + "%3Fpage%3D" + listing.substr(6) + "&csrf=" + client.csrf());
              if (decision.status == 303) ++decided;
              else if (decision.status == 409) ++conflicts;
              else ++errors;
              mine_decisions.add(decision);
              // Three decisions in four are undone (a reviewer changing their mind), which
              // also keeps the queue from running dry within the minute.
              if (decision.status == 303 && ++mine_count % 4 != 0) {
                auto undo = client.request(http::verb::post, "/items/" + std::to_string(id) + "/undo",
                                           "back=%3Fpage%3D" + listing.substr(6) + "&csrf=" + client.csrf());
                if (undo.status == 303) ++undone;
                else ++errors;
                mine_undos.add(undo);
              }
            }
          }
          std::lock_guard guard(lock);
          for (auto pair : {std::pair{&pages_seen, &mine_pages}, std::pair{&items_seen, &mine_items},
                             std::pair{&decisions_seen, &mine_decisions}, std::pair{&undos_seen, &mine_undos}}) {
            pair.first->server.insert(pair.first->server.end(), pair.second->server.begin(), pair.second->server.end());
            pair.first->client.insert(pair.first->client.end(), pair.second->client.begin(), pair.second->client.end());
            all.server.insert(all.server.end(), pair.second->server.begin(), pair.second->server.end());
            all.client.insert(all.client.end(), pair.second->client.begin(), pair.second->client.end());
          }
        } catch (const std::exception& failure) {
          ++errors;
          std::lock_guard guard(lock);
          std::cerr << "session " << s << ": " << failure.what() << "\n";
        }
      });
    }
    for (auto& t : sessions) t.join();
    std::printf(
        "\n%d sessions for %d s (think time %d ms): %d logged in, %d decided, %d undone, %d conflicts (409), %d errors\n",
        options.sessions, options.seconds, options.think_ms, logins.load(), decided.load(), undone.load(),
        conflicts.load(), errors.load());
    pages_seen.print("queue page");
    items_seen.print("item page");
    decisions_seen.print("decision (POST, 303 or 409)");
    undos_seen.print("undo (POST, 303)");
    all.print("every request");
    status = errors.load() == 0 ? 0 : 1;
  }
  std::printf("\npeak RSS of ingest serve (VmHWM):%s\n", peak_rss(served.pid).c_str());
  ::kill(served.pid, SIGTERM);
  ::waitpid(served.pid, nullptr, 0);
  std::filesystem::remove_all(dir);
  return status;
}
