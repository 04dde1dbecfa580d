// Calibration of the near-duplicate thresholds on real article text (docs/benchmarks.md,
// "Near-duplicate calibration"). For every fundus-dev page whose expected body has more than 80
// words, five copies of the kind the pipeline must catch, each compared with the original:
//
//   boilerplate  another outlet's boilerplate, about 40 words before and 40 after
//   light edit   2% of the words replaced
//   correction   one sentence replaced, one sentence added
//   wire cut     the first 80% of the words under a dateline, with boilerplate after
//   cut to 60%   the first 60% of the words
//
// and every pair of different pages, which must stay apart (the one real revision in the corpus,
// de/Taz_2023_04_28 and de/Taz_2024_10_23, is reported on its own). "near" is
// dedup::near_duplicate; "found" also asks that the pair share a band key, without which the
// store's index never compares them, and a last column asks the same of 32 bands of 2 slots cut
// from the same minima. Then the resemblance threshold is swept from 0.3 to 0.7.
//
//   build/bench/dedup_calibration [--corpus ../shared/corpora/fundus-dev] [--seed 1] [--copies 4]
//
// The corpus defaults to $INGEST_FUNDUS_DIR, else ../shared/corpora/fundus-dev beside the
// sources; without it the program says so and exits with status 1. --copies: how many copies
// of each kind are made of each page, each with its own random choices (which words, which
// sentence, which boilerplate).
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "dedup/minhash.h"
#include "dedup/shingles.h"
#include "normalize/text.h"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr std::size_t kMinimumWords = 80;
const std::string kRevisionA = "de/Taz_2023_04_28";
const std::string kRevisionB = "de/Taz_2024_10_23";

// What other outlets put around a story they copy: follow-us lines, newsletter offers, tags,
// related links, copyright. Several languages, as the outlets have.
const std::vector<std::string> kBoilerplate = {
    "Follow us on Telegram and WhatsApp for the latest news from Havana and the rest of the island.",
    "Subscribe to our daily newsletter and get the most important stories of the day in your inbox.",
    "Filed under: Politics, Economy, International, Diplomacy. Share this article on Facebook or X.",
    "Read more: Energy agreements signed in Moscow; wheat shipment arrives in Havana; tourism recovers.",
    "Síguenos en nuestras redes sociales y suscríbete a nuestro boletín para no perderte ninguna noticia.",
    "Todos los derechos reservados. Prohibida la reproducción total o parcial sin autorización expresa.",
    "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать главные новости дня.",
    "При использовании материалов ссылка на источник обязательна. Все права защищены.",
    "Folgen Sie uns auf Facebook und Instagram und abonnieren Sie unseren kostenlosen Newsletter.",
    "Copyright 2026 by the news agency. All rights reserved. This material may not be redistributed.",
    "Related stories: Government announces new measures; Opposition criticises the budget plan.",
    "Advertisement. Continue reading below. Comments are closed for this article after seven days.",
};

const std::vector<std::string> kDatelines = {
    "MOSCOW, Nov 22 (Reuters) -", "HAVANA (AP) —", "BERLIN, 22. November (dpa) -", "LA HABANA, 22 nov (EFE).-",
    "MADRID, 22 Nov. (EUROPA PRESS) -",
};

struct Page {
  std::string name;  // "de/Taz_2023_04_28"
  std::string body;
  std::vector<std::string> words;  // split at white space
};

void collect_strings(const json::value& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    out.emplace_back(value.as_string());
  } else if (value.is_array()) {
    for (const auto& v : value.as_array()) collect_strings(v, out);
  } else if (value.is_object()) {
    for (const auto& [key, v] : value.as_object()) collect_strings(v, out);
  }
}

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in{normalize::collapse_whitespace(text)};
  for (std::string word; in >> word;) words.push_back(std::move(word));
  return words;
}

std::string join(const std::vector<std::string>& words, std::size_t begin, std::size_t end) {
  std::string text;
  for (std::size_t i = begin; i < end && i < words.size(); ++i) {
    if (!text.empty()) text += ' ';
    text += words[i];
  }
  return text;
}

std::vector<Page> read_corpus(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<Page> pages;
  for (const auto& file : files) {
    std::ifstream in{file, std::ios::binary};
    std::stringstream content;
    content << in.rdbuf();
    boost::system::error_code ec;
    json::value document = json::parse(content.str(), ec);
    if (ec || !document.is_object() || !document.as_object().contains("body")) {
      std::cerr << file.string() << ": no body, skipped\n";
      continue;
    }
    std::vector<std::string> blocks;
    collect_strings(document.as_object().at("body"), blocks);
    Page page;
    page.name = fs::relative(file, folder).replace_extension().generic_string();
    for (const auto& block : blocks) {
      if (!page.body.empty()) page.body += "\n\n";
      page.body += block;
    }
    page.words = split_words(page.body);
    pages.push_back(std::move(page));
  }
  return pages;
}

