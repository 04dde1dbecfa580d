// Tests for normalize/html_extractor.cpp: HTML page -> Article, on the fixture site's pages and
// on small hand-written pages for the edge cases.
#include "normalize/html_extractor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "normalize/article.h"
#include "normalize/timestamp.h"
#include "tests/support/test_files.h"

namespace normalize {

// Readable failure messages for blocks (found by argument-dependent lookup).
inline void PrintTo(const Block& block, std::ostream* out) {
  static const char* const kKinds[] = {"paragraph", "heading", "list_item", "quote", "table_row"};
  *out << kKinds[static_cast<int>(block.kind)] << ":\"" << block.text << "\"";
}

namespace {

using test_support::read_file;
using test_support::source_path;

const std::string kOrigin = "http://127.0.0.1:8931";

// A fixture page as the fixture server would serve it.
std::string fixture_page(const std::string& path) {
  std::string html = read_file(source_path("tests/fixtures/site/" + path));
  html = test_support::with_origin(html, kOrigin);
  return html;
}

std::expected<Article, Error> extract_fixture(const std::string& path,
                                              const std::string& url_suffix = {}) {
  ExtractOptions options;
  options.url = kOrigin + "/" + path + url_suffix;
  return extract_article(fixture_page(path), options);
}

std::expected<Article, Error> extract_html(std::string_view html,
                                           std::string url = "https://news.example.com/a/1") {
  ExtractOptions options;
  options.url = std::move(url);
  return extract_article(html, options);
}

// A seed's text without Markdown links ("[said](#)" -> "said") and emphasis marks, so that
// its paragraphs can be compared with an article's plain text.
std::string seed_plain_text(const std::string& seed_file) {
  std::string text = read_file(source_path("tests/data/seeds/" + seed_file));
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '*') continue;
    if (text[i] == '[') {
      auto close = text.find("](", i);
      auto end = close == std::string::npos ? close : text.find(')', close);
      if (end != std::string::npos && text.find('\n', i) > end) {
        out += text.substr(i + 1, close - i - 1);
        i = end;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::size_t count_of(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + needle.size()))
    ++n;
  return n;
}

// What each seed-based fixture page must yield.
struct SeedPage {
  std::string path;
  std::string url_suffix;  // appended to the fetch URL, to show the canonical form wins
  std::string seed_file;
  std::string title;
  std::vector<std::string> authors;
  std::string published_local;  // format_iso8601 without offset: the wall-clock time stated
  std::string published_offset; // "+03:00", or empty when the page states no offset
  std::string long_date;
  std::string language;
  std::string canonical;
  std::string first_paragraph;  // of the seed
  std::string last_paragraph;   // of the seed's article text (before any FAQ or footer)
  std::vector<std::string> boilerplate;
};

const std::vector<SeedPage>& seed_pages() {
  static const std::vector<SeedPage> pages = {
      {"moscowtimes/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469",
       "?utm_source=rss&utm_medium=feed#comments",
       "003_bab5c734186a52be.txt",
       "Russia Eyes Management of Cuba's Industrial Production",
       {"The Moscow Times"},
       "2026-04-10T13:47:00",
       "+03:00",
       "April 10, 2026",
       "en",
       kOrigin + "/moscowtimes/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469",
       "Cuba will allow Russian companies to manage industrial production on the Communist island "
       "as its energy crisis continues under a U.S. embargo, a senior Russian official said "
       "Friday.",
       "AFP contributed reporting.",
       {// cookie notice
        "We use cookies", "Learn more",
        // header and navigation menu
        "Support us", "Arts and Life", "Ukraine War", "Podcasts", "Newsletters", "Русская версия",
        // featured image caption and credit
        "A Cuban cigar factory", "Lusi Lindwurm",
        // share buttons
        "Share on Facebook", "Share on X", "Share on Telegram",
        // the inline "Related article" aside
        "Related article", "Russia Will Send Second Oil Tanker to Cuba",
        // tags
        "Read more about", "Russia-Latin America",
        // the "support us" box
        "A message from The Moscow Times", "Dear readers, independent journalism",
        "Even a small monthly contribution", "Support The Moscow Times",
        // related and most read lists
        "Read more", "Lokomotiv Yaroslavl Beat Ak Bars", "Russia and China Sign Binding Deal",
        "Most read", "Moscow Metro Opens Three New Stations", "Hermitage Museum",
        // ads, newsletter box, footer
        "Advertisement", "Get the day's top stories", "About us", "Privacy policy",
        "Terms of use", "all rights reserved", "©"}},
      {"radiohc/en/noticias/internacionales/339611-cuba-and-russia-committed-to-broadening-cooperation",
       "?utm_source=rss",
       "002_4a3a340b16a89f33.txt",
       "Cuba and Russia committed to broadening cooperation",
       {"María Josefina Arce"},
       "2025-06-20T11:42:07",
       "",  // "span.date" is local Havana time without an offset
       "June 20, 2025",
       "en",
       kOrigin + "/radiohc/en/noticias/internacionales/"
                 "339611-cuba-and-russia-committed-to-broadening-cooperation",
       "Fluid and at the highest level is the political dialogue between Cuba and Russia, which "
       "also maintain excellent economic, trade and cooperation relations, which both sides are "
       "interested in expanding and consolidating.",
       "In the second half of this year, a new meeting of the Cuba-Russia Intergovernmental "
       "Commission will take place in Moscow, another opportunity to materialize for mutual "
       "benefit more joint projects, backed by trust, friendship and fruitful bilateral "
       "cooperation.",
       {// cookie bar
        "This website uses cookies", "More information",
        // language bar, header and navigation menu
        "Español", "Esperanto", "Listen live", "The voice of Cuba to the world", "Commentaries",
        "Programs", "Frequencies", "Contact us",
        // breadcrumb, byline, share bar
        "»", "By: María", "Share:", "WhatsApp", "Print",
        // tags, comment form
        "Tags:", "Comments are moderated", "E-mail",
        // sidebar: most read and banners
        "Most read", "Granma province recovers after heavy rains",
        "Cuban doctors arrive in Calabria", "The blockade, a policy that has failed",
        "Listen to us", "Daily broadcasts in nine languages",
        // footer
        "About RHC", "Infanta No. 105", "All rights reserved", "©"}},
      {"cibercuba/noticias/"
       "2025-05-12-u1-e199572-s27061-nid301234-diaz-canel-rinde-homenaje-victimas-sitio-leningrado",
       "#comentarios",
       "004_9b3700362939b385.txt",
       "Díaz-Canel pays tribute to the victims of the Siege of Leningrad in St. Petersburg",
       {"Redacción de CiberCuba"},
       "2025-05-12T10:35:00",
       "",  // "lunes, 12 mayo, 2025 - 10:35" states no zone
       "May 12, 2025",
       "en",  // the page says lang="es", but this text is English
       kOrigin + "/cibercuba/noticias/"
                 "2025-05-12-u1-e199572-s27061-nid301234-diaz-canel-rinde-homenaje-victimas-sitio-"
                 "leningrado",
       "The Cuban leader, Miguel Díaz-Canel Bermúdez, accompanied by his wife, the \"No First "
       "Lady\" Lis Cuesta, paid tribute on Monday to the victims of the Leningrad siege during "
       "World War II, at a ceremony held at the Piskaryovskoye Memorial Cemetery in St. "
       "Petersburg.",
       "In the midst of one of the deepest crises in its recent history, the Cuban government "
       "appears to have chosen Russia as its main strategic ally, even if that means aligning "
       "itself with a power under intense international scrutiny.",
       {// skip link, cookie popup
        "Pasar al contenido principal", "Utilizamos cookies", "Aceptar", "Más información",
        // navigation menu
        "Noticias", "Vida en EE.UU.", "Entretenimiento", "Trámites",
        // ads
        "Publicidad",
        // image caption
        "Miguel Díaz-Canel y Lis Cuesta en el cementerio", "Imagen ©",
        // share buttons
        "WhatsApp", "Telegram",
        // FAQ block
        "Frequently Asked Questions", "What was the purpose of Díaz-Canel's visit",
        "Why are the relations between Cuba and Russia important",
        "Cuba and Russia are assessing cooperation projects",
        // tags, comments
        "Archivado en", "Relaciones Cuba-Rusia", "Comentarios", "Los comentarios están moderados",
        // related and most read
        "Te puede interesar", "La Unión Eléctrica prevé", "Industriales deja en el terreno",
        "Lo más leído", "Precio del dólar", "Detienen en Miami",
        // footer
        "Quiénes somos", "Aviso legal", "Todos los derechos reservados", "©"}},
      {"cubaheadlines/articles/158391",
       "?fbclid=IwAR0abc",
       "000_f638798d4e6aeb8a.txt",
       "Russia to Establish Advanced Leadership and Development Tech Center in Cuba",
       {"Richard Morales"},
       "2025-09-21T14:18:00",
       "-04:00",
       "September 21, 2025",
       "en",
       kOrigin + "/cubaheadlines/articles/158391",
       "In a move backed by the St. Petersburg government, Russia is set to establish an Advanced "
       "Leadership and Development Technology Center in Cuba.",
       "While project spokespeople stress the importance of \"sovereign IT infrastructure,\" "
       "Russia's cybersecurity history suggests otherwise. Independent organizations have "
       "reported that many of these Russian solutions have been employed for cyber espionage, "
       "mass surveillance, and political control.",
       {// skip link, cookie popup
        "Skip to main content", "We use our own and third-party cookies", "More info",
        // navigation menu
        "Life in the USA", "Entertainment",
        // ads
        "Advertisement",
        // byline and date line
        "Sunday, September 21, 2025",
        // image caption
        "Delegation from St. Petersburg in Cuba - Image by", "Embassy of Russia in Cuba",
        // share buttons
        "WhatsApp", "Telegram",
        // FAQ block
        "Exploring Russia's Tech Ventures in Cuba", "What is Digital Cay, and why is it significant?",
        "Why is Cuba important for Russia's tech expansion?",
        "Cuba serves as an ideal location for Russia to bypass",
        // tags, comments
        "Filed under", "Cuba-Russia Relations", "Comments",
        // related and most read
        "You may be interested in", "Tourist Arrivals to Cuba Fall", "Venezuelan Tanker Arrives",
        "Most read", "Dollar Exchange Rate in Cuba Today", "Cuban Man Arrested in Miami",
        // footer
        "About us", "Legal notice", "Privacy policy", "© CubaHeadlines 2025", "©"}},
  };
  return pages;
}

class SeedPageExtraction : public ::testing::TestWithParam<SeedPage> {};

TEST_P(SeedPageExtraction, ReadsTheTitle) {
  const SeedPage& page = GetParam();
  auto article = extract_fixture(page.path, page.url_suffix);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->title, page.title);
}

TEST_P(SeedPageExtraction, ReadsTheAuthors) {
  const SeedPage& page = GetParam();
  auto article = extract_fixture(page.path, page.url_suffix);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->authors, page.authors);
}

