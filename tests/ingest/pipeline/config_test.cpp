// ingest/config.cpp: loading and validating feeds.toml.
#include "ingest/pipeline/config.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>

#include <string>

#include "tests/support/test_files.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test_support::TempDir;
using test_support::write_file;

// The design's complete example: only the keys it names.
constexpr const char* kDesignExample = R"toml(
[store]
database = "var/ingest.db"
corpus = "corpus"

[fetch]
user_agent = "ingest/0.1 (+https://example.org/contact)"
min_delay = "1s"
max_per_host = 2

[[outlet]]
name = "The Moscow Times"
feeds = ["https://www.themoscowtimes.com/rss/news"]
sitemaps = []
sections = []
language = "en"
interval = "15m"
)toml";

constexpr const char* kOutlet = "[[outlet]]\nname = \"A\"\nfeeds = [\"https://a.example/rss\"]\n";

class ConfigTest : public ::testing::Test {
 protected:
  fs::path write(const std::string& text, const std::string& name = "feeds.toml") {
    fs::path file = dir_ / name;
    write_file(file, text);
    return file;
  }
  // Loads `text`, expects it to fail, and returns the message.
  std::string error_of(const std::string& text) {
    auto loaded = ingest::pipeline::load_config(write(text));
    EXPECT_FALSE(loaded.has_value()) << "loaded:\n" << text;
    return loaded.has_value() ? std::string{} : loaded.error().message;
  }
  std::string file() const { return (dir_ / "feeds.toml").string(); }

  TempDir dir_;
};

TEST_F(ConfigTest, TheDesignsExampleLoadsWithDefaultsForEverythingElse) {
  auto loaded = ingest::pipeline::load_config(write(kDesignExample));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  const ingest::pipeline::Config& c = *loaded;
  EXPECT_EQ(c.file, dir_ / "feeds.toml");
  EXPECT_EQ(c.fetch.user_agent, "ingest/0.1 (+https://example.org/contact)");
  EXPECT_EQ(c.fetch.min_delay, 1000ms);
  EXPECT_EQ(c.fetch.max_per_host, 2);
  ingest::fetch::FetchSettings defaults;
  EXPECT_EQ(c.fetch.connect_timeout, defaults.connect_timeout);
  EXPECT_EQ(c.fetch.total_timeout, defaults.total_timeout);
  EXPECT_EQ(c.fetch.max_body_bytes, defaults.max_body_bytes);
  EXPECT_EQ(c.fetch.max_redirects, defaults.max_redirects);
  EXPECT_EQ(c.fetch.max_attempts, defaults.max_attempts);
  EXPECT_EQ(c.rules, std::nullopt);
  ASSERT_EQ(c.outlets.size(), 1u);
  const ingest::pipeline::Outlet& o = c.outlets[0];
  EXPECT_EQ(o.name, "The Moscow Times");
  EXPECT_EQ(o.feeds, std::vector<std::string>{"https://www.themoscowtimes.com/rss/news"});
  EXPECT_TRUE(o.sitemaps.empty());
  EXPECT_TRUE(o.sections.empty());
  EXPECT_EQ(o.language, "en");
  EXPECT_EQ(o.interval, 15min);
  EXPECT_EQ(o.min_delay, std::nullopt);
}

TEST_F(ConfigTest, AnOutletWithOnlyANameAndAFeedIsEnough) {
  auto loaded = ingest::pipeline::load_config(write(kOutlet));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_TRUE(loaded->database.empty());
  EXPECT_TRUE(loaded->corpus.empty());
  EXPECT_EQ(loaded->fetch.min_delay, ingest::fetch::FetchSettings{}.min_delay);
  EXPECT_EQ(loaded->fetch.user_agent, ingest::fetch::FetchSettings{}.user_agent);
  ASSERT_EQ(loaded->outlets.size(), 1u);
  EXPECT_EQ(loaded->outlets[0].interval, 15min);
  EXPECT_EQ(loaded->outlets[0].language, "");
}

