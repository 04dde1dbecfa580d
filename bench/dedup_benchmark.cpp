// The near-duplicate index at scale (docs/benchmarks.md, "Deduplication index"): for each store
// size N, a fresh SQLite store filled with the fingerprints of N synthetic texts, then --ops new
// texts each looked up and inserted the way the pipeline does it for a new article
// (find_near_duplicate, then put_fingerprint committed in its own transaction). One new text in
// 100 is a planted copy of a stored one (10% of its words changed): the table says how many the
// lookup found, of those near_duplicate accepts by direct comparison. Prints one table line per
// size, then per size how many candidates a lookup would read with 32 bands of 2 slots.
//
//   build/bench/dedup_benchmark [--sizes 10000,100000,1000000] [--ops 2000] [--dir DIR]
//                               [--batch 10000] [--fill-cache-mib 0] [--owner item|corpus]
//                               [--reuse] [--cache-mib 0] [--mmap-mib 0]
//
// Texts are about 300 words drawn from a Zipf-like vocabulary of 50,000 generated words, so
// common word triples recur across texts as they do in news. Text i comes from its own seed,
// so a stored text can be generated again to plant a copy of it, and runs are comparable.
// --fill-cache-mib sets PRAGMA cache_size for the fill only (0: SQLite's default, as the store
// runs); the timed operations always run on a store opened as the pipeline opens it.
// --owner item (the default) gives every fingerprint an item of its own, as the pipeline stores
// articles (a bare items row, inserted outside the timings: foreign keys are on); --owner
// corpus names them as corpus files ("b-0000123"), as import-corpus does.
//
// For experiments: --reuse keeps a store of that size left in --dir by an earlier run instead of
// filling a new one (its earlier operations stay in it); --cache-mib and --mmap-mib set PRAGMA
// cache_size and mmap_size on the connection the operations run on (0: as the store opens it).
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "dedup/minhash.h"
#include "store/fingerprints.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr std::size_t kVocabulary = 50'000;
constexpr double kZipfExponent = 1.0;
constexpr std::uint64_t kSeed = 20261122;

double micros_since(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(at, values.size() - 1)];
}

std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Pronounceable words of one to four syllables, the shortest ranked most frequent, and a Zipf
// distribution over their ranks.
class Vocabulary {
 public:
  Vocabulary() {
    std::mt19937_64 rng{kSeed};
    const std::string consonants = "bcdfghjklmnprstvz";
    const std::string vowels = "aeiou";
    std::unordered_set<std::string> seen;
    while (words_.size() < kVocabulary) {
      std::size_t syllables = 1 + rng() % 4;
      std::string word;
      for (std::size_t s = 0; s < syllables; ++s) {
        word.push_back(consonants[rng() % consonants.size()]);
        word.push_back(vowels[rng() % vowels.size()]);
        if (rng() % 3 == 0) word.push_back(consonants[rng() % consonants.size()]);
      }
      if (seen.insert(word).second) words_.push_back(std::move(word));
    }
    std::stable_sort(words_.begin(), words_.end(),
                     [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
    double total = 0;
    cumulative_.reserve(kVocabulary);
    for (std::size_t rank = 1; rank <= kVocabulary; ++rank) {
      total += 1.0 / std::pow(static_cast<double>(rank), kZipfExponent);
      cumulative_.push_back(total);
    }
    for (double& c : cumulative_) c /= total;
  }

  const std::string& draw(std::mt19937_64& rng) const {
    double u = std::uniform_real_distribution<double>{0, 1}(rng);
    auto at = static_cast<std::size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), u) - cumulative_.begin());
    return words_[std::min(at, words_.size() - 1)];
  }

 private:
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