std::string boilerplate(std::mt19937_64& rng, std::size_t words) {
  std::string text;
  std::size_t count = 0;
  while (count < words) {
    const std::string& sentence = kBoilerplate[rng() % kBoilerplate.size()];
    if (!text.empty()) text += ' ';
    text += sentence;
    count += split_words(sentence).size();
  }
  return text;
}

// Sentences as word ranges: a word ending in . ! ? 。 or । (or a full stop and a closing quote)
// ends one. A run of more than 40 words without one is cut every 40 words, so that a "sentence"
// stays sentence-sized in text without stops.
std::vector<std::pair<std::size_t, std::size_t>> sentences(const std::vector<std::string>& words) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    bool end = !w.empty() && (w.back() == '.' || w.back() == '!' || w.back() == '?' ||
                              w.ends_with("\xE3\x80\x82") || w.ends_with("\xE0\xA5\xA4") || w.ends_with(".\"") ||
                              w.ends_with(".\xE2\x80\x9C") || w.ends_with(".\xE2\x80\x9D") || w.ends_with(".\xC2\xBB"));
    if (end || i + 1 == words.size() || i + 1 - start == 40) {
      out.emplace_back(start, i + 1);
      start = i + 1;
    }
  }
  return out;
}

enum Kind { kBoilerplateKind, kLightEdit, kCorrection, kWireCut, kCutTo60, kKinds };
const char* const kKindNames[kKinds] = {"boilerplate (+40 / +40 words)", "light edit (2% of words)",
                                        "correction (1 sentence replaced, 1 added)",
                                        "wire cut (80% + dateline + boilerplate)", "cut to 60%"};

std::string variant(const Page& page, Kind kind, std::mt19937_64& rng) {
  const auto& words = page.words;
  std::size_t n = words.size();
  switch (kind) {
    case kBoilerplateKind:
      return boilerplate(rng, 40) + "\n\n" + page.body + "\n\n" + boilerplate(rng, 40);
    case kLightEdit: {
      // Another word of the same page: the same language, as an editor's change would be.
      std::vector<std::string> edited = words;
      std::size_t changes = std::max<std::size_t>(1, (n * 2 + 50) / 100);
      for (std::size_t k = 0; k < changes; ++k) edited[rng() % n] = words[rng() % n];
      return join(edited, 0, n);
    }
    case kCorrection: {
      auto spans = sentences(words);
      std::vector<std::string> edited;
      auto replaced = spans[rng() % spans.size()];
      for (std::size_t i = 0; i < n; ++i) {
        if (i == replaced.first)
          for (std::size_t k = replaced.first; k < replaced.second; ++k) edited.push_back(words[rng() % n]);
        if (i < replaced.first || i >= replaced.second) edited.push_back(words[i]);
      }
      // The added sentence: new words (the corrected fact), at a random sentence boundary.
      auto after = spans[rng() % spans.size()].second;
      std::vector<std::string> added;
      std::size_t length = 12 + rng() % 12;
      for (std::size_t k = 0; k < length; ++k) added.push_back(words[rng() % n]);
      std::size_t at = std::min(edited.size(), after);
      edited.insert(edited.begin() + static_cast<std::ptrdiff_t>(at), added.begin(), added.end());
      return join(edited, 0, edited.size());
    }
    case kWireCut:
      return kDatelines[rng() % kDatelines.size()] + " " + join(words, 0, n * 8 / 10) + "\n\n" + boilerplate(rng, 40);
    case kCutTo60:
      return join(words, 0, n * 6 / 10);
    case kKinds:
      break;
  }
  return {};
}

bool share_a_band(const dedup::Fingerprint& a, const dedup::Fingerprint& b) {
  auto ka = dedup::band_keys(a), kb = dedup::band_keys(b);
  for (std::size_t i = 0; i < ka.size(); ++i)
    if (ka[i] == kb[i]) return true;
  return false;
}

// The same with 32 bands of 2 slots, for comparison with the index's 16 bands of 4.
bool share_a_pair(const dedup::Fingerprint& a, const dedup::Fingerprint& b) {
  for (std::size_t i = 0; i < dedup::kSlots; i += 2)
    if (a.minima[i] == b.minima[i] && a.minima[i + 1] == b.minima[i + 1]) return true;
  return false;
}