TEST_F(ConfigTest, RelativeStorePathsResolveAgainstTheConfigFilesFolder) {
  fs::path file = dir_ / "etc/ingest/feeds.toml";
  write_file(file, kDesignExample);
  auto loaded = ingest::pipeline::load_config(file);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->database, dir_ / "etc/ingest/var/ingest.db");
  EXPECT_EQ(loaded->corpus, dir_ / "etc/ingest/corpus");
}

TEST_F(ConfigTest, AbsoluteStorePathsAreKept) {
  auto loaded = ingest::pipeline::load_config(write(std::string{"[store]\ndatabase = \"/srv/ingest/x.db\"\n"
                                                      "corpus = \"../shared/corpus\"\n"} + kOutlet));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->database, fs::path{"/srv/ingest/x.db"});
  EXPECT_EQ(loaded->corpus, (dir_.path().parent_path() / "shared/corpus"));
}

TEST_F(ConfigTest, TheStoreBusyTimeoutIsTenSecondsUnlessGiven) {
  auto plain = ingest::pipeline::load_config(write(std::string{kOutlet}));
  ASSERT_TRUE(plain.has_value()) << plain.error().message;
  EXPECT_EQ(plain->busy_timeout, 10s);
  auto given = ingest::pipeline::load_config(write(std::string{"[store]\nbusy_timeout = \"250ms\"\n"} + kOutlet));
  ASSERT_TRUE(given.has_value()) << given.error().message;
  EXPECT_EQ(given->busy_timeout, 250ms);
  EXPECT_EQ(error_of(std::string{"[store]\nbusy_timeout = \"soon\"\n"} + kOutlet).rfind(file() + ":2: store.busy_timeout: ", 0), 0u);
}

TEST_F(ConfigTest, ARulesFileResolvesAgainstTheConfigFilesFolder) {
  auto loaded = ingest::pipeline::load_config(write(std::string{"[flag]\nrules = \"topics/cuba-russia.toml\"\n"} + kOutlet));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->rules, dir_ / "topics/cuba-russia.toml");
}

