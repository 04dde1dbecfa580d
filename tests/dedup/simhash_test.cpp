// dedup/simhash.cpp on real article text: the corpus seeds, copied with another outlet's
// boilerplate, lightly edited, and set against other articles on the same subject.
#include "dedup/simhash.h"

#include <gtest/gtest.h>

#include "normalize/seed_format.h"
#include "tests/support/test_files.h"

namespace {

std::string seed_body(const std::string& file) {
  auto article = normalize::parse_seed(test_support::read_file(test_support::source_path("tests/data/seeds/" + file)));
  EXPECT_TRUE(article) << file;
  return article ? normalize::plain_text(article->blocks) : std::string{};
}

const std::string kSeed002 = "002_4a3a340b16a89f33.txt";  // Radio Habana Cuba: broadening cooperation
const std::string kSeed003 = "003_bab5c734186a52be.txt";  // The Moscow Times: industrial production
const std::string kSeed000 = "000_f638798d4e6aeb8a.txt";  // CubaHeadlines: tech center
const std::string kSeed004 = "004_9b3700362939b385.txt";  // CiberCuba: Leningrad tribute

int distance(const std::string& a, const std::string& b) {
  return dedup::hamming_distance(dedup::simhash(a), dedup::simhash(b));
}

TEST(SimHash, GivesTheSameTextTheSameFingerprint) {
  std::string body = seed_body(kSeed002);
  EXPECT_EQ(dedup::simhash(body), dedup::simhash(body));
  EXPECT_NE(dedup::simhash(body), 0u);
}

TEST(SimHash, IgnoresCaseAndPunctuation) {
  EXPECT_EQ(dedup::simhash("Cuba and Russia signed an agreement in Havana."),
            dedup::simhash("CUBA AND RUSSIA SIGNED AN AGREEMENT IN HAVANA"));
  EXPECT_EQ(dedup::simhash("Куба и Россия подписали соглашение"), dedup::simhash("КУБА И РОССИЯ ПОДПИСАЛИ СОГЛАШЕНИЕ"));
}

TEST(SimHash, KeepsACopyWithAnotherOutletsBoilerplateClose) {
  std::string body = seed_body(kSeed002);
  std::string republished = "Follow us on Telegram and WhatsApp for the latest news from Havana.\n\n" + body +
                            "\n\nFiled under: Cuba, Russia, Economy, Diplomacy. Share this article.";
  EXPECT_LE(distance(body, republished), 6);
}

TEST(SimHash, KeepsALightlyEditedCopyClose) {
  std::string body = seed_body(kSeed003);
  std::string edited = body;
  // A corrected figure and a reworded sentence, as a correction an hour later would have.
  if (auto at = edited.find("Russian"); at != std::string::npos) edited.replace(at, 7, "Russia's");
  if (auto at = edited.find(". "); at != std::string::npos) edited.insert(at, ", the ministry said");
  EXPECT_LE(distance(body, edited), 6);
}

TEST(SimHash, SetsDifferentArticlesOnTheSameSubjectFarApart) {
  // Four Cuba-Russia stories: the same names and vocabulary, written separately.
  const std::vector<std::string> seeds = {kSeed000, kSeed002, kSeed003, kSeed004};
  for (std::size_t i = 0; i < seeds.size(); ++i)
    for (std::size_t j = i + 1; j < seeds.size(); ++j)
      EXPECT_GE(distance(seed_body(seeds[i]), seed_body(seeds[j])), 16) << seeds[i] << " / " << seeds[j];
}

TEST(SimHash, BandsFindEveryPairWithinThreeBits) {
  std::uint64_t fingerprint = dedup::simhash(seed_body(kSeed004));
  // Flip three bits in three different bands: one band is still untouched.
  std::uint64_t near = fingerprint ^ (std::uint64_t{1} << 3) ^ (std::uint64_t{1} << 20) ^ (std::uint64_t{1} << 40);
  auto a = dedup::bands(fingerprint), b = dedup::bands(near);
  int shared = 0;
  for (std::size_t k = 0; k < a.size(); ++k) shared += a[k] == b[k];
  EXPECT_EQ(shared, 1);
  EXPECT_EQ(dedup::hamming_distance(fingerprint, near), 3);
}

}  // namespace
