// store/fingerprints.cpp: the near-duplicate index over stored items and corpus files, on the
// seeds' real text.
#include "store/fingerprints.h"

#include <gtest/gtest.h>

#include "normalize/seed_format.h"
#include "tests/store/store_test_support.h"

namespace {

using store_test::StoreTest;

std::string seed_body(const std::string& file) {
  auto article = normalize::parse_seed(test_support::read_file(test_support::source_path("tests/data/seeds/" + file)));
  EXPECT_TRUE(article) << file;
  return article ? normalize::plain_text(article->blocks) : std::string{};
}

const std::string kSeed000 = "000_f638798d4e6aeb8a.txt";
const std::string kSeed002 = "002_4a3a340b16a89f33.txt";
const std::string kSeed003 = "003_bab5c734186a52be.txt";
const std::string kSeed004 = "004_9b3700362939b385.txt";

std::string with_boilerplate(const std::string& body) {
  return "Síguenos en Telegram y WhatsApp para recibir las noticias de Cuba al momento.\n\n" + body +
         "\n\nArchivado en: Cuba, Rusia, Economía. Comparte esta noticia con tus amigos.";
}

class Fingerprints : public StoreTest {
 protected:
  void put_item(std::int64_t id, const std::string& text) {
    ASSERT_TRUE(store::put_fingerprint(db(), store::FingerprintOwner{id, std::nullopt}, dedup::fingerprint(text)));
  }
  void put_file(const std::string& name, const std::string& text) {
    ASSERT_TRUE(store::put_fingerprint(db(), store::FingerprintOwner{std::nullopt, name}, dedup::fingerprint(text)));
  }
  std::optional<store::NearMatch> lookup(const std::string& text, std::int64_t excluding = 0) {
    auto found = store::find_near_duplicate(db(), dedup::fingerprint(text), excluding);
    EXPECT_TRUE(found.has_value()) << found.error().message;
    return found.value_or(std::nullopt);
  }
};

TEST_F(Fingerprints, FindAnItemRepublishedUnderOtherBoilerplateAndSayHowSimilar) {
  std::int64_t original = discover("https://www.themoscowtimes.com/a1");
  put_item(original, seed_body(kSeed003));
  put_item(discover("https://www.themoscowtimes.com/a2"), seed_body(kSeed000));
  auto match = lookup(with_boilerplate(seed_body(kSeed003)));
  ASSERT_TRUE(match);
  EXPECT_EQ(match->owner.item_id, original);
  EXPECT_GT(match->similarity.resemblance, 0.7);
  EXPECT_LT(match->similarity.resemblance, 1.0);
}

TEST_F(Fingerprints, FindACorpusFileAndPreferItOnATie) {
  put_item(discover("https://www.cibercuba.com/noticias/x-nid1-"), seed_body(kSeed004));
  put_file(kSeed004, seed_body(kSeed004));
  auto match = lookup(seed_body(kSeed004));
  ASSERT_TRUE(match);
  EXPECT_EQ(match->owner.corpus_file, kSeed004);
  EXPECT_EQ(match->owner.item_id, std::nullopt);
}

TEST_F(Fingerprints, LeaveOutTheItemBeingChecked) {
  std::int64_t id = discover("https://www.radiohc.cu/en/1");
  put_item(id, seed_body(kSeed002));
  EXPECT_FALSE(lookup(seed_body(kSeed002), id));
  EXPECT_TRUE(lookup(seed_body(kSeed002), 0));
}

TEST_F(Fingerprints, MatchNoArticleOnTheSameSubjectWrittenSeparately) {
  put_item(discover("https://www.radiohc.cu/en/1"), seed_body(kSeed002));
  put_item(discover("https://www.radiohc.cu/en/2"), seed_body(kSeed000));
  put_file(kSeed004, seed_body(kSeed004));
  EXPECT_FALSE(lookup(seed_body(kSeed003)));
}

TEST_F(Fingerprints, ReplaceAnOwnersFingerprintWithItsKeys) {
  std::int64_t id = discover("https://www.radiohc.cu/en/1");
  put_item(id, seed_body(kSeed002));
  put_item(id, seed_body(kSeed003));
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM fingerprints"), 1);
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM fingerprint_bands"), static_cast<std::int64_t>(dedup::kBands));
  EXPECT_FALSE(lookup(seed_body(kSeed002)));
  EXPECT_TRUE(lookup(seed_body(kSeed003)));
}

TEST_F(Fingerprints, StoreNothingForAnEmptyText) {
  put_item(discover("https://www.radiohc.cu/en/1"), "");
  EXPECT_EQ(count_rows("SELECT COUNT(*) FROM fingerprints"), 0);
  EXPECT_FALSE(lookup(""));
}

TEST_F(Fingerprints, SkipADamagedRowAndStillFindTheOthers) {
  std::int64_t damaged = discover("https://www.radiohc.cu/en/1");
  put_item(damaged, seed_body(kSeed002));
  std::int64_t good = discover("https://www.radiohc.cu/en/2");
  put_item(good, seed_body(kSeed002));
  auto stmt = db().prepare("UPDATE fingerprints SET minima = X'00' WHERE item_id = ?1");
  ASSERT_TRUE(stmt);
  ASSERT_TRUE(stmt->bind(1, damaged).run());
  auto match = lookup(seed_body(kSeed002));
  ASSERT_TRUE(match);
  EXPECT_EQ(match->owner.item_id, good);
}

}  // namespace