TEST_F(ConfigTest, ReadsEveryFetchSetting) {
  auto loaded = ingest::pipeline::load_config(write(std::string{R"toml([fetch]
user_agent = "bot/2"
min_delay = "250ms"
max_per_host = 4
connect_timeout = "3s"
timeout = "1m"
max_body_size = 2048
max_redirects = 0
max_attempts = 7
)toml"} + kOutlet));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  const auto& f = loaded->fetch;
  EXPECT_EQ(f.user_agent, "bot/2");
  EXPECT_EQ(f.min_delay, 250ms);
  EXPECT_EQ(f.max_per_host, 4);
  EXPECT_EQ(f.connect_timeout, 3s);
  EXPECT_EQ(f.total_timeout, 60s);
  EXPECT_EQ(f.max_body_bytes, 2048);
  EXPECT_EQ(f.max_redirects, 0);
  EXPECT_EQ(f.max_attempts, 7);
}

TEST_F(ConfigTest, ReadsEveryOutletSetting) {
  auto loaded = ingest::pipeline::load_config(write(R"toml([[outlet]]
name = "CiberCuba"
feeds = ["https://www.cibercuba.com/noticias/cibercuba/rss.xml"]
sitemaps = ["https://www.cibercuba.com/sitemap-news.xml"]
sections = ["https://www.cibercuba.com/noticias", "https://www.cibercuba.com/economia"]
article_links = "^/noticias/\\d{4}-\\d{2}-\\d{2}-"
article_id = "-nid(\\d+)-"
max_age = "7d"
language = "es"
interval = "2h"
min_delay = "5s"

[[outlet]]
name = "Sitemap only"
sitemaps = ["https://b.example/sitemap.xml"]
)toml"));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  ASSERT_EQ(loaded->outlets.size(), 2u);
  const auto& o = loaded->outlets[0];
  EXPECT_EQ(o.sitemaps, std::vector<std::string>{"https://www.cibercuba.com/sitemap-news.xml"});
  EXPECT_EQ(o.sections.size(), 2u);
  EXPECT_EQ(o.language, "es");
  EXPECT_EQ(o.interval, 2h);
  EXPECT_EQ(o.min_delay, 5s);
  EXPECT_EQ(o.max_age, std::chrono::hours{7 * 24});
  EXPECT_EQ(o.article_links, "^/noticias/\\d{4}-\\d{2}-\\d{2}-");
  ASSERT_TRUE(o.article_links_regex);
  EXPECT_TRUE(std::regex_search("/noticias/2025-05-12-u1-e199572-s27061-nid301234-x", *o.article_links_regex));
  ASSERT_TRUE(o.article_id_regex);
  std::smatch id;
  std::string url = "/noticias/2025-05-12-u1-e199572-s27061-nid301234-x";
  ASSERT_TRUE(std::regex_search(url, id, *o.article_id_regex));
  EXPECT_EQ(id[1].str(), "301234");
  EXPECT_EQ(o.id_group, "CiberCuba");  // its own name unless it shares ids with another outlet
  EXPECT_EQ(loaded->outlets[1].name, "Sitemap only");
  EXPECT_FALSE(loaded->outlets[1].article_id_regex);
}

TEST_F(ConfigTest, ReadsAnIdGroupSharedByLanguageEditions) {
  auto loaded = ingest::pipeline::load_config(write(std::string{kOutlet} + "article_id = \"-a(\\\\d+)$\"\nid_group = \"moscowtimes\"\n"));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->outlets[0].id_group, "moscowtimes");
}

TEST_F(ConfigTest, AnIdGroupWithoutArticleIdIsAnError) {
  std::string message = error_of(std::string{kOutlet} + "id_group = \"moscowtimes\"\n");
  EXPECT_NE(message.find(file() + ":4: outlet[1].id_group: needs article_id"), std::string::npos) << message;
}

TEST_F(ConfigTest, ReadsAnOutletsExtractionOverrides) {
  auto loaded = ingest::pipeline::load_config(write(std::string{kOutlet} +
                                          "body_xpath = \"//*[@id='textolimpio']\"\n"
                                          "remove_xpath = [\"//div[@class='cibercuba-faq']\", \"//aside\"]\n"));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  const auto& extraction = loaded->outlets[0].extraction;
  EXPECT_EQ(extraction.body, "//*[@id='textolimpio']");
  EXPECT_EQ(extraction.remove, (std::vector<std::string>{"//div[@class='cibercuba-faq']", "//aside"}));
}

TEST_F(ConfigTest, ABrokenXPathIsAnErrorNamingItsLine) {
  std::string message = error_of(std::string{kOutlet} + "remove_xpath = [\n  \"//aside\",\n  \"//div[@id='x'\",\n]\n");
  EXPECT_NE(message.find(file() + ":6: outlet[1].remove_xpath: not a valid XPath expression"), std::string::npos)
      << message;
}

TEST_F(ConfigTest, SectionsWithoutArticleLinksAreAnErrorSayingWhatIsMissing) {
  std::string message = error_of("[[outlet]]\nname = \"A\"\nsections = [\"https://a.example/news/\"]\n");
  EXPECT_EQ(message.rfind(file() + ":3: outlet[1].article_links: required with sections", 0), 0u) << message;
}

TEST_F(ConfigTest, ABrokenRegularExpressionIsAnErrorNamingItsLine) {
  std::string message = error_of(std::string{kOutlet} + "article_links = \"/news/([0-9+\"\n");
  EXPECT_NE(message.find(file() + ":4: outlet[1].article_links: not a valid regular expression"), std::string::npos)
      << message;
}

TEST_F(ConfigTest, AnArticleIdWithoutACaptureGroupIsAnError) {
  std::string message = error_of(std::string{kOutlet} + "article_id = \"-a\\\\d+$\"\n");
  EXPECT_NE(message.find(file() + ":4: outlet[1].article_id: needs a capture group"), std::string::npos) << message;
}

TEST_F(ConfigTest, AMissingFileIsAnErrorNamingIt) {
  auto loaded = ingest::pipeline::load_config(dir_ / "nope.toml");
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find((dir_ / "nope.toml").string()), std::string::npos)
      << loaded.error().message;
}

TEST_F(ConfigTest, ATomlSyntaxErrorNamesTheFileAndLine) {
  std::string message = error_of(std::string{kOutlet} + "\n[fetch\nmin_delay = \"1s\"\n");
  EXPECT_NE(message.find(file() + ":5"), std::string::npos) << message;
}

TEST_F(ConfigTest, AnUnknownTopLevelKeyIsAnErrorNamingFileLineAndKey) {
  std::string message = error_of(std::string{"verbose = true\n"} + kOutlet);
  EXPECT_EQ(message, file() + ":1: verbose: unknown key");
}

TEST_F(ConfigTest, AnUnknownFetchKeyIsAnErrorNamingFileLineAndKey) {
  std::string message = error_of(std::string{"[fetch]\nuser_agnet = \"x\"\n"} + kOutlet);
  EXPECT_EQ(message, file() + ":2: fetch.user_agnet: unknown key");
}

TEST_F(ConfigTest, AnUnknownOutletKeyIsAnErrorNamingTheOutletAndKey) {
  std::string message = error_of(std::string{kOutlet} + "\n[[outlet]]\nname = \"B\"\nfeeds = [\"https://b.example/\"]\nfeed = \"https://b.example/rss\"\n");
  EXPECT_EQ(message, file() + ":8: outlet[2].feed: unknown key");
}

TEST_F(ConfigTest, AnUnknownStoreKeyIsAnError) {
  std::string message = error_of(std::string{"[store]\ndb = \"x.db\"\n"} + kOutlet);
  EXPECT_EQ(message, file() + ":2: store.db: unknown key");
}

TEST_F(ConfigTest, ABadDurationIsAnErrorNamingFileLineAndKey) {
  std::string message = error_of("[[outlet]]\nname = \"A\"\nfeeds = [\"https://a.example/\"]\ninterval = \"15 minutes\"\n");
  EXPECT_EQ(message.rfind(file() + ":4: outlet[1].interval: ", 0), 0u) << message;
}

TEST_F(ConfigTest, ADurationGivenAsANumberIsAnError) {
  std::string message = error_of(std::string{"[fetch]\nmin_delay = 1\n"} + kOutlet);
  EXPECT_EQ(message.rfind(file() + ":2: fetch.min_delay: ", 0), 0u) << message;
}

TEST_F(ConfigTest, AnIntervalShorterThanAMinuteIsAnError) {
  std::string message = error_of("[[outlet]]\nname = \"A\"\nfeeds = [\"https://a.example/\"]\ninterval = \"30s\"\n");
  EXPECT_EQ(message.rfind(file() + ":4: outlet[1].interval: ", 0), 0u) << message;
}

TEST_F(ConfigTest, ABadLanguageIsAnErrorNamingFileLineAndKey) {
  for (const char* bad : {"english", "EN", "en-US", "e"}) {
    std::string message = error_of(std::string{"[[outlet]]\nname = \"A\"\nfeeds = [\"https://a.example/\"]\nlanguage = \""} +
                                   bad + "\"\n");
    EXPECT_EQ(message.rfind(file() + ":4: outlet[1].language: ", 0), 0u) << bad << ": " << message;
  }
}

TEST_F(ConfigTest, ANonHttpFeedUrlIsAnErrorNamingFileLineAndKey) {
  std::string message = error_of("[[outlet]]\nname = \"A\"\nfeeds = [\n  \"https://a.example/rss\",\n  \"ftp://a.example/rss\",\n]\n");
  EXPECT_EQ(message.rfind(file() + ":5: outlet[1].feeds: ", 0), 0u) << message;
}

TEST_F(ConfigTest, ARelativeSectionUrlIsAnError) {
  std::string message = error_of("[[outlet]]\nname = \"A\"\nsections = [\"/noticias\"]\n");
  EXPECT_EQ(message.rfind(file() + ":3: outlet[1].sections: ", 0), 0u) << message;
}

TEST_F(ConfigTest, FeedsThatAreNotAnArrayAreAnError) {
  std::string message = error_of("[[outlet]]\nname = \"A\"\nfeeds = \"https://a.example/rss\"\n");
  EXPECT_EQ(message.rfind(file() + ":3: outlet[1].feeds: ", 0), 0u) << message;
}

TEST_F(ConfigTest, AnOutletWithoutANameIsAnErrorNamingFileLineAndKey) {
  std::string message = error_of(std::string{kOutlet} + "\n[[outlet]]\nfeeds = [\"https://b.example/\"]\n");
  EXPECT_EQ(message.rfind(file() + ":5: outlet[2].name: ", 0), 0u) << message;
}

TEST_F(ConfigTest, AnEmptyNameIsAnError) {
  std::string message = error_of("[[outlet]]\nname = \"\"\nfeeds = [\"https://b.example/\"]\n");
  EXPECT_NE(message.find("outlet[1].name"), std::string::npos) << message;
  EXPECT_EQ(message.rfind(file() + ":", 0), 0u) << message;
}

TEST_F(ConfigTest, DuplicateOutletNamesAreAnErrorNamingTheSecond) {
  std::string message = error_of(std::string{kOutlet} + "\n[[outlet]]\nname = \"A\"\nfeeds = [\"https://b.example/\"]\n");
  EXPECT_EQ(message.rfind(file() + ":6: outlet[2].name: ", 0), 0u) << message;
  EXPECT_NE(message.find("\"A\""), std::string::npos) << message;
}

TEST_F(ConfigTest, AnOutletWithoutAnySourceIsAnError) {
  std::string message = error_of("[[outlet]]\nname = \"A\"\nfeeds = []\nlanguage = \"en\"\n");
  EXPECT_EQ(message.rfind(file() + ":1: outlet[1]: ", 0), 0u) << message;
}

TEST_F(ConfigTest, AConfigWithoutOutletsIsAnErrorNamingTheFile) {
  std::string message = error_of("[fetch]\nmin_delay = \"1s\"\n");
  EXPECT_EQ(message.rfind(file(), 0), 0u) << message;
  EXPECT_NE(message.find("outlet"), std::string::npos) << message;
}

TEST_F(ConfigTest, AnOutletTableInsteadOfAnArrayIsAnError) {
  std::string message = error_of("[outlet]\nname = \"A\"\nfeeds = [\"https://a.example/\"]\n");
  EXPECT_EQ(message.rfind(file() + ":1: outlet: ", 0), 0u) << message;
}

TEST_F(ConfigTest, AnIntegerOutOfRangeIsAnError) {
  std::string message = error_of(std::string{"[fetch]\nmax_per_host = 0\n"} + kOutlet);
  EXPECT_EQ(message.rfind(file() + ":2: fetch.max_per_host: ", 0), 0u) << message;
  message = error_of(std::string{"[fetch]\nmax_redirects = 50\n"} + kOutlet);
  EXPECT_EQ(message.rfind(file() + ":2: fetch.max_redirects: ", 0), 0u) << message;
}

TEST_F(ConfigTest, AnIntegerGivenAsTextIsAnError) {
  std::string message = error_of(std::string{"[fetch]\nmax_per_host = \"2\"\n"} + kOutlet);
  EXPECT_EQ(message.rfind(file() + ":2: fetch.max_per_host: ", 0), 0u) << message;
}

TEST_F(ConfigTest, AUserAgentWithALineBreakIsAnError) {
  std::string message = error_of(std::string{"[fetch]\nuser_agent = \"bot\\r\\nX-Evil: 1\"\n"} + kOutlet);
  EXPECT_EQ(message.rfind(file() + ":2: fetch.user_agent: ", 0), 0u) << message;
}

TEST_F(ConfigTest, AnAbsurdlyLongDurationIsAnErrorNotANegativeDelay) {
  std::string message = error_of(std::string{"[fetch]\nmin_delay = \"10000000000000000s\"\n"} + kOutlet);
  EXPECT_EQ(message.rfind(file() + ":2: fetch.min_delay: ", 0), 0u) << message;
}

TEST_F(ConfigTest, TheRepositorysFeedsTomlLoads) {
  fs::path file = test_support::source_path("config/feeds.toml");
  if (!fs::exists(file)) GTEST_SKIP() << file << " does not exist yet";
  auto loaded = ingest::pipeline::load_config(file);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_FALSE(loaded->outlets.empty());
  for (const auto& outlet : loaded->outlets) {
    EXPECT_FALSE(outlet.name.empty());
    EXPECT_FALSE(outlet.feeds.empty() && outlet.sitemaps.empty() && outlet.sections.empty()) << outlet.name;
  }
  if (loaded->rules) {
    EXPECT_TRUE(fs::exists(*loaded->rules)) << *loaded->rules;
  }
}

TEST_F(ConfigTest, TheRepositorysArticleIdPatternsFindTheIdsInTheOutletsUrls) {
  auto loaded = ingest::pipeline::load_config(test_support::source_path("config/feeds.toml"));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  // Paths of real article URLs (../shared/docs/outlets.md) and the id each must yield.
  const std::map<std::string, std::vector<std::pair<std::string, std::string>>> samples = {
      {"Radio Habana Cuba",
       {{"/en/noticias/internacionales/339611-cuba-and-russia-committed-to-broadening-cooperation", "339611"},
        {"/especiales/comentarios/352310-la-zafra", "352310"}}},
      {"CiberCuba", {{"/noticias/2025-05-12-u1-e199572-s27061-nid301234-diaz-canel-rinde-homenaje", "301234"}}},
      {"CubaHeadlines", {{"/articles/158391", "158391"}}},
      {"The Moscow Times", {{"/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469", "92469"}}},
      {"TASS", {{"/world/1942317", "1942317"}}},
  };
  std::size_t checked = 0;
  for (const auto& outlet : loaded->outlets) {
    auto it = samples.find(outlet.name);
    if (it == samples.end()) continue;
    ASSERT_TRUE(outlet.article_id_regex) << outlet.name;
    for (const auto& [path, id] : it->second) {
      std::smatch match;
      ASSERT_TRUE(std::regex_search(path, match, *outlet.article_id_regex)) << outlet.name << " " << path;
      EXPECT_EQ(match[1].str(), id) << outlet.name << " " << path;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 6u);
}

TEST_F(ConfigTest, TheFixtureSitesDemoConfigLoads) {
  std::string text = test_support::read_file(test_support::source_path("tests/fixtures/site/feeds.toml.in"));
  text = test_support::with_origin(text, "http://127.0.0.1:8931");
  auto loaded = ingest::pipeline::load_config(write(text));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->outlets.size(), 5u);
  EXPECT_EQ(loaded->fetch.min_delay, 0ms);
}

struct DurationCase {
  const char* text;
  std::optional<std::chrono::milliseconds> expected;
};

class ParseDuration : public ::testing::TestWithParam<DurationCase> {};

TEST_P(ParseDuration, ReadsTheDocumentedUnitsAndNothingElse) {
  EXPECT_EQ(ingest::pipeline::parse_duration(GetParam().text), GetParam().expected) << '"' << GetParam().text << '"';
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseDuration,
    ::testing::Values(DurationCase{"500ms", 500ms}, DurationCase{"0ms", 0ms}, DurationCase{"0s", 0ms},
                      DurationCase{"1s", 1000ms}, DurationCase{"90s", 90'000ms},
                      DurationCase{"15m", 15min}, DurationCase{"15min", 15min}, DurationCase{"2h", 2h},
                      DurationCase{"1d", 24h}, DurationCase{"", std::nullopt},
                      DurationCase{"s", std::nullopt}, DurationCase{"10", std::nullopt},
                      DurationCase{"-1s", std::nullopt}, DurationCase{"1.5s", std::nullopt},
                      DurationCase{"1 s", std::nullopt}, DurationCase{" 1s", std::nullopt},
                      DurationCase{"1S", std::nullopt}, DurationCase{"1sec", std::nullopt},
                      DurationCase{"1w", std::nullopt}, DurationCase{"1h30m", std::nullopt},
                      DurationCase{"99999999999999999999s", std::nullopt}));

TEST(ParseDurationOverflow, NeverReturnsANegativeDuration) {
  for (const char* text : {"10000000000000000s", "9999999999999999h", "999999999999999d",
                           "9223372036854775807d"}) {
    auto d = ingest::pipeline::parse_duration(text);
    EXPECT_TRUE(!d || d->count() > 0) << text << " -> " << d->count() << "ms";
  }
}

// parse_config: the loader from text, which load_config and fuzz/config_fuzz call.

TEST(ParseConfig, ReadsTextWithoutTouchingTheFileItNames) {
  fs::path file = "/nonexistent/etc/ingest/feeds.toml";
  auto parsed = ingest::pipeline::parse_config(kDesignExample, file);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->file, file);
  // Relative store paths resolve against the named file's folder, as for a loaded file.
  EXPECT_EQ(parsed->database, fs::path{"/nonexistent/etc/ingest/var/ingest.db"});
  EXPECT_EQ(parsed->corpus, fs::path{"/nonexistent/etc/ingest/corpus"});
  ASSERT_EQ(parsed->outlets.size(), 1u);
  EXPECT_EQ(parsed->outlets[0].name, "The Moscow Times");
  EXPECT_EQ(parsed->outlets[0].interval, 15min);
}

TEST(ParseConfig, ErrorsNameTheGivenFileAndLine) {
  auto syntax = ingest::pipeline::parse_config(std::string{kOutlet} + "\n[fetch\n", "conf/feeds.toml");
  ASSERT_FALSE(syntax.has_value());
  EXPECT_TRUE(syntax.error().message.starts_with("conf/feeds.toml:5: ")) << syntax.error().message;
  auto unknown = ingest::pipeline::parse_config(std::string{"verbose = true\n"} + kOutlet, "conf/feeds.toml");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().message, "conf/feeds.toml:1: verbose: unknown key");
  auto empty = ingest::pipeline::parse_config("", "conf/feeds.toml");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().message, "conf/feeds.toml: no [[outlet]] configured");
}