TEST_P(SeedPageExtraction, ReadsThePublicationDateAndOffset) {
  const SeedPage& page = GetParam();
  auto article = extract_fixture(page.path, page.url_suffix);
  ASSERT_TRUE(article) << article.error().message;
  ASSERT_TRUE(article->published.has_value());
  std::string iso = format_iso8601(*article->published);
  EXPECT_EQ(iso.substr(0, 19), page.published_local) << iso;
  if (!page.published_offset.empty()) {
    EXPECT_EQ(iso.substr(19), page.published_offset) << iso;
  }
  EXPECT_TRUE(article->published->has_time);
  EXPECT_EQ(format_long_date(*article->published), page.long_date);
}

TEST_P(SeedPageExtraction, DetectsTheLanguageOfTheText) {
  const SeedPage& page = GetParam();
  auto article = extract_fixture(page.path, page.url_suffix);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->language, page.language);
}

TEST_P(SeedPageExtraction, GivesTheCanonicalUrl) {
  const SeedPage& page = GetParam();
  auto article = extract_fixture(page.path, page.url_suffix);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->canonical_url, page.canonical);
  EXPECT_TRUE(article->outlet.empty()) << "the caller fills in the outlet";
}

TEST_P(SeedPageExtraction, KeepsTheFirstAndLastParagraphOfTheSeed) {
  const SeedPage& page = GetParam();
  // The expected paragraphs really are the seed's.
  std::string seed = seed_plain_text(page.seed_file);
  ASSERT_TRUE(contains(seed, page.first_paragraph)) << page.seed_file;
  ASSERT_TRUE(contains(seed, page.last_paragraph)) << page.seed_file;

  auto article = extract_fixture(page.path, page.url_suffix);
  ASSERT_TRUE(article) << article.error().message;
  std::string text = plain_text(article->blocks);
  EXPECT_TRUE(contains(text, page.first_paragraph)) << text;
  EXPECT_TRUE(contains(text, page.last_paragraph)) << text;
  EXPECT_TRUE(contains(article->blocks.back().text, page.last_paragraph))
      << "the article ends with the seed's last paragraph, not with what follows it: "
      << article->blocks.back().text;
  EXPECT_GE(article->blocks.size(), 10u);
}

