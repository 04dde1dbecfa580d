// Deduplication through whole passes over real HTTP and a real SQLite file: a site written by
// the test (so that it can change between passes) with an outlet, a copycat republishing its
// story and a corpus article under other boilerplate, and a bilingual outlet.
#include "ingest/pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <set>

#include "flag/rules.h"
#include "ingest/pipeline/config.h"
#include "normalize/seed_format.h"
#include "store/corpus.h"
#include "store/items.h"
#include "store/store.h"
#include "tests/support/fixture_server.h"
#include "tests/support/test_files.h"

namespace {

using test_support::FixtureServer;
using test_support::TempDir;

std::vector<std::string> seed_paragraphs(const std::string& file) {
  auto article = normalize::parse_seed(test_support::read_file(test_support::source_path("tests/data/seeds/" + file)));
  std::vector<std::string> out;
  if (!article) return out;
  for (const auto& block : article->blocks) out.push_back(normalize::plain_text({block}));
  return out;
}

std::string page(const std::string& title, const std::vector<std::string>& paragraphs) {
  std::string html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
                     "</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>" + title + "</h1>";
  for (const auto& p : paragraphs) html += "<p>" + p + "</p>";
  return html + "</article><footer>All rights reserved.</footer></body></html>";
}

struct Entry {
  std::string link;
  std::string title;
  std::string date;  // RFC 822
};

std::string rss(const std::vector<Entry>& entries) {
  std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>{{origin}}/</link>";
  for (const auto& e : entries)
    xml += "<item><title>" + e.title + "</title><link>" + e.link + "</link><pubDate>" + e.date + "</pubDate></item>";
  return xml + "</channel></rss>";
}

const std::vector<std::string> kBoilerplate = {
    "Follow us on Telegram and WhatsApp for the latest news from Cuba and the world.",
    "Filed under: Cuba, Russia, Economy. Share this article with your friends and family."};

std::vector<std::string> with_boilerplate(std::vector<std::string> paragraphs) {
  paragraphs.insert(paragraphs.begin(), kBoilerplate[0]);
  paragraphs.push_back(kBoilerplate[1]);
  return paragraphs;
}

class PipelineDedupTest : public ::testing::Test {
 protected:
  PipelineDedupTest() : server_(site_.path()) {
    story_ = seed_paragraphs("003_bab5c734186a52be.txt");  // The Moscow Times
    other_ = seed_paragraphs("000_f638798d4e6aeb8a.txt");  // CubaHeadlines, same subject
    write("wire/2026/story-a100.html", page("Russia Eyes Management of Cuba's Industry", story_));
    write("wire/2026/other-a101.html", page("Russia to Establish a Tech Center in Cuba", other_));
    write_wire_feed("story-a100", "Mon, 13 Apr 2026 10:00:00 GMT");
    write("copy/republished.html", page("Russia eyes Cuban industry", with_boilerplate(story_)));
    write("copy/seed-copy.html", page("Cuba and Russia committed to broadening cooperation",
                                      with_boilerplate(seed_paragraphs("002_4a3a340b16a89f33.txt"))));
    write("copy/feed.xml", rss({{"{{origin}}/copy/republished.html", "Copy", "Mon, 13 Apr 2026 11:00:00 GMT"},
                                {"{{origin}}/copy/seed-copy.html", "Seed copy", "Mon, 13 Apr 2026 11:00:00 GMT"},
                                // The wire's story again, as a newsletter links it.
                                {"{{origin}}/wire/2026/story-a100.html/?utm_source=newsletter&amp;ref=rss",
                                 "Linked", "Mon, 13 Apr 2026 11:00:00 GMT"}}));
    write("radio/noticias/500-cuba-y-rusia.html",
          page("Cuba y Rusia firman acuerdos", {"Cuba y Rusia firmaron este lunes en La Habana nuevos acuerdos de "
                                                "cooperación en energía, transporte y agricultura, informó la cancillería.",
                                                "Los acuerdos incluyen el suministro de combustible ruso a la isla."}));
    write("radio/en/noticias/500-cuba-and-russia.html", page("Cuba and Russia sign agreements",
                                                            seed_paragraphs("001_a03e604598e42abc.txt")));
    write("radio/feed.xml", rss({{"{{origin}}/radio/noticias/500-cuba-y-rusia.html", "ES", "Mon, 13 Apr 2026 09:00:00 GMT"},
                                 {"{{origin}}/radio/en/noticias/500-cuba-and-russia.html", "EN",
                                  "Mon, 13 Apr 2026 09:30:00 GMT"}}));
    std::string config =
        "[fetch]\nuser_agent = \"ingest-test\"\nmin_delay = \"0s\"\n"
        "[[outlet]]\nname = \"Wire\"\nfeeds = [\"{{origin}}/wire/feed.xml\"]\narticle_id = \"-a(\\\\d+)\\\\.html$\"\n"
        "[[outlet]]\nname = \"Copycat\"\nfeeds = [\"{{origin}}/copy/feed.xml\"]\n"
        "[[outlet]]\nname = \"Radio\"\nfeeds = [\"{{origin}}/radio/feed.xml\"]\narticle_id = \"/(\\\\d+)-[^/]*$\"\n";
    test_support::write_file(dir_ / "feeds.toml", test_support::with_origin(config, server_.origin()));
    auto loaded = ingest::pipeline::load_config(dir_ / "feeds.toml");
    if (!loaded) throw std::runtime_error(loaded.error().message);
    config_ = *loaded;
    auto db = store::open_store(dir_ / "ingest.db");
    if (!db) throw std::runtime_error(db.error().message);
    db_.emplace(std::move(*db));
  }