TEST_F(ConfigTest, LoadingAFileGivesWhatParsingItsTextGives) {
  const std::string text = std::string{"[store]\ndatabase = \"db/x.db\"\n[fetch]\nmin_delay = \"250ms\"\n"} +
                           kOutlet + "article_id = \"-a(\\\\d+)$\"\n";
  auto loaded = ingest::pipeline::load_config(write(text));
  auto parsed = ingest::pipeline::parse_config(text, dir_ / "feeds.toml");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(loaded->database, parsed->database);
  EXPECT_EQ(loaded->fetch.min_delay, parsed->fetch.min_delay);
  ASSERT_EQ(loaded->outlets.size(), parsed->outlets.size());
  EXPECT_EQ(loaded->outlets[0].article_id, parsed->outlets[0].article_id);
  EXPECT_EQ(error_of(text + "bogus = 1\n"),
            ingest::pipeline::parse_config(text + "bogus = 1\n", dir_ / "feeds.toml").error().message);
}

// The message toml::parse_file gave before the text moved to parse_config, kept word for word.
TEST_F(ConfigTest, AnUnreadableFileKeepsItsMessage) {
  auto loaded = ingest::pipeline::load_config(dir_ / "nope.toml");
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().message, (dir_ / "nope.toml").string() + ":0: File could not be opened for reading");
}