// The words of text number `index`: 250 to 350 of them.
std::vector<std::string> text_words(const Vocabulary& vocabulary, std::uint64_t index) {
  std::mt19937_64 rng{splitmix(kSeed ^ (index * 0x9E3779B97F4A7C15ULL))};
  std::size_t count = 250 + rng() % 101;
  std::vector<std::string> words;
  words.reserve(count);
  for (std::size_t i = 0; i < count; ++i) words.push_back(vocabulary.draw(rng));
  return words;
}

// Words as running text: sentences of 8 to 24 words with a capital and a full stop, paragraphs
// of four sentences.
std::string as_text(const std::vector<std::string>& words, std::uint64_t index) {
  std::mt19937_64 rng{splitmix(index + 7)};
  std::string text;
  std::size_t left_in_sentence = 0, sentences = 0;
  for (const std::string& word : words) {
    if (left_in_sentence == 0) {
      if (!text.empty()) text += ++sentences % 4 == 0 ? ".\n\n" : ". ";
      left_in_sentence = 8 + rng() % 17;
      text += static_cast<char>(word[0] - 'a' + 'A');
      text.append(word, 1);
    } else {
      text += rng() % 12 == 0 ? ", " : " ";
      text += word;
    }
    --left_in_sentence;
  }
  text += '.';
  return text;
}

std::string owner_name(const char* prefix, std::size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "%s-%07zu", prefix, index);
  return name;
}

struct Options {
  std::vector<std::size_t> sizes{10'000, 100'000, 1'000'000};
  std::size_t ops = 2000;
  std::size_t batch = 10'000;
  long fill_cache_mib = 0;
  std::optional<fs::path> dir;
  bool corpus_owners = false;
  bool reuse = false;
  long cache_mib = 0;
  long mmap_mib = 0;
};

[[noreturn]] void usage() {
  std::cerr << "usage: dedup_benchmark [--sizes 10000,100000,1000000] [--ops 2000] [--dir DIR] "
               "[--batch 10000] [--fill-cache-mib 0] [--owner item|corpus] [--reuse] [--cache-mib 0] "
               "[--mmap-mib 0]\n";
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--reuse") {
      options.reuse = true;
      continue;
    }
    if (i + 1 >= argc) usage();
    std::string value = argv[++i];
    if (arg == "--sizes") {
      options.sizes.clear();
      std::size_t start = 0;
      while (start <= value.size()) {
        std::size_t comma = value.find(',', start);
        if (comma == std::string::npos) comma = value.size();
        options.sizes.push_back(std::stoul(value.substr(start, comma - start)));
        start = comma + 1;
      }
    } else if (arg == "--ops") {
      options.ops = std::stoul(value);
    } else if (arg == "--batch") {
      options.batch = std::max<std::size_t>(1, std::stoul(value));
    } else if (arg == "--fill-cache-mib") {
      options.fill_cache_mib = std::stol(value);
    } else if (arg == "--cache-mib") {
      options.cache_mib = std::stol(value);
    } else if (arg == "--mmap-mib") {
      options.mmap_mib = std::stol(value);
    } else if (arg == "--owner") {
      if (value != "item" && value != "corpus") usage();
      options.corpus_owners = value == "corpus";
    } else if (arg == "--dir") {
      options.dir = value;
    } else {
      usage();
    }
  }
  return options;
}

void check(const std::expected<void, store::Error>& result, const char* what) {
  if (result) return;
  std::cerr << what << ": " << result.error().message << "\n";
  std::exit(1);
}

store::Database open_or_exit(const fs::path& file) {
  auto db = store::open_store(file);
  if (!db) {
    std::cerr << db.error().message << "\n";
    std::exit(1);
  }
  return std::move(*db);
}