TEST_P(SeedPageExtraction, LeavesOutAllBoilerplate) {
  const SeedPage& page = GetParam();
  auto article = extract_fixture(page.path, page.url_suffix);
  ASSERT_TRUE(article) << article.error().message;
  std::string text = plain_text(article->blocks);
  // Each string really is on the page (entities decoded), so the test would see it leak.
  std::string html = fixture_page(page.path);
  for (auto [entity, character] : {std::pair{"&copy;", "©"}, std::pair{"&raquo;", "»"},
                                   std::pair{"&nbsp;", "\u00A0"}, std::pair{"&amp;", "&"}}) {
    const std::string from = entity;
    for (auto pos = html.find(from); pos != std::string::npos; pos = html.find(from, pos))
      html.replace(pos, from.size(), character);
  }
  for (const auto& boilerplate : page.boilerplate) {
    EXPECT_TRUE(contains(html, boilerplate)) << "not on the page: " << boilerplate;
    EXPECT_FALSE(contains(text, boilerplate)) << "boilerplate in the body: " << boilerplate;
  }
  for (const auto& block : article->blocks) {
    EXPECT_NE(block.text, page.title) << "the title is metadata, not a block";
    EXPECT_FALSE(block.text.starts_with("By")) << "a byline is metadata: " << block.text;
  }
}