double exact_resemblance(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::vector<std::uint64_t> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  double together = static_cast<double>(a.size() + b.size() - common.size());
  return together > 0 ? static_cast<double>(common.size()) / together : 0;
}

// near_duplicate with the resemblance threshold as a parameter; the containment rule as is.
bool near_at(const dedup::Fingerprint& a, const dedup::Fingerprint& b, double threshold) {
  double r = dedup::resemblance(a, b);
  if (a.shingles == 0 || b.shingles == 0) return false;
  if (r >= threshold) return true;
  double ratio = double(std::min(a.shingles, b.shingles)) / double(std::max(a.shingles, b.shingles));
  return ratio >= dedup::kContainmentMinLengthRatio && dedup::containment(a, b) >= dedup::kNearContainment;
}

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto at = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(at, values.size() - 1)];
}

struct Comparison {
  double resemblance = 0;
  double exact = 0;
  double containment = 0;
  bool near = false;
  bool banded = false;
  bool paired = false;
  dedup::Fingerprint a, b;
};

Comparison compare(const std::string& x, const std::string& y) {
  auto hx = dedup::shingle_hashes(x), hy = dedup::shingle_hashes(y);
  Comparison c;
  c.a = dedup::fingerprint_of_shingles(hx);
  c.b = dedup::fingerprint_of_shingles(hy);
  c.resemblance = dedup::resemblance(c.a, c.b);
  c.containment = dedup::containment(c.a, c.b);
  c.exact = exact_resemblance(hx, hy);
  c.near = dedup::near_duplicate(c.a, c.b).has_value();
  c.banded = share_a_band(c.a, c.b);
  c.paired = share_a_pair(c.a, c.b);
  return c;
}

std::string percent(std::size_t part, std::size_t whole) {
  char out[32];
  std::snprintf(out, sizeof out, "%.1f%%", whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
  return out;
}

fs::path default_corpus() {
  if (const char* dir = std::getenv("INGEST_FUNDUS_DIR")) return dir;
  return fs::path{INGEST_SOURCE_DIR} / ".." / "shared" / "corpora" / "fundus-dev";
}

}  // namespace