// The owner of text `name`: a corpus file of that name, or a new bare item (its own row, since
// fingerprints.item_id references items).
store::FingerprintOwner make_owner(store::Database& db, bool corpus_owner, const std::string& name) {
  if (corpus_owner) return store::FingerprintOwner{std::nullopt, name};
  // With its URL key, or open_store would take it for an item from before schema 3 and
  // backfill it.
  auto stmt = db.prepare_cached(
      "INSERT INTO items (canonical_url, url_key, outlet, state, discovered_at, updated_at) "
      "VALUES (?1, ?2, 'bench', 'stored', '2026-11-22T10:00:00Z', '2026-11-22T10:00:00Z')");
  if (!stmt) check(std::unexpected(stmt.error()), "prepare");
  check(stmt->bind(1, "https://bench.example/" + name).bind(2, "bench.example/" + name).run(), "insert item");
  return store::FingerprintOwner{db.last_insert_id(), std::nullopt};
}

// The owner of stored text `index`, found again by its name.
store::FingerprintOwner owner_of_text(store::Database& db, bool corpus_owner, std::size_t index) {
  std::string name = owner_name("b", index);
  if (corpus_owner) return store::FingerprintOwner{std::nullopt, name};
  auto stmt = db.prepare_cached("SELECT id FROM items WHERE canonical_url = ?1");
  if (!stmt) check(std::unexpected(stmt.error()), "prepare");
  stmt->bind(1, "https://bench.example/" + name);
  if (!stmt->step().value_or(false)) return {};
  return store::FingerprintOwner{stmt->column_int(0), std::nullopt};
}

bool same_owner(const store::FingerprintOwner& a, const store::FingerprintOwner& b) {
  return a.item_id == b.item_id && a.corpus_file == b.corpus_file;
}

// How many stored fingerprints share a band key with `fingerprint`: what one lookup reads.
std::int64_t candidates(store::Database& db, const dedup::Fingerprint& fingerprint) {
  auto keys = dedup::band_keys(fingerprint);
  std::string sql = "SELECT COUNT(DISTINCT fingerprint_id) FROM fingerprint_bands WHERE key IN (";
  for (std::size_t i = 0; i < keys.size(); ++i) sql += i ? ",?" : "?";
  sql += ")";
  auto stmt = db.prepare_cached(sql);
  if (!stmt) return -1;
  for (std::size_t i = 0; i < keys.size(); ++i) stmt->bind(static_cast<int>(i + 1), keys[i]);
  auto row = stmt->step();
  return row && *row ? stmt->column_int(0) : -1;
}

struct SizeResult {
  std::size_t size = 0;
  bool reused = false;
  double fill_seconds = 0;
  double fill_store_seconds = 0;
  double fingerprint_median_us = 0;
  double op_median_us = 0;
  double op_p90_us = 0;
  double lookup_median_us = 0;
  double insert_median_us = 0;
  std::size_t planted = 0;
  std::size_t planted_near = 0;  // near duplicates of their original by direct comparison
  std::size_t found = 0;         // found by find_near_duplicate, pointing at their original
  std::size_t false_matches = 0;
  double candidates_mean = 0;
  std::int64_t candidates_max = 0;
  double pairs_mean = 0;  // the same with 32 bands of 2 slots, over a sample of new texts
  std::size_t pairs_max = 0;
  std::size_t pairs_sample = 0;
  std::int64_t largest_key = 0;
  double index_bytes_per_fingerprint = 0;
  double file_bytes_per_fingerprint = 0;
  long peak_rss_kib = 0;
};

// Whether two fingerprints share one of 32 bands of 2 slots (the index uses 16 of 4): what a
// finer banding would make a candidate.
bool share_a_pair(const dedup::Fingerprint& a, const dedup::Fingerprint& b) {
  for (std::size_t i = 0; i < dedup::kSlots; i += 2)
    if (a.minima[i] == b.minima[i] && a.minima[i + 1] == b.minima[i + 1]) return true;
  return false;
}

// Bytes of the fingerprint tables and their indexes (dbstat), or -1 without dbstat.
double index_bytes(store::Database& db) {
  auto stmt = db.prepare(
      "SELECT SUM(pgsize) FROM dbstat WHERE name IN ('fingerprints', 'fingerprint_bands') "
      "OR name LIKE 'sqlite_autoindex_fingerprints_%'");
  if (!stmt || !stmt->step().value_or(false)) return -1;
  return static_cast<double>(stmt->column_int(0));
}