std::string page_name(const ::testing::TestParamInfo<SeedPage>& info) {
  std::string name = info.param.path.substr(0, info.param.path.find('/'));
  return name + "_seed" + info.param.seed_file.substr(0, 3);
}

INSTANTIATE_TEST_SUITE_P(FixtureSite, SeedPageExtraction, ::testing::ValuesIn(seed_pages()),
                         page_name);

TEST(ExtractArticle, DoesNotRepeatTheRadioHabanaCubaIntroAsAParagraph) {
  auto article = extract_fixture(
      "radiohc/en/noticias/internacionales/339611-cuba-and-russia-committed-to-broadening-cooperation");
  ASSERT_TRUE(article) << article.error().message;
  std::string text = plain_text(article->blocks);
  EXPECT_EQ(count_of(text, "Fluid and at the highest level"), 1u) << text;
  EXPECT_TRUE(article->blocks.front().text.starts_with("Havana, June 20 (RHC)--"))
      << article->blocks.front().text;
}

TEST(ExtractArticle, KeepsEmphasisAsSeedMarks) {
  auto article = extract_fixture(
      "moscowtimes/2026/04/10/russia-eyes-management-of-cubas-industrial-production-a92469");
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->blocks.back().text, "*AFP contributed reporting.*");

  auto inline_marks = extract_html(
      "<html><body><article>"
      "<p>Cuba and Russia signed an <em>important</em> agreement on <strong>energy</strong> and "
      "<b>oil</b>, officials <i>said</i> on Friday in <a href=\"/havana\">Havana</a>.</p>"
      "<p>The second paragraph is here so that the container is clearly the article body.</p>"
      "</article></body></html>");
  ASSERT_TRUE(inline_marks) << inline_marks.error().message;
  ASSERT_FALSE(inline_marks->blocks.empty());
  EXPECT_EQ(inline_marks->blocks.front().text,
            "Cuba and Russia signed an *important* agreement on **energy** and **oil**, officials "
            "*said* on Friday in Havana.");
}

