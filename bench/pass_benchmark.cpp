// End-to-end pass benchmark (docs/benchmarks.md): a local site of N articles spread over H
// hosts (127.0.0.2, 127.0.0.3, ... each its own fixture server), one `--once`-style pass
// with politeness delay 0, compared in the same run with extraction alone over the same
// pages; then a second pass over the unchanged site. Prints one line of figures per run and
// the medians.
//
//   build/bench/pass_benchmark [--articles 2000] [--hosts 20] [--runs 3]
#include <curl/curl.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "flag/rules.h"
#include "ingest/pipeline/config.h"
#include "ingest/log/log.h"
#include "ingest/pipeline/pipeline.h"
#include "flag/flagger.h"
#include "normalize/html_extractor.h"
#include "normalize/seed_format.h"
#include "store/corpus.h"
#include "store/store.h"
#include "tests/support/fixture_server.h"
#include "tests/support/test_files.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

// The fixture site's article pages serve as templates; article i uses template i % count.
const std::vector<std::string> kTemplates = {
    "moscowtimes/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469",
    "moscowtimes/2026/04/08/russia-and-china-sign-binding-deal-on-power-of-siberia-2-gas-pipeline-a92441",
    "radiohc/en/noticias/internacionales/339611-cuba-and-russia-committed-to-broadening-cooperation",
    "cibercuba/noticias/2025-05-12-u1-e199572-s27061-nid301234-diaz-canel-rinde-homenaje-victimas-sitio-leningrado",
    "cubaheadlines/articles/158391",
    "cubaheadlines/articles/157944",
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of the calling thread: the pass runs entirely on it, while the fixture servers
// use their own threads on the same cores.
double thread_system_seconds() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return static_cast<double>(usage.ru_stime.tv_sec) + static_cast<double>(usage.ru_stime.tv_usec) / 1e6;
}

double thread_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

struct Site {
  fs::path root;
  std::vector<std::string> pages;  // relative paths of the article files
};

// Writes h<k>/feed.xml and h<k>/a/<i>.html; each page gets a unique first paragraph so no
// two bodies are identical.
Site generate(const fs::path& root, int articles, int hosts) {
  Site site{root, {}};
  std::vector<std::string> templates;
  for (const auto& t : kTemplates)
    templates.push_back(test_support::read_file(test_support::source_path("tests/fixtures/site/" + t)));
  std::vector<std::string> feeds(static_cast<std::size_t>(hosts));
  for (int i = 0; i < articles; ++i) {
    int host = i % hosts;
    std::string path = "h" + std::to_string(host) + "/a/" + std::to_string(i);
    std::string html = templates[static_cast<std::size_t>(i) % templates.size()];
    auto body = html.find("<p>", html.find("<body"));
    if (body != std::string::npos)
      html.insert(body, "<p>Benchmark article number " + std::to_string(i) +
                            " opens with a sentence of its own, long enough to count as prose.</p>\n");
    test_support::write_file(root / path, html);
    site.pages.push_back(path);
    feeds[static_cast<std::size_t>(host)] +=
        "<item><title>Article " + std::to_string(i) + "</title><link>{{origin}}/" + path +
        "</link><guid>" + std::to_string(i) + "</guid><pubDate>Mon, 10 Nov 2025 10:00:00 +0000</pubDate></item>\n";
  }
  for (int host = 0; host < hosts; ++host)
    test_support::write_file(root / ("h" + std::to_string(host) + "/feed.xml"),
                             "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Host " +
                                 std::to_string(host) + "</title>\n" + feeds[static_cast<std::size_t>(host)] +
                                 "</channel></rss>\n");
  return site;
}

// Extraction alone over the pages (named, so `callgrind --toggle-collect` can count it).
[[gnu::noinline]] std::size_t extraction_alone(const std::vector<std::string>& pages, const Site& site,
                                               const std::vector<std::unique_ptr<test_support::FixtureServer>>& servers) {
  std::size_t extracted = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    normalize::ExtractOptions options;
    options.url = servers[i % servers.size()]->origin() + "/" + site.pages[i];
    if (normalize::extract_article(pages[i], options)) ++extracted;
  }
  return extracted;
}