SizeResult run_size(const Vocabulary& vocabulary, const Options& options, const fs::path& dir, std::size_t size) {
  SizeResult result;
  result.size = size;
  fs::path file = dir / ("dedup-" + std::to_string(size) + ".db");
  result.reused = options.reuse && fs::exists(file);
  if (!result.reused)
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);

  // The fill: N texts, --batch per transaction.
  std::vector<double> fingerprint_us;
  if (!result.reused) {
    store::Database db = open_or_exit(file);
    if (options.fill_cache_mib > 0)
      check(db.execute("PRAGMA cache_size=-" + std::to_string(options.fill_cache_mib * 1024)), "cache_size");
    auto start = Clock::now();
    double store_us = 0;
    for (std::size_t done = 0; done < size;) {
      auto batch_start = Clock::now();
      auto tx = store::Transaction::begin(db);
      if (!tx) check(std::unexpected(tx.error()), "begin");
      store_us += micros_since(batch_start);
      std::size_t end = std::min(size, done + options.batch);
      for (; done < end; ++done) {
        std::string text = as_text(text_words(vocabulary, done), done);
        auto fingerprint_start = Clock::now();
        dedup::Fingerprint fingerprint = dedup::fingerprint(text);
        if (fingerprint_us.size() < 20'000) fingerprint_us.push_back(micros_since(fingerprint_start));
        store::FingerprintOwner owner = make_owner(db, options.corpus_owners, owner_name("b", done));
        auto put_start = Clock::now();
        check(store::put_fingerprint(db, owner, fingerprint), "put_fingerprint");
        store_us += micros_since(put_start);
      }
      auto commit_start = Clock::now();
      check(tx->commit(), "commit");
      store_us += micros_since(commit_start);
      if (size >= 100'000 && done % 100'000 == 0)
        std::fprintf(stderr, "  %zu: %zu filled, %.0f s\n", size, done, micros_since(start) / 1e6);
    }
    result.fill_seconds = micros_since(start) / 1e6;
    result.fill_store_seconds = store_us / 1e6;
  }
  // The operations, on a store opened as the pipeline opens it. One text in --ops/20 is a stored
  // text with 10% of its words changed; the rest are new texts. Their owners are named after the
  // run, so that a reused store takes them as new.
  store::Database db = open_or_exit(file);
  if (options.cache_mib > 0)
    check(db.execute("PRAGMA cache_size=-" + std::to_string(options.cache_mib * 1024)), "cache_size");
  if (options.mmap_mib > 0)
    check(db.execute("PRAGMA mmap_size=" + std::to_string(options.mmap_mib * 1024 * 1024)), "mmap_size");
  std::vector<store::FingerprintOwner> op_owners;
  {
    std::string run = "o" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1'000'000'007);
    auto tx = store::Transaction::begin(db);
    if (!tx) check(std::unexpected(tx.error()), "begin");
    for (std::size_t op = 0; op < options.ops; ++op)
      op_owners.push_back(make_owner(db, options.corpus_owners, owner_name(run.c_str(), op)));
    check(tx->commit(), "commit");
  }
  // New texts are numbered after every text already in the store (a reused store holds earlier
  // runs' texts too).
  std::size_t first_new = size;
  {
    auto stmt = db.prepare("SELECT COUNT(*) FROM fingerprints");
    if (stmt && stmt->step().value_or(false)) first_new = static_cast<std::size_t>(stmt->column_int(0));
  }
  std::size_t planted_every = std::max<std::size_t>(1, options.ops / 20);
  std::mt19937_64 rng{kSeed + first_new};
  std::vector<double> op_us, lookup_us, insert_us;
  std::vector<std::int64_t> candidate_counts;
  std::vector<dedup::Fingerprint> sample;  // new texts, for the 32-band estimate
  for (std::size_t op = 0; op < options.ops; ++op) {
    bool plant = op % planted_every == planted_every / 2 && size > 0;
    std::size_t source = plant ? static_cast<std::size_t>(rng() % size) : first_new + op;
    std::vector<std::string> words = text_words(vocabulary, source);
    if (plant)
      for (std::size_t k = 0; k < words.size() / 10; ++k) words[rng() % words.size()] = vocabulary.draw(rng);
    std::string text = as_text(words, source);

    auto fingerprint_start = Clock::now();
    dedup::Fingerprint fingerprint = dedup::fingerprint(text);
    fingerprint_us.push_back(micros_since(fingerprint_start));

    // As the pipeline does it: the lookup on its own, leaving out the item being checked, then
    // the insert committed in its own transaction.
    const store::FingerprintOwner& owner = op_owners[op];
    auto op_start = Clock::now();
    auto near = store::find_near_duplicate(db, fingerprint, owner.item_id.value_or(-1));
    double lookup = micros_since(op_start);
    if (!near) check(std::unexpected(near.error()), "find_near_duplicate");
    auto insert_start = Clock::now();
    {
      auto tx = store::Transaction::begin(db);
      if (!tx) check(std::unexpected(tx.error()), "begin");
      check(store::put_fingerprint(db, owner, fingerprint), "put_fingerprint");
      check(tx->commit(), "commit");
    }
    insert_us.push_back(micros_since(insert_start));
    op_us.push_back(micros_since(op_start));
    lookup_us.push_back(lookup);

    if (plant) {
      ++result.planted;
      auto original = dedup::fingerprint(as_text(text_words(vocabulary, source), source));
      if (dedup::near_duplicate(fingerprint, original)) ++result.planted_near;
      if (*near && same_owner((*near)->owner, owner_of_text(db, options.corpus_owners, source))) ++result.found;
    } else {
      if (*near) ++result.false_matches;
      if (sample.size() < 50) sample.push_back(fingerprint);
    }
    // Outside the timing: how many stored fingerprints the lookup had to read (the count now
    // includes the text's own, just inserted).
    candidate_counts.push_back(candidates(db, fingerprint) - 1);
  }
  result.fingerprint_median_us = percentile(fingerprint_us, 0.5);
  result.op_median_us = percentile(op_us, 0.5);
  result.op_p90_us = percentile(op_us, 0.9);
  result.lookup_median_us = percentile(lookup_us, 0.5);
  result.insert_median_us = percentile(insert_us, 0.5);
  if (!candidate_counts.empty()) {
    double sum = 0;
    for (auto c : candidate_counts) sum += static_cast<double>(c);
    result.candidates_mean = sum / static_cast<double>(candidate_counts.size());
    result.candidates_max = *std::max_element(candidate_counts.begin(), candidate_counts.end());
  }
  // One scan of the store: how many stored fingerprints each sampled text would have as
  // candidates with 32 bands of 2 slots (its own row, inserted, aside).
  {
    std::vector<std::size_t> pairs(sample.size(), 0);
    auto stmt = db.prepare("SELECT shingles, minima FROM fingerprints");
    while (stmt && stmt->step().value_or(false)) {
      auto stored = dedup::decode(stmt->column_blob(1), static_cast<std::uint32_t>(stmt->column_int(0)));
      if (!stored) continue;
      for (std::size_t k = 0; k < sample.size(); ++k) pairs[k] += share_a_pair(sample[k], *stored);
    }
    double sum = 0;
    for (std::size_t& p : pairs) {
      p = p > 0 ? p - 1 : 0;
      sum += static_cast<double>(p);
      result.pairs_max = std::max(result.pairs_max, p);
    }
    result.pairs_sample = sample.size();
    result.pairs_mean = sample.empty() ? 0 : sum / static_cast<double>(sample.size());
  }
  {
    auto stmt = db.prepare("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM fingerprint_bands GROUP BY key)");
    if (stmt && stmt->step().value_or(false)) result.largest_key = stmt->column_int(0);
  }
  check(db.execute("PRAGMA wal_checkpoint(TRUNCATE)"), "checkpoint");
  double fingerprints = static_cast<double>(size + options.ops);
  {
    auto stmt = db.prepare("SELECT COUNT(*) FROM fingerprints");
    if (stmt && stmt->step().value_or(false)) fingerprints = static_cast<double>(stmt->column_int(0));
  }
  result.index_bytes_per_fingerprint = index_bytes(db) / fingerprints;
  result.file_bytes_per_fingerprint = static_cast<double>(fs::file_size(file)) / fingerprints;
  result.peak_rss_kib = peak_rss_kib();
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  Options options = parse_options(argc, argv);
  fs::path dir;
  bool remove_dir = false;
  if (options.dir) {
    dir = *options.dir;
    fs::create_directories(dir);
  } else {
    dir = fs::temp_directory_path() / ("dedup-benchmark-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    remove_dir = true;
  }
  Vocabulary vocabulary;
  auto mib_or_default = [](long mib) { return mib > 0 ? std::to_string(mib) + " MiB" : std::string{"default"}; };
  std::printf("stores in %s; SQLite %s; owners: %s; fill: %zu per transaction, cache %s; %zu operations per size, "
              "cache %s, mmap %s\n\n",
              dir.c_str(), sqlite3_libversion(), options.corpus_owners ? "corpus files" : "items", options.batch,
              mib_or_default(options.fill_cache_mib).c_str(), options.ops, mib_or_default(options.cache_mib).c_str(),
              mib_or_default(options.mmap_mib).c_str());
  std::printf("| fingerprints | fill | fingerprint, per text | lookup + insert, median | p90 | lookup, median "
              "| insert + commit, median | planted: found / near / planted | candidates per lookup, mean / max "
              "| largest band key | MB per million: index / file | peak RSS |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  std::fflush(stdout);
  std::vector<std::string> notes;
  for (std::size_t size : options.sizes) {
    SizeResult r = run_size(vocabulary, options, dir, size);
    char note[200];
    std::snprintf(note, sizeof note,
                  "%zu: with 32 bands of 2 slots a lookup would read %.1f candidates on average, at most %zu "
                  "(%zu new texts, counted by a scan)",
                  r.size, r.pairs_mean, r.pairs_max, r.pairs_sample);
    notes.emplace_back(note);
    std::string false_matches =
        r.false_matches ? " (" + std::to_string(r.false_matches) + " new texts matched)" : std::string{};
    char fill[96] = "reused";
    if (!r.reused)
      std::snprintf(fill, sizeof fill, "%.1f s (%.0f/s; store alone %.0f/s)", r.fill_seconds,
                    static_cast<double>(r.size) / r.fill_seconds, static_cast<double>(r.size) / r.fill_store_seconds);
    std::printf("| %zu | %s | %.0f µs | %.0f µs | %.0f µs | %.0f µs | %.0f µs "
                "| %zu / %zu / %zu%s | %.1f / %lld | %lld | %.0f / %.0f | %.0f MiB |\n",
                r.size, fill, r.fingerprint_median_us, r.op_median_us,
                r.op_p90_us, r.lookup_median_us, r.insert_median_us, r.found, r.planted_near, r.planted,
                false_matches.c_str(), r.candidates_mean, static_cast<long long>(r.candidates_max),
                static_cast<long long>(r.largest_key), r.index_bytes_per_fingerprint, r.file_bytes_per_fingerprint,
                static_cast<double>(r.peak_rss_kib) / 1024.0);
    std::fflush(stdout);
  }
  std::printf("\n");
  for (const auto& note : notes) std::printf("%s\n", note.c_str());
  if (remove_dir) fs::remove_all(dir);
  return 0;
}