TEST(ExtractArticle, AddsNoSpacesAroundInlineElements) {
  auto article = extract_html(
      "<html><body><article><p>Cuba and Rosneft<a href=\"/r\">’s</a> partners discussed the "
      "<a href=\"/t\">TASS</a>-reported plan (<em>in Spanish</em>), as “<em>Granma</em>” "
      "wrote on <span>Mon</span>day.</p></article></body></html>");
  ASSERT_TRUE(article) << article.error().message;
  ASSERT_EQ(article->blocks.size(), 1u);
  EXPECT_EQ(article->blocks[0].text,
            "Cuba and Rosneft’s partners discussed the TASS-reported plan (*in Spanish*), as "
            "“*Granma*” wrote on Monday.");
}

TEST(ExtractArticle, KeepsSubheadingsAndQuotesAsTheirBlockKinds) {
  auto headlines = extract_fixture("cubaheadlines/articles/158391");
  ASSERT_TRUE(headlines) << headlines.error().message;
  std::vector<Block> headings;
  for (const auto& b : headlines->blocks)
    if (b.kind == BlockKind::heading) headings.push_back(b);
  EXPECT_EQ(headings, (std::vector<Block>{{BlockKind::heading, "Cuba as Russia's Silicon Valley"}}));

  auto hockey = extract_fixture(
      "moscowtimes/2026/04/21/lokomotiv-yaroslavl-beat-ak-bars-to-win-second-straight-gagarin-cup-a92655");
  ASSERT_TRUE(hockey) << hockey.error().message;
  std::vector<std::string> quotes;
  for (const auto& b : hockey->blocks)
    if (b.kind == BlockKind::quote) quotes.push_back(b.text);
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_TRUE(quotes[0].starts_with("“Nobody believed we could do it again")) << quotes[0];
}

TEST(ExtractArticle, ExtractsEveryUnrelatedFixturePage) {
  const std::vector<std::pair<std::string, std::string>> pages = {
      {"moscowtimes/2026/03/20/russias-central-bank-cuts-key-rate-to-15-as-inflation-slows-a92301",
       "Russia's Central Bank Cuts Key Rate to 15% as Inflation Slows"},
      {"moscowtimes/2026/04/08/russia-and-china-sign-binding-deal-on-power-of-siberia-2-gas-pipeline-a92441",
       "Russia and China Sign Binding Deal on Power of Siberia 2 Gas Pipeline"},
      {"radiohc/en/noticias/nacionales/"
       "352310-sugar-harvest-gets-under-way-in-cienfuegos-with-three-mills-operating",
       "Sugar harvest gets under way in Cienfuegos with three mills operating"},
      {"cibercuba/noticias/"
       "2025-11-03-u1-e199572-s27061-nid315880-union-electrica-preve-afectacion-1750-mw-horario-pico",
       "La Unión Eléctrica prevé una afectación de 1.750 MW en el horario pico de este lunes"},
      {"cubaheadlines/articles/158502", "Tourist Arrivals to Cuba Fall Nearly 20% Through August"},
  };
  for (const auto& [path, title] : pages) {
    auto article = extract_fixture(path);
    ASSERT_TRUE(article) << path << ": " << article.error().message;
    EXPECT_EQ(article->title, title);
    EXPECT_GE(article->blocks.size(), 3u) << path;
    EXPECT_TRUE(article->published.has_value()) << path;
  }
  auto spanish = extract_fixture(pages[3].first);
  ASSERT_TRUE(spanish);
  EXPECT_EQ(spanish->language, "es");
}

TEST(ExtractArticle, ReadsTheBylineWithoutTheDateBesideIt) {
  // <p class="byline">By Elena Marín &middot; <time ...>October 15, 2025</time></p>
  auto article = extract_fixture("broken/fine-article");
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->authors, std::vector<std::string>{"Elena Marín"});
  ASSERT_TRUE(article->published);
  EXPECT_EQ(format_iso8601(*article->published), "2025-10-15T11:00:00+02:00");
}

// --- Metadata fallbacks -------------------------------------------------------------------

TEST(ExtractArticle, FallsBackToTheDocumentTitleWithoutTheSiteName) {
  auto article = extract_html(
      "<html><head><title>Havana and Moscow sign a rail deal | Example News</title></head><body>"
      "<div class=\"story\"><p>Havana and Moscow signed a rail agreement on Monday, officials "
      "said, after months of talks about the repair of the island's network.</p>"
      "<p>The deal covers locomotives, spare parts and the training of Cuban engineers.</p>"
      "</div></body></html>");
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->title, "Havana and Moscow sign a rail deal");
}