  void write(const std::string& path, const std::string& text) { test_support::write_file(site_ / path, text); }

  void write_wire_feed(const std::string& story_slug, const std::string& other_date) {
    write("wire/feed.xml", rss({{"{{origin}}/wire/2026/" + story_slug + ".html", "Story", "Mon, 13 Apr 2026 08:00:00 GMT"},
                                {"{{origin}}/wire/2026/other-a101.html", "Other", other_date}}));
  }

  ingest::pipeline::PassReport pass() {
    auto report = ingest::pipeline::run_pass(config_, flag::default_rules(), *db_);
    EXPECT_TRUE(report) << report.error().message;
    return report.value_or(ingest::pipeline::PassReport{});
  }

  store::ItemRecord item_at(const std::string& path) {
    auto items = store::items_in_state(*db_, store::ItemState::stored);
    for (auto state : {store::ItemState::flagged, store::ItemState::duplicate}) {
      auto more = store::items_in_state(*db_, state);
      if (more) items->insert(items->end(), more->begin(), more->end());
    }
    for (const auto& i : *items)
      if (i.canonical_url == server_.origin() + "/" + path) {
        auto full = store::find_item(*db_, i.id);
        return full && *full ? **full : i;
      }
    ADD_FAILURE() << "no item for " << path;
    return {};
  }

  std::map<std::string, std::int64_t> caught() {
    std::map<std::string, std::int64_t> named;
    for (const auto& [kind, count] : store::count_dedup(*db_).value_or(std::map<store::DuplicateKind, std::int64_t>{}))
      named[std::string{store::duplicate_kind_name(kind)}] = count;
    return named;
  }