// Everything the pass does to a page apart from fetching and storing it.
[[gnu::noinline]] bool processing_alone(const std::vector<std::string>& pages, const Site& site,
                                        const std::vector<std::unique_ptr<test_support::FixtureServer>>& servers) {
  for (std::size_t i = 0; i < pages.size(); ++i) {
    normalize::ExtractOptions options;
    options.url = servers[i % servers.size()]->origin() + "/" + site.pages[i];
    auto article = normalize::extract_article(pages[i], options);
    if (!article) continue;
    std::string seed = normalize::render_seed(*article);
    std::string text = normalize::plain_text(article->blocks);
    auto verdict = flag::evaluate(flag::default_rules(), article->title, text);
    auto hash = store::body_hash(text);
    if (seed.empty() || hash.empty() || verdict.score < 0) return false;
  }
  return true;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int articles = 2000, hosts = 20, runs = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    int value = std::stoi(argv[i + 1]);
    if (flag == "--articles") articles = value;
    else if (flag == "--hosts") hosts = value;
    else if (flag == "--runs") runs = value;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  ingest::log::set_log_level(spdlog::level::err);
  test_support::TempDir dir;
  Site site = generate(dir / "site", articles, hosts);

  std::vector<std::unique_ptr<test_support::FixtureServer>> servers;
  ingest::pipeline::Config config;
  config.fetch.min_delay = std::chrono::milliseconds{0};
  for (int host = 0; host < hosts; ++host) {
    servers.push_back(std::make_unique<test_support::FixtureServer>(site.root, 0, "127.0.0." + std::to_string(host + 2)));
    ingest::pipeline::Outlet outlet;
    outlet.name = "host " + std::to_string(host);
    outlet.feeds.push_back(servers.back()->origin() + "/h" + std::to_string(host) + "/feed.xml");
    outlet.language = "en";
    config.outlets.push_back(outlet);
  }

  long pass_peak_rss = 0;
  std::vector<double> cpu_overheads, pass_rates, extract_rates, process_rates, overheads, io_overheads, second_pass;
  for (int run = 0; run < runs; ++run) {
    fs::path db_path = dir / ("run" + std::to_string(run) + ".db");
    auto db = store::open_store(db_path);
    if (!db) {
      std::cerr << db.error().message << "\n";
      return 1;
    }
    auto started = Clock::now();
    double cpu_before = thread_cpu_seconds();
    double system_before = thread_system_seconds();
    auto first = ingest::pipeline::run_pass(config, flag::default_rules(), *db);
    double pass_system = thread_system_seconds() - system_before;
    double pass_seconds = seconds_since(started);
    double pass_cpu = thread_cpu_seconds() - cpu_before;
    // The high-water mark after the first pass, before this program loads every page itself.
    if (run == 0) pass_peak_rss = peak_rss_kib();
    if (!first || first->items_stored + first->items_duplicate != articles) {
      std::cerr << "first pass incomplete: " << (first ? ingest::pipeline::describe(*first) : first.error().message) << "\n";
      return 1;
    }

    // Extraction alone over the same pages, as the pass saw them.
    std::vector<std::string> pages;
    for (std::size_t i = 0; i < site.pages.size(); ++i)
      pages.push_back(test_support::with_origin(test_support::read_file(site.root / site.pages[i]),
                                                servers[i % servers.size()]->origin()));
    started = Clock::now();
    std::size_t extracted = extraction_alone(pages, site, servers);
    double extract_seconds = seconds_since(started);

    // Everything the pass does to a page apart from fetching and storing it.
    started = Clock::now();
    cpu_before = thread_cpu_seconds();
    if (!processing_alone(pages, site, servers)) return 1;
    double process_seconds = seconds_since(started);
    double process_cpu = thread_cpu_seconds() - cpu_before;
    if (std::getenv("PASS_BENCHMARK_VERBOSE"))
      std::printf("  pass thread: %.2f s CPU of which %.2f s in the kernel; processing alone %.2f s CPU\n", pass_cpu,
                  pass_system, process_cpu);
    cpu_overheads.push_back((pass_cpu - process_cpu) / process_cpu);

    std::size_t article_requests = 0;
    for (const auto& s : servers) article_requests += s->requests().size();
    started = Clock::now();
    auto second = ingest::pipeline::run_pass(config, flag::default_rules(), *db);
    double second_seconds = seconds_since(started);
    std::size_t after = 0, not_modified = second ? static_cast<std::size_t>(second->sources_not_modified) : 0;
    for (const auto& s : servers) after += s->requests().size();
    // The second pass asks each host for robots.txt and its feed, nothing else.
    std::size_t second_requests = after - article_requests;

    double pass_rate = articles / pass_seconds, extract_rate = static_cast<double>(extracted) / extract_seconds;
    double overhead = (pass_seconds - extract_seconds) / extract_seconds;
    double io_overhead = (pass_seconds - process_seconds) / process_seconds;
    pass_rates.push_back(pass_rate);
    extract_rates.push_back(extract_rate);
    overheads.push_back(overhead);
    io_overheads.push_back(io_overhead);
    process_rates.push_back(static_cast<double>(articles) / process_seconds);
    second_pass.push_back(second_seconds);
    std::printf("run %d: pass %.0f articles/s (%.2f s); extraction alone %.0f/s (%.2f s): +%.0f%%; "
                "extract+render+flag+hash alone %.2f s: +%.0f%%; second pass %.3f s, %zu requests, "
                "%zu/%d feeds not modified, new %d\n",
                run + 1, pass_rate, pass_seconds, extract_rate, extract_seconds, overhead * 100,
                process_seconds, io_overhead * 100, second_seconds, second_requests, not_modified, hosts,
                second ? second->items_new : -1);
    for (auto& s : servers) s->clear_requests();
  }
  std::printf("median of %d runs, %d articles on %d hosts: pass %.0f articles/s; extraction alone %.0f/s "
              "(pass +%.0f%%); processing alone %.0f/s (fetch+store+scheduling +%.0f%% wall, +%.0f%% CPU of the pass thread); second pass %.3f s; "
              "peak RSS after the first pass %ld MiB\n",
              runs, articles, hosts, median(pass_rates), median(extract_rates), median(overheads) * 100,
              median(process_rates), median(io_overheads) * 100, median(cpu_overheads) * 100, median(second_pass),
              pass_peak_rss / 1024);
  curl_global_cleanup();
  return 0;
}