TEST(ExtractArticle, PrefersJsonLdOverOpenGraphOverTheH1) {
  auto article = extract_html(
      "<html><head><meta property=\"og:title\" content=\"OpenGraph title\">"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"JSON-LD "
      "title\",\"author\":[{\"@type\":\"Person\",\"name\":\"Ana Pérez\"},{\"@type\":\"Person\","
      "\"name\":\"John Smith\"}],\"datePublished\":\"2026-04-10T13:47:00+03:00\"}</script>"
      "</head><body><h1>H1 title</h1><div><p>Body text that is long enough to count as a "
      "paragraph of the article, with a comma.</p></div></body></html>");
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->title, "JSON-LD title");
  EXPECT_EQ(article->authors, (std::vector<std::string>{"Ana Pérez", "John Smith"}));
  ASSERT_TRUE(article->published);
  EXPECT_EQ(format_iso8601(*article->published), "2026-04-10T13:47:00+03:00");
}

TEST(ExtractArticle, TakesTheFirstH1ThatIsNeitherEmptyNorTheSitesNameWithoutItsKickerLine) {
  auto article = extract_html(
      "<html><head><title>Noticias | Diario del Sur</title><meta property=\"og:site_name\" "
      "content=\"Diario del Sur\"></head><body><header><h1><a href=\"/\"><img src=\"logo.png\" "
      "alt=\"\"></a></h1><h1 class=\"brand\">Diario del Sur</h1></header><article><h1><span "
      "class=\"kicker\">Puerto</span> Abre la nueva terminal de cruceros</h1><p>La terminal "
      "recibirá su primer barco el lunes, con dos mil pasajeros a bordo, según el puerto.</p>"
      "</article></body></html>");
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->title, "Abre la nueva terminal de cruceros");
}

TEST(ExtractArticle, ReadsAnAuthorLineThatClosesOrOpensTheTextAndLeavesItOut) {
  const std::string body = "<p>La feria del libro abre el viernes con doscientas editoriales, "
                           "según los organizadores, en el puerto.</p><p>Habrá lecturas todas las "
                           "tardes y talleres para niños, añadieron.</p>";
  for (std::string line : {"<p><em>Texto: Marta Echeverría · Fotos: Jordi Puig</em></p>",
                           "<p><em>(Reportagem de Marta Echeverría)</em></p>",
                           "<p><strong>Marta Echeverría</strong>, corresponsal en Valparaíso</p>"}) {
    for (bool at_end : {true, false}) {
      auto article = extract_html("<html><body><article>" + (at_end ? body + line : line + body) +
                                  "</article></body></html>");
      ASSERT_TRUE(article) << article.error().message;
      EXPECT_EQ(article->authors, (std::vector<std::string>{"Marta Echeverría"})) << line;
      EXPECT_EQ(article->blocks.size(), 2u) << line;
    }
  }
}

TEST(ExtractArticle, TakesTheDateFromTheUrlWhenThePageStatesNone) {
  auto article = extract_html(
      "<html><head><title>Story</title></head><body><div><p>Body text that is long enough to "
      "count as a paragraph of the article, with a comma.</p></div></body></html>",
      "https://news.example.com/2026/04/10/story-a1");
  ASSERT_TRUE(article) << article.error().message;
  ASSERT_TRUE(article->published);
  EXPECT_EQ(format_long_date(*article->published), "April 10, 2026");
  EXPECT_FALSE(article->published->has_time);
}

TEST(ExtractArticle, ResolvesARelativeCanonicalLinkOnTheSameSite) {
  auto article = extract_html(
      "<html><head><link rel=\"canonical\" href=\"/news/story?utm_source=x\"></head><body><div>"
      "<p>Body text that is long enough to count as a paragraph of the article, with a comma.</p>"
      "</div></body></html>",
      "https://www.example.com/amp/news/story?ref=home");
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->canonical_url, "https://www.example.com/news/story");
}