// Found by fuzz/config_fuzz (fuzz/regressions/config_fuzz/metrics-listen-without-colon.toml):
// a listen value without a colon made a pointer past the end of the string, which UBSan
// reports (scripts/test-sanitized); the result must be the ordinary error.
TEST(ParseConfig, AMetricsAddressWithoutAPortIsAnError) {
  for (const char* listen : {"", "9464", "localhost", ":9464", "127.0.0.1:", "127.0.0.1:x", "[::1]:99999"}) {
    auto parsed = ingest::pipeline::parse_config(std::string{"[metrics]\nlisten = \""} + listen + "\"\n" + kOutlet, "f.toml");
    ASSERT_FALSE(parsed.has_value()) << listen;
    EXPECT_EQ(parsed.error().message,
              "f.toml:2: metrics.listen: expected a loopback address and port such as \"127.0.0.1:9464\"")
        << listen;
  }
  auto empty_table = ingest::pipeline::parse_config(std::string{"[metrics]\n"} + kOutlet, "f.toml");
  ASSERT_FALSE(empty_table.has_value());
  EXPECT_NE(empty_table.error().message.find("metrics.listen: expected a loopback address"), std::string::npos)
      << empty_table.error().message;
  auto good = ingest::pipeline::parse_config(std::string{"[metrics]\nlisten = \"[::1]:9464\"\n"} + kOutlet, "f.toml");
  ASSERT_TRUE(good.has_value()) << good.error().message;
  EXPECT_EQ(good->metrics_address, "::1");
  EXPECT_EQ(good->metrics_port, 9464);
}