  TempDir site_;
  TempDir dir_;
  FixtureServer server_;
  ingest::pipeline::Config config_;
  std::optional<store::Database> db_;
  std::vector<std::string> story_, other_;
};

TEST_F(PipelineDedupTest, KeepsARepublishedStoryAndACorpusArticleOutOfTheQueueAndSaysWhy) {
  // The corpus holds the Radio Habana Cuba seed; the site's other articles are new to it.
  TempDir corpus;
  const std::string seed = "002_4a3a340b16a89f33.txt";
  test_support::write_file(corpus / seed, test_support::read_file(test_support::source_path("tests/data/seeds/" + seed)));
  auto imported = store::import_corpus(*db_, corpus.path());
  ASSERT_TRUE(imported && imported->errors.empty() && imported->registered.size() == 1);
  auto report = pass();
  EXPECT_EQ(report.items_new, 6);
  EXPECT_EQ(report.items_duplicate, 2);
  EXPECT_EQ(report.items_near_duplicate, 2);
  EXPECT_EQ(report.other_urls, 1);  // the newsletter link to the wire's story was not fetched again

  // The story and its copy: whichever was fetched second is the near duplicate of the other.
  auto story = item_at("wire/2026/story-a100.html"), copy = item_at("copy/republished.html");
  const auto& duplicate = story.state == store::ItemState::duplicate ? story : copy;
  const auto& original = story.state == store::ItemState::duplicate ? copy : story;
  EXPECT_NE(original.state, store::ItemState::duplicate);
  EXPECT_EQ(duplicate.duplicate_of, original.id);
  EXPECT_EQ(duplicate.duplicate_kind, store::DuplicateKind::near);
  ASSERT_TRUE(duplicate.similarity);
  EXPECT_GT(*duplicate.similarity, 0.5);
  EXPECT_LT(*duplicate.similarity, 1.0);

  auto seed_copy = item_at("copy/seed-copy.html");
  EXPECT_EQ(seed_copy.state, store::ItemState::duplicate);
  EXPECT_EQ(seed_copy.duplicate_file, seed);
  EXPECT_EQ(seed_copy.duplicate_kind, store::DuplicateKind::near);

  // Two articles on the same subject, written separately, are both kept.
  EXPECT_NE(item_at("wire/2026/other-a101.html").state, store::ItemState::duplicate);
  auto queue = store::review_queue(*db_);
  ASSERT_TRUE(queue);
  for (const auto& q : *queue) EXPECT_NE(q.state, store::ItemState::duplicate);

  auto counts = caught();
  EXPECT_EQ(counts["near"], 2);
  EXPECT_EQ(counts["url"], 1);
  EXPECT_EQ(counts["translation"], 1);
}

TEST_F(PipelineDedupTest, TakesAPageThatNamesAKnownArticleAsItsCanonicalUrlAsThatArticle) {
  pass();
  // A print version, listed under a URL no rule recognises, says which article it is.
  std::string print = page("Russia to Establish a Tech Center in Cuba", other_);
  print.replace(print.find("</head>"), 7,
                "<link rel=\"canonical\" href=\"{{origin}}/wire/2026/other-a101.html\"></head>");
  write("wire/print/101.html", print);
  write("copy/feed.xml", rss({{"{{origin}}/wire/print/101.html", "Print", "Mon, 13 Apr 2026 12:00:00 GMT"}}));
  auto report = pass();
  EXPECT_EQ(report.items_new, 1);
  EXPECT_EQ(report.items_duplicate, 1);
  auto printed = item_at("wire/print/101.html");
  EXPECT_EQ(printed.state, store::ItemState::duplicate);
  EXPECT_EQ(printed.duplicate_kind, store::DuplicateKind::canonical);
  EXPECT_EQ(printed.duplicate_of, item_at("wire/2026/other-a101.html").id);
}

TEST_F(PipelineDedupTest, LinksTheSameIdInAnotherEditionAsATranslationAndKeepsBoth) {
  pass();
  auto spanish = item_at("radio/noticias/500-cuba-y-rusia.html");
  auto english = item_at("radio/en/noticias/500-cuba-and-russia.html");
  EXPECT_EQ(english.translation_of, spanish.id);
  EXPECT_EQ(spanish.translations, std::vector<std::int64_t>{english.id});
  EXPECT_NE(english.state, store::ItemState::duplicate);
  EXPECT_NE(spanish.state, store::ItemState::duplicate);
}

TEST_F(PipelineDedupTest, StoresACorrectionUnderAChangedSlugAsARevisionNotANewItem) {
  pass();
  auto before = store::count_by_state(*db_);
  ASSERT_TRUE(before);
  auto queue_before = store::review_queue(*db_);
  ASSERT_TRUE(queue_before);

  // The outlet corrects its story and changes its slug; the other article's date moves on
  // with its text unchanged.
  std::vector<std::string> corrected = story_;
  corrected.push_back("Correction: an earlier version of this article misstated the date of the meeting.");
  write("wire/2026/story-corrected-a100.html", page("Russia Eyes Management of Cuba's Industry", corrected));
  write_wire_feed("story-corrected-a100", "Mon, 13 Apr 2026 12:00:00 GMT");
  server_.clear_requests();
  auto report = pass();
  EXPECT_EQ(report.items_new, 0);
  EXPECT_EQ(report.other_urls, 1);
  EXPECT_EQ(report.rechecked, 2);
  EXPECT_EQ(report.revisions, 1);
  std::set<std::string> fetched;
  for (const auto& r : server_.requests()) fetched.insert(r.target);
  EXPECT_TRUE(fetched.contains("/wire/2026/story-corrected-a100.html"));
  EXPECT_TRUE(fetched.contains("/wire/2026/other-a101.html"));

  auto story = item_at("wire/2026/story-a100.html");
  ASSERT_EQ(story.revisions.size(), 1u);
  ASSERT_TRUE(story.seed_text);
  EXPECT_NE(story.seed_text->find("Correction: an earlier version"), std::string::npos);
  // The newsletter's form of its URL, and its new slug.
  ASSERT_EQ(story.other_urls.size(), 2u);
  std::set<std::string> kinds;
  for (const auto& u : story.other_urls) kinds.insert(std::string{store::duplicate_kind_name(u.kind)} + " " + u.url);
  EXPECT_EQ(kinds, (std::set<std::string>{"outlet_id " + server_.origin() + "/wire/2026/story-corrected-a100.html",
                                          "url " + server_.origin() + "/wire/2026/story-a100.html/"}));
  EXPECT_TRUE(item_at("wire/2026/other-a101.html").revisions.empty());

  auto after = store::count_by_state(*db_);
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, *before);  // no new item, no state moved
  auto queue_after = store::review_queue(*db_);
  ASSERT_TRUE(queue_after);
  EXPECT_EQ(queue_after->size(), queue_before->size());

  // A third pass finds nothing to check again.
  auto third = pass();
  EXPECT_EQ(third.rechecked, 0);
  EXPECT_EQ(third.other_urls, 0);
}

}  // namespace