TEST(ExtractArticle, IgnoresACanonicalLinkToAnotherSite) {
  auto article = extract_html(
      "<html><head><link rel=\"canonical\" href=\"https://elsewhere.example.org/x\"></head><body>"
      "<div><p>Body text that is long enough to count as a paragraph of the article, with a "
      "comma.</p></div></body></html>",
      "https://news.example.com/a/1?utm_medium=rss#top");
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->canonical_url, "https://news.example.com/a/1");
}

TEST(ExtractArticle, UsesThePageLanguageThenTheHintWhenDetectionFails) {
  const std::string body =
      "<body><div><p>Rosneft Gazprom Zarubezhneft Cabrisas Chekushov Ryabkov Beglov Havana "
      "Moscow 2025 2026.</p></div></body></html>";
  auto declared = extract_html("<html lang=\"pt-BR\">" + body);
  ASSERT_TRUE(declared) << declared.error().message;
  EXPECT_EQ(declared->language, "pt");

  ExtractOptions options;
  options.url = "https://news.example.com/a/1";
  options.language_hint = "es";
  auto hinted = extract_article("<html>" + body, options);
  ASSERT_TRUE(hinted) << hinted.error().message;
  EXPECT_EQ(hinted->language, "es");
}

TEST(ExtractArticle, DecodesTheDeclaredCharset) {
  // "café en La Habana" in ISO-8859-1.
  std::string latin1 =
      "<html><head><meta charset=\"iso-8859-1\"></head><body><div><p>Un caf\xE9 en La Habana, "
      "con le\xF1" "a y az\xFA" "car, cuesta ahora mucho m\xE1s que el a\xF1o pasado.</p></div>"
      "</body></html>";
  auto article = extract_html(latin1);
  ASSERT_TRUE(article) << article.error().message;
  ASSERT_FALSE(article->blocks.empty());
  EXPECT_EQ(article->blocks.front().text,
            "Un café en La Habana, con leña y azúcar, cuesta ahora mucho más que el año pasado.");

  // Undeclared bytes are read as UTF-8, not as libxml2's ISO-8859-1 default.
  auto utf8 = extract_html(
      "<html><body><div><p>Díaz-Canel visitó Moscú y San Petersburgo, según la Presidencia.</p>"
      "</div></body></html>");
  ASSERT_TRUE(utf8) << utf8.error().message;
  ASSERT_FALSE(utf8->blocks.empty());
  EXPECT_EQ(utf8->blocks.front().text,
            "Díaz-Canel visitó Moscú y San Petersburgo, según la Presidencia.");
}

// --- Bad input ----------------------------------------------------------------------------

TEST(ExtractArticle, RejectsEmptyInput) {
  auto article = extract_html("");
  ASSERT_FALSE(article.has_value());
  EXPECT_EQ(article.error().code, Error::Code::bad_input);
}

TEST(ExtractArticle, RejectsBytesWithNuls) {
  std::string binary = "<html><body><p>";
  binary += std::string("\x00\x01\x02\x00\xFF\xFE", 6);
  binary += "Some text that would otherwise be a paragraph of an article.</p></body></html>";
  auto article = extract_html(binary);
  ASSERT_FALSE(article.has_value());
  EXPECT_EQ(article.error().code, Error::Code::bad_input);
}

TEST(ExtractArticle, RejectsTextWithoutMarkup) {
  auto article = extract_html("Just a line of plain text, not HTML at all, with no tags in it.");
  ASSERT_FALSE(article.has_value());
  EXPECT_EQ(article.error().code, Error::Code::bad_input);
}

TEST(ExtractArticle, RejectsAPdf) {
  // broken/report.pdf has no NUL in its first 1024 bytes and "<<" dictionaries that look like
  // markup; it must still not become an article.
  auto article = extract_article(read_file(source_path("tests/fixtures/site/broken/report.pdf")),
                                 ExtractOptions{kOrigin + "/broken/report.pdf", "", "", {}});
  ASSERT_FALSE(article.has_value()) << "extracted: " << plain_text(article->blocks);
  EXPECT_EQ(article.error().code, Error::Code::bad_input);
}