// Found by fuzz/config_fuzz (fuzz/regressions/config_fuzz/huge-back-reference.toml): libstdc++
// 12 reads a back-reference's number or a repetition count without checking for overflow
// (undefined behaviour, reported by UBSan); such numbers are refused before std::regex.
TEST(ParseConfig, RefusesRegexNumbersTooLargeForStdRegex) {
  for (std::string_view pattern : {R"(-a(\555555555555555555555))", R"(-a(\d{99999999999999999999}))",
                                   R"((\d{1001}))", R"((\d{2,5000}))", R"((\d){7}\1234)"}) {
    auto parsed = ingest::pipeline::parse_config(std::string{kOutlet} + "article_id = '" + std::string{pattern} + "'\n", "f.toml");
    ASSERT_FALSE(parsed.has_value()) << pattern;
    EXPECT_TRUE(parsed.error().message.starts_with("f.toml:4: outlet[1].article_id: not a valid regular expression: a "))
        << parsed.error().message;
  }
  for (std::string_view pattern : {R"(-a(\d{1,1000})$)", R"([{99999}](\d+))", R"(/(\d+)-\1$)", R"(\{123456\}(\d))"}) {
    auto parsed = ingest::pipeline::parse_config(std::string{kOutlet} + "article_id = '" + std::string{pattern} + "'\n", "f.toml");
    EXPECT_TRUE(parsed.has_value()) << pattern << ": " << parsed.error().message;
  }
}

}  // namespace