int main(int argc, char** argv) {
  fs::path corpus = default_corpus();
  std::uint64_t seed = 1;
  std::size_t copies = 4;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--corpus" && i + 1 < argc) {
      corpus = argv[++i];
    } else if (arg == "--seed" && i + 1 < argc) {
      seed = std::stoull(argv[++i]);
    } else if (arg == "--copies" && i + 1 < argc) {
      copies = std::max<std::size_t>(1, std::stoul(argv[++i]));
    } else {
      std::cerr << "usage: dedup_calibration [--corpus ../shared/corpora/fundus-dev] [--seed 1] [--copies 4]\n";
      return 2;
    }
  }
  if (!fs::is_directory(corpus)) {
    std::cerr << "dedup_calibration: no corpus at " << corpus.string()
              << " (fundus-dev lives beside the project in ../shared/corpora; pass --corpus DIR)\n";
    return 1;
  }
  std::vector<Page> pages = read_corpus(corpus);
  std::size_t used = 0;
  for (const auto& page : pages) used += page.words.size() > kMinimumWords;
  std::printf("corpus %s: %zu pages, %zu with more than %zu words; %zu copies of each kind per page; seed %llu; "
              "the index: %zu bands of %zu slots\n\n",
              corpus.string().c_str(), pages.size(), used, kMinimumWords, copies,
              static_cast<unsigned long long>(seed), dedup::kBands, dedup::kRowsPerBand);

  // The copies.
  std::vector<Comparison> by_kind[kKinds];
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const Page& page = pages[p];
    if (page.words.size() <= kMinimumWords) continue;
    for (int k = 0; k < kKinds; ++k)
      for (std::size_t copy = 0; copy < copies; ++copy) {
        std::mt19937_64 rng{seed * 1'000'003 + (p * 16 + static_cast<std::size_t>(k)) * 1009 + copy};
        by_kind[k].push_back(compare(page.body, variant(page, static_cast<Kind>(k), rng)));
      }
  }
  std::printf("| copy of a page (%zu pages x %zu) | resemblance: min | p10 | median | exact Jaccard, median "
              "| containment, median | near | found by the index | found with 32 bands of 2 |\n"
              "|---|---|---|---|---|---|---|---|---|\n",
              used, copies);
  for (int k = 0; k < kKinds; ++k) {
    std::vector<double> r, exact, containment;
    std::size_t near = 0, found = 0, found_pairs = 0;
    for (const auto& c : by_kind[k]) {
      r.push_back(c.resemblance);
      exact.push_back(c.exact);
      containment.push_back(c.containment);
      near += c.near;
      found += c.near && c.banded;
      found_pairs += c.near && c.paired;
    }
    std::printf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %s | %s | %s |\n", kKindNames[k], quantile(r, 0),
                quantile(r, 0.1), quantile(r, 0.5), quantile(exact, 0.5), quantile(containment, 0.5),
                percent(near, by_kind[k].size()).c_str(), percent(found, by_kind[k].size()).c_str(),
                percent(found_pairs, by_kind[k].size()).c_str());
  }

  // Every pair of different pages.
  std::vector<dedup::Fingerprint> prints;
  for (const auto& page : pages) prints.push_back(dedup::fingerprint(page.body));
  std::vector<double> pair_r;
  std::vector<std::pair<std::size_t, std::size_t>> pair_indexes;  // for the sweep
  std::vector<std::string> near_pairs;
  std::size_t banded = 0, paired = 0;
  std::string revision;
  double max_r = 0;
  std::string max_pair;
  for (std::size_t i = 0; i < pages.size(); ++i)
    for (std::size_t j = i + 1; j < pages.size(); ++j) {
      const auto& a = prints[i];
      const auto& b = prints[j];
      double r = dedup::resemblance(a, b);
      auto similar = dedup::near_duplicate(a, b);
      bool band = share_a_band(a, b);
      bool is_revision = (pages[i].name == kRevisionA && pages[j].name == kRevisionB) ||
                         (pages[i].name == kRevisionB && pages[j].name == kRevisionA);
      if (is_revision) {
        Comparison c = compare(pages[i].body, pages[j].body);
        char line[256];
        std::snprintf(line, sizeof line,
                      "%s / %s (%zu and %zu words): resemblance %.3f (exact %.3f), containment %.3f, %s, %s",
                      pages[i].name.c_str(), pages[j].name.c_str(), pages[i].words.size(), pages[j].words.size(),
                      c.resemblance, c.exact, c.containment, c.near ? "near" : "not near",
                      c.banded ? "shares a band key" : "shares no band key");
        revision = line;
        continue;
      }
      pair_indexes.emplace_back(i, j);
      pair_r.push_back(r);
      banded += band;
      paired += share_a_pair(a, b);
      if (r > max_r) {
        max_r = r;
        max_pair = pages[i].name + " / " + pages[j].name;
      }
      if (similar) {
        char line[256];
        std::snprintf(line, sizeof line, "%s / %s: resemblance %.3f, containment %.3f", pages[i].name.c_str(),
                      pages[j].name.c_str(), similar->resemblance, similar->containment);
        near_pairs.emplace_back(line);
      }
    }
  std::printf("\n| different pages | pairs | resemblance: max | p99.9 | p99 | near (false positives) "
              "| sharing a band key | sharing one of 32 bands of 2 |\n|---|---|---|---|---|---|---|---|\n");
  std::printf("| all pairs but the revision | %zu | %.3f | %.3f | %.3f | %zu | %zu | %zu |\n", pair_r.size(), max_r,
              quantile(pair_r, 0.999), quantile(pair_r, 0.99), near_pairs.size(), banded, paired);
  std::printf("\nmost similar different pages: %s (%.3f)\n", max_pair.c_str(), max_r);
  for (const auto& line : near_pairs) std::printf("near: %s\n", line.c_str());
  std::printf("real revision: %s\n", revision.empty() ? "(not in this corpus)" : revision.c_str());

  // The threshold sweep, the containment rule unchanged.
  std::printf("\n| resemblance threshold |");
  for (int k = 0; k < kKinds; ++k) std::printf(" %s |", kKindNames[k]);
  std::printf(" false positives (%zu pairs) |\n|---|", pair_indexes.size());
  for (int k = 0; k < kKinds; ++k) std::printf("---|");
  std::printf("---|\n");
  for (int step = 3; step <= 7; ++step) {
    double threshold = step / 10.0;
    std::printf("| %.1f%s |", threshold, step == 5 ? " (now)" : "");
    for (int k = 0; k < kKinds; ++k) {
      std::size_t near = 0, found = 0;
      for (const auto& c : by_kind[k]) {
        bool n = near_at(c.a, c.b, threshold);
        near += n;
        found += n && c.banded;
      }
      std::printf(" %s / %s |", percent(near, by_kind[k].size()).c_str(), percent(found, by_kind[k].size()).c_str());
    }
    std::size_t false_positives = 0;
    for (const auto& [i, j] : pair_indexes) false_positives += near_at(prints[i], prints[j], threshold);
    std::printf(" %zu |\n", false_positives);
  }
  std::printf("\n(each cell: near / found by the index)\n");
  return 0;
}