TEST(ExtractArticle, RejectsOtherBinaryFormatsServedAsPages) {
  using namespace std::string_literals;
  for (const std::string& bytes :
       {"PK\x03\x04<html><p>zip archive pretending to be a page, long enough.</p>"s,
        "\x89PNG\r\n\x1a<p>png image pretending to be a page, long enough.</p>"s,
        "GIF89a<p>gif image pretending to be a page, long enough to count.</p>"s,
        "\x1F\x8B\x08<p>gzip stream pretending to be a page, long enough.</p>"s}) {
    auto article = extract_html(bytes);
    ASSERT_FALSE(article.has_value()) << bytes;
    EXPECT_EQ(article.error().code, Error::Code::bad_input) << bytes;
  }
}

TEST(ExtractArticle, ReportsNoContentForAPageWithoutParagraphs) {
  for (std::string_view html :
       {"<html><head><title>Nothing here</title></head><body><div>Short</div></body></html>",
        "<html><body><nav><ul><li><a href=\"/a\">News</a></li><li><a href=\"/b\">Sports</a>"
        "</li></ul></nav><footer><p>© 2026 Example News, all rights reserved, "
        "everywhere.</p></footer></body></html>",
        "<html><body><div class=\"cookie-notice\"><p>We use cookies to improve your experience "
        "on our website, as everybody does.</p></div></body></html>"}) {
    auto article = extract_html(html);
    ASSERT_FALSE(article.has_value()) << html;
    EXPECT_EQ(article.error().code, Error::Code::no_content) << html;
  }
}

// --- Hostile input ------------------------------------------------------------------------

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(ExtractArticle, SurvivesDeeplyNestedDivs) {
  const std::size_t depth = 100000;
  std::string html = "<html><body>";
  html.reserve(depth * 11 + 200);
  for (std::size_t i = 0; i < depth; ++i) html += "<div>";
  html += "<p>A paragraph at the bottom of a very deep tree, with a comma or two.</p>";
  for (std::size_t i = 0; i < depth; ++i) html += "</div>";
  html += "</body></html>";

  auto start = std::chrono::steady_clock::now();
  auto article = extract_html(html);
  EXPECT_LT(seconds_since(start), 2.0);
  if (article) {
    EXPECT_LE(article->blocks.size(), 1u);
  } else {
    EXPECT_TRUE(article.error().code == Error::Code::no_content ||
                article.error().code == Error::Code::parse_failed ||
                article.error().code == Error::Code::bad_input)
        << article.error().message;
  }
}

TEST(ExtractArticle, SurvivesATenMegabyteParagraph) {
  const std::string sentence = "Cuba and Russia discussed energy, rail and sugar in Havana. ";
  std::string text;
  text.reserve(10 * 1024 * 1024 + sentence.size());
  while (text.size() < 10 * 1024 * 1024) text += sentence;
  std::string html = "<html><head><title>Long</title></head><body><article><p>" + text +
                     "</p></article></body></html>";

  auto start = std::chrono::steady_clock::now();
  auto article = extract_html(html);
  EXPECT_LT(seconds_since(start), 3.0);
  if (article) {
    // libxml2 caps a text node at 10,000,000 bytes without HTML_PARSE_HUGE, so the paragraph
    // may be cut there; what is kept must be the paragraph's own beginning.
    ASSERT_EQ(article->blocks.size(), 1u);
    const std::string& kept = article->blocks.front().text;
    EXPECT_GE(kept.size(), 1024u * 1024);
    EXPECT_LE(kept.size(), text.size());
    EXPECT_EQ(kept.substr(0, 4096), text.substr(0, 4096));
  } else {
    EXPECT_FALSE(article.error().message.empty());
  }
}

TEST(ExtractArticle, TakesLinearTimeForALongParagraphInADeepTree) {
  const std::string sentence = "Cuba and Russia discussed energy, rail and sugar in Havana. ";
  std::string html = "<html><body>";
  for (int i = 0; i < 200; ++i) html += "<div>";
  html += "<p>";
  while (html.size() < 2 * 1024 * 1024) html += sentence;
  html += "</p>";
  for (int i = 0; i < 200; ++i) html += "</div>";
  html += "</body></html>";

  auto start = std::chrono::steady_clock::now();
  auto article = extract_html(html);
  EXPECT_LT(seconds_since(start), 1.0);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->blocks.size(), 1u);
}

}  // namespace
}  // namespace normalize