namespace {

TEST(ParseConfig, TheWebTableSetsTheConsolesAddressCookiesAndSessionLifetime) {
  auto parsed = ingest::pipeline::parse_config(
      std::string{"[web]\nlisten = \"0.0.0.0:8443\"\nsecure_cookies = true\nsession_lifetime = \"2h\"\n"} + kOutlet,
      "f.toml");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->web.listen_address, "0.0.0.0");
  EXPECT_EQ(parsed->web.listen_port, 8443);
  EXPECT_TRUE(parsed->web.secure_cookies);
  EXPECT_EQ(parsed->web.session_lifetime, std::chrono::hours(2));
  auto defaults = ingest::pipeline::parse_config(kOutlet, "f.toml");
  ASSERT_TRUE(defaults.has_value());
  EXPECT_EQ(defaults->web.listen_address, std::nullopt);
  EXPECT_FALSE(defaults->web.secure_cookies);
}

TEST(ParseConfig, BadWebValuesNameTheKey) {
  const std::pair<const char*, const char*> cases[] = {
      {"listen = \"8080\"", "web.listen: expected an address and port"},
      {"secure_cookies = \"yes\"", "web.secure_cookies: expected true or false"},
      {"session_lifetime = \"10s\"", "web.session_lifetime: must be at least 1m"},
      {"port = 1", "web.port: unknown key"},
  };
  for (const auto& [line, message] : cases) {
    auto parsed = ingest::pipeline::parse_config(std::string{"[web]\n"} + line + "\n" + kOutlet, "f.toml");
    ASSERT_FALSE(parsed.has_value()) << line;
    EXPECT_NE(parsed.error().message.find(message), std::string::npos) << parsed.error().message;
  }
}

}  // namespace
