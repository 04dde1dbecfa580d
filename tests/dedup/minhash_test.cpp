// dedup/minhash.cpp on real article text: the corpus seeds republished with another outlet's
// boilerplate, corrected, cut short as a wire copy, and set against other articles on the
// same subject.
#include "dedup/minhash.h"

#include <gtest/gtest.h>

#include "normalize/seed_format.h"
#include "tests/support/test_files.h"

namespace {

std::string seed_body(const std::string& file) {
  auto article = normalize::parse_seed(test_support::read_file(test_support::source_path("tests/data/seeds/" + file)));
  EXPECT_TRUE(article) << file;
  return article ? normalize::plain_text(article->blocks) : std::string{};
}

const std::string kSeed000 = "000_f638798d4e6aeb8a.txt";  // CubaHeadlines: tech center
const std::string kSeed001 = "001_a03e604598e42abc.txt";  // Rostec
const std::string kSeed002 = "002_4a3a340b16a89f33.txt";  // Radio Habana Cuba: broadening cooperation
const std::string kSeed003 = "003_bab5c734186a52be.txt";  // The Moscow Times: industrial production
const std::string kSeed004 = "004_9b3700362939b385.txt";  // CiberCuba: Leningrad tribute

bool is_near(const std::string& a, const std::string& b) {
  return dedup::near_duplicate(dedup::fingerprint(a), dedup::fingerprint(b)).has_value();
}

bool share_a_band(const std::string& a, const std::string& b) {
  auto ka = dedup::band_keys(dedup::fingerprint(a)), kb = dedup::band_keys(dedup::fingerprint(b));
  for (std::size_t i = 0; i < ka.size(); ++i)
    if (ka[i] == kb[i]) return true;
  return false;
}

TEST(MinHash, GivesTheSameTextTheSameFingerprint) {
  std::string body = seed_body(kSeed002);
  EXPECT_EQ(dedup::fingerprint(body), dedup::fingerprint(body));
  EXPECT_DOUBLE_EQ(dedup::resemblance(dedup::fingerprint(body), dedup::fingerprint(body)), 1.0);
}

TEST(MinHash, FindsACopyUnderAnotherOutletsBoilerplate) {
  std::string body = seed_body(kSeed002);
  std::string republished =
      "Follow us on Telegram and WhatsApp for the latest news from Havana and the rest of the island.\n\n" + body +
      "\n\nFiled under: Cuba, Russia, Economy, Diplomacy. Share this article. Read more: Cuba and "
      "Russia sign agreements on energy; Moscow sends wheat to Havana; Tourists from Russia return.";
  EXPECT_TRUE(is_near(body, republished));
  EXPECT_TRUE(share_a_band(body, republished));
}

TEST(MinHash, FindsALightlyEditedCopy) {
  std::string body = seed_body(kSeed003);
  std::string edited = body;
  // A corrected figure and a reworded sentence, as a correction an hour later would have.
  if (auto at = edited.find("Russian"); at != std::string::npos) edited.replace(at, 7, "Russia's");
  if (auto at = edited.find(". "); at != std::string::npos) edited.insert(at, ", the ministry said on Friday");
  edited += "\n\nThis article was updated to include a statement from the Cuban embassy.";
  EXPECT_TRUE(is_near(body, edited));
  EXPECT_TRUE(share_a_band(body, edited));
}

TEST(MinHash, FindsAWireCopyCutShort) {
  // Another outlet runs the first two thirds of the story under its own dateline.
  std::string body = seed_body(kSeed000);
  std::string cut = "HAVANA, (Sputnik) - " + body.substr(0, body.size() * 2 / 3);
  auto similarity = dedup::near_duplicate(dedup::fingerprint(body), dedup::fingerprint(cut));
  ASSERT_TRUE(similarity);
  EXPECT_GT(similarity->containment, 0.9);
}

TEST(MinHash, KeepsDifferentArticlesOnTheSameSubjectApart) {
  // Five Cuba-Russia stories: the same names and vocabulary, written separately.
  const std::vector<std::string> seeds = {kSeed000, kSeed001, kSeed002, kSeed003, kSeed004};
  for (std::size_t i = 0; i < seeds.size(); ++i)
    for (std::size_t j = i + 1; j < seeds.size(); ++j) {
      auto a = dedup::fingerprint(seed_body(seeds[i])), b = dedup::fingerprint(seed_body(seeds[j]));
      EXPECT_LT(dedup::resemblance(a, b), 0.1) << seeds[i] << " / " << seeds[j];
      EXPECT_FALSE(dedup::near_duplicate(a, b)) << seeds[i] << " / " << seeds[j];
    }
}

TEST(MinHash, DoesNotCallAShortTextInsideALongOneADuplicate) {
  // A one-paragraph summary of a long article: most of its words are the article's, but it is
  // not a copy of it; lengths this far apart are judged by resemblance alone.
  std::string body = seed_body(kSeed003);
  std::string summary = body.substr(0, 200);
  EXPECT_FALSE(is_near(body, summary));
}

TEST(MinHash, TreatsAnEmptyTextAsLikeNothing) {
  auto empty = dedup::fingerprint("");
  EXPECT_EQ(empty.shingles, 0u);
  EXPECT_EQ(dedup::resemblance(empty, empty), 0.0);
  EXPECT_FALSE(dedup::near_duplicate(empty, empty));
}

TEST(MinHash, ReadsBackWhatItEncodes) {
  auto f = dedup::fingerprint(seed_body(kSeed004));
  std::string blob = dedup::encode(f);
  EXPECT_EQ(blob.size(), dedup::kSlots * 4);
  EXPECT_EQ(dedup::decode(blob, f.shingles), f);
  EXPECT_FALSE(dedup::decode(blob.substr(1), f.shingles));
}

TEST(MinHash, GivesPairsOfResemblanceOneHalfASharedBandNearlyAlways) {
  // 100 pairs of texts sharing half their shingles (a common part X, then Y or Z, each half
  // as long as X). With bands of two slots, 99% of such pairs share a key; with bands of four
  // it would be 64%, and the index would miss a third of them.
  auto words = [](int from, int count) {
    std::string text;
    for (int i = from; i < from + count; ++i) text += "w" + std::to_string(i) + " ";
    return text;
  };
  int sharing = 0;
  for (int pair = 0; pair < 100; ++pair) {
    int base = pair * 10'000;
    std::string x = words(base, 200);
    auto a = dedup::fingerprint(x + words(base + 1'000, 100)), b = dedup::fingerprint(x + words(base + 2'000, 100));
    auto ka = dedup::band_keys(a), kb = dedup::band_keys(b);
    bool shared = false;
    for (std::size_t i = 0; i < ka.size(); ++i) shared = shared || ka[i] == kb[i];
    sharing += shared;
  }
  EXPECT_GE(sharing, 93);
}

TEST(MinHash, KeysEveryBandApart) {
  // Equal minima in two different bands must not give equal keys, or every text would be a
  // candidate of every other through its constant bands.
  dedup::Fingerprint f;
  f.shingles = 1;
  auto keys = dedup::band_keys(f);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
}

}  // namespace
