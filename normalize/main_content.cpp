#include "normalize/main_content.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

#include "normalize/html_document.h"
#include "normalize/text.h"

namespace normalize {
namespace {

// What an element is to the extractor, decided once per element from its name.
enum class Tag : std::uint8_t {
  block,       // a container or any element that starts a new line of text
  inline_run,  // text-level markup that adds no line break
  dropped,     // never holds article text
  chrome,      // page chrome (navigation, header, footer, aside, forms): boilerplate, but a
               // misnested page can have its article parsed inside one
  paragraph,
  heading,     // h2-h6: sub-headings of the article
  title,       // h1: the title is metadata, not a block
  list_item,
  quote,
  table,
  table_row,   // <tr>: a row of short cells is read as one line, "cell | cell"
  cell,        // <td>, <th>
  line_break,
  link,
  emphasis,
  strong,
  root,        // html and body: never dropped for their class
};

Tag tag_of(const xmlNode* node) {
  static const std::unordered_map<std::string_view, Tag> kTags = [] {
    std::unordered_map<std::string_view, Tag> tags;
    for (std::string_view name :
         {"span", "small", "sub", "sup", "abbr", "cite", "q", "mark", "time", "code", "u", "s",
          "font", "del", "ins", "bdi", "bdo", "label", "var", "kbd", "samp", "dfn", "big",
          "strike", "tt", "data", "wbr", "img", "picture", "source", "nobr"})
      tags[name] = Tag::inline_run;
    // Scripts, embeds and form controls; figures because their captions and credits are not
    // the article's text.
    for (std::string_view name :
         {"script", "style", "noscript", "template", "button", "iframe", "svg", "math",
          "select", "textarea", "input", "option", "figure", "figcaption", "object", "embed",
          "video", "audio", "canvas", "map", "head", "title", "meta", "link"})
      tags[name] = Tag::dropped;
    for (std::string_view name : {"nav", "footer", "aside", "header", "menu", "dialog", "form"})
      tags[name] = Tag::chrome;
    tags["p"] = Tag::paragraph;
    for (std::string_view name : {"h2", "h3", "h4", "h5", "h6"}) tags[name] = Tag::heading;
    tags["h1"] = Tag::title;
    tags["li"] = Tag::list_item;
    tags["dd"] = Tag::list_item;
    tags["blockquote"] = Tag::quote;
    tags["table"] = Tag::table;
    tags["tr"] = Tag::table_row;
    tags["td"] = Tag::cell;
    tags["th"] = Tag::cell;
    tags["br"] = Tag::line_break;
    tags["a"] = Tag::link;
    tags["em"] = Tag::emphasis;
    tags["i"] = Tag::emphasis;
    tags["strong"] = Tag::strong;
    tags["b"] = Tag::strong;
    tags["html"] = Tag::root;
    tags["body"] = Tag::root;
    return tags;
  }();
  auto found = kTags.find(reinterpret_cast<const char*>(node->name));
  return found == kTags.end() ? Tag::block : found->second;
}

bool is_inline(Tag tag) {
  return tag == Tag::inline_run || tag == Tag::link || tag == Tag::emphasis || tag == Tag::strong ||
         tag == Tag::line_break;
}

// class/id words of boilerplate containers, in the languages of the outlets and of the pages
// the extractor was measured on. A word matches a whole token of the attribute (split on
// anything but letters and digits, lowercased), or the start of one for the prefixes, which
// also catches camelCase names ("ShareBar", "relatedArticles").
//
// Strong words mark boilerplate even in an element whose name also says "article" or
// "content" ("article-share", "story-related"); weak ones lose to such a word, because a
// layout wrapper named "content-with-sidebar" or "article-body has-ads" holds the article.
constexpr std::array<std::string_view, 45> kStrongWords = {
    "telegram",   "whatsapp",    "donate",      "donation",     "donations",    "comentar",
    "commentlist", "respond",
    "comment",    "comments",    "comentarios", "kommentare",   "commentaires", "commenti",
    "cookie",     "cookies",     "consent",     "gdpr",         "newsletter",   "outbrain",
    "taboola",    "relacionadas", "relacionados", "byline",     "caption",      "credits",
    "breadcrumb", "breadcrumbs", "tweet",       "instagram",    "compartir",    "partage",
    "condividi",  "teilen",      "mostread",    "sponsored",    "disqus",       "toolbar",
    "dateline",   "modal",       "popup",       "overlay",      "lightbox",     "fancybox",
    "cmp"};
constexpr std::array<std::string_view, 8> kStrongPrefixes = {
    "share", "social", "related", "newsletter", "cookie", "advert", "sponsor", "recommend"};
constexpr std::array<std::string_view, 33> kWeakWords = {
    "support", "bio", "tagline", "firma", "signature",
    "ad",        "ads",      "adv",       "advertisement", "anzeige",  "werbung", "publicidad",
    "banner",    "promo",    "subscribe", "subscription",  "footer",   "nav",     "navigation",
    "menu",      "sidebar",  "popular",   "trending",      "faq",      "tags",    "tag",
    "widget",    "masthead", "topbar",    "skip",          "pagination", "author", "authors"};
constexpr std::array<std::string_view, 22> kContentWords = {
    "article", "articlebody", "body",    "content",  "main",     "story",  "text",  "entry",
    "post",    "artikel",     "inhalt",  "texto",    "cuerpo",   "contenido", "noticia",
    "nota",    "testo",       "corpo",   "tekst",    "paragraph", "richtext", "prose"};
constexpr std::array<std::string_view, 4> kContentPrefixes = {"article", "story", "content",
                                                              "body"};

// Reads the class and id words of an element once: whether they name boilerplate, content,
// both or neither. Runs for every element of every page, so it does not allocate.
struct ClassWords {
  bool strong = false, weak = false, content = false;
  // Strong words that name a box around other things, which a page may wrap its whole
  // article in ("overlay", "modal"), as against one kind of boilerplate ("comments").
  bool wrapper = false;
};

// The vocabularies in one table: a token costs one lookup, not one comparison per word.
enum WordFlags : std::uint8_t { kStrong = 1, kWeak = 2, kContent = 4, kWrapper = 8 };

const std::unordered_map<std::string_view, std::uint8_t>& word_table() {
  static const std::unordered_map<std::string_view, std::uint8_t> table = [] {
    std::unordered_map<std::string_view, std::uint8_t> words;
    for (auto w : kStrongWords) words[w] |= kStrong;
    for (auto w : kWeakWords) words[w] |= kWeak;
    for (auto w : kContentWords) words[w] |= kContent;
    for (std::string_view w : {"modal", "popup", "overlay", "lightbox", "fancybox", "toolbar"}) words[w] |= kWrapper;
    return words;
  }();
  return table;
}

void add_word(std::string_view word, ClassWords& found) {
  auto hit = word_table().find(word);
  if (hit != word_table().end()) {
    bool wrapper = hit->second & kWrapper;
    found.strong = found.strong || ((hit->second & kStrong) && !wrapper);
    found.wrapper = found.wrapper || wrapper;
    found.weak = found.weak || (hit->second & kWeak);
    found.content = found.content || (hit->second & kContent);
  }
  // Prefixes only for words longer than themselves; every prefix is at least four letters.
  if (word.size() <= 4) return;
  for (auto p : kStrongPrefixes) found.strong = found.strong || word.starts_with(p);
  for (auto p : kContentPrefixes) found.content = found.content || word.starts_with(p);
}

ClassWords class_words(const xmlNode* node) {
  ClassWords found;
  for_each_class_word(node, [&found](std::string_view word) { add_word(word, found); });
  return found;
}

// How strongly an element's class or id names boilerplate. Such an element is not dropped
// blindly: some pages wrap their whole article in an element named for its share bar
// ("post-share-container") or its ads ("wrapper gate-ad").
enum class Named : std::uint8_t { none, weak, strong };

// `all_words` false: only the words that name one kind of boilerplate count, not the wrapper
// words and weak words that a page may put on a box around its whole article.
Named named_boilerplate(const xmlNode* node, bool all_words = true) {
  ClassWords words = class_words(node);
  if (words.strong || (all_words && words.wrapper)) return Named::strong;
  return all_words && words.weak && !words.content ? Named::weak : Named::none;
}

bool is_space(unsigned char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// `property: value` in an inline style, spaces and case aside ("Display : NONE"). Runs for
// every element with a style, so it compares in place rather than building a clean copy.
bool style_says(std::string_view style, std::string_view property, std::string_view value) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  auto skip_spaces = [&](std::size_t i) {
    while (i < style.size() && is_space(static_cast<unsigned char>(style[i]))) ++i;
    return i;
  };
  // Reads `word` at `i`, case aside; the position after it, or npos.
  auto read = [&](std::size_t i, std::string_view word) {
    for (char c : word) {
      if (i >= style.size() || lower(style[i]) != c) return std::string_view::npos;
      ++i;
    }
    return i;
  };
  for (std::size_t start = 0; start < style.size();) {
    std::size_t end = style.find(';', start);
    if (end == std::string_view::npos) end = style.size();
    std::size_t i = read(skip_spaces(start), property);
    if (i != std::string_view::npos && (i = skip_spaces(i)) < end && style[i] == ':') {
      i = read(skip_spaces(i + 1), value);
      if (i != std::string_view::npos) {
        i = skip_spaces(i);
        if (i >= end || style[i] == '!') return true;
      }
    }
    start = end + 1;
  }
  return false;
}

// Hidden text behind a paywall is the article's own, shown once the reader subscribes.
bool named_for_paywall(const xmlNode* node) {
  bool found = false;
  for_each_class_word(node, [&found](std::string_view word) {
    for (std::string_view w : {"paywall", "premium", "locked", "subscriber", "subscribers", "regwall", "restricted"})
      found = found || word == w;
  });
  return found;
}

// An element the reader never sees: the `hidden` attribute, or an inline style that hides it
// (a second, hidden copy of the article; a closed menu or modal). Not `aria-hidden`, and not
// a box named for the paywall: pages hide the paragraphs behind a paywall so, and they are
// the article's own text.
bool is_invisible(const xmlNode* node) {
  bool hidden = false;
  for (const xmlAttr* attr = node->properties; attr && !hidden; attr = attr->next) {
    const char* name = reinterpret_cast<const char*>(attr->name);
    if (std::strcmp(name, "hidden") == 0) {
      // "until-found" is a collapsed section that the browser's find opens: the page's text.
      hidden = !(attr->children && attr->children->content &&
                 std::string_view{reinterpret_cast<const char*>(attr->children->content)} == "until-found");
      continue;
    }
    if (std::strcmp(name, "style") != 0 || !attr->children || !attr->children->content) continue;
    std::string_view style = reinterpret_cast<const char*>(attr->children->content);
    hidden = style_says(style, "display", "none") || style_says(style, "visibility", "hidden");
  }
  return hidden && !named_for_paywall(node);
}

// Bytes of visible text: whitespace does not count, so indentation in the markup does not
// make a container look dense.
std::uint32_t visible_bytes(const xmlChar* content) {
  std::uint32_t n = 0;
  if (!content) return 0;
  for (const xmlChar* c = content; *c; ++c) n += !is_space(*c);
  return n;
}

// What the first pass learns about each element that is not left out.
struct ElementStats {
  xmlNode* node = nullptr;
  std::uint32_t owner = 0;      // the index of the nearest block element (itself, if a block)
  std::uint32_t text = 0;       // visible bytes below the element
  std::uint32_t links = 0;      // of which inside links
  std::uint32_t own_text = 0;   // visible bytes of the text the element holds as a block
  std::uint32_t own_links = 0;
  double gain = 0;              // article text below minus boilerplate text below
  // Visible bytes of the link the element's text opens with (0 when it opens outside a
  // link): a teaser opens with its headline's link.
  std::uint32_t lead_link = 0;
  Tag tag = Tag::block;
  Named named = Named::none;    // by its tag (page chrome) or its class or id
  bool holds_table = false;     // a <table> below it
  bool data_row = false;        // a <tr> of short cells, read as one line
  // Boilerplate is left out of its containers' counts and of the text read. A strong name
  // makes it so; a weak one only when the element holds less than an article's worth of prose
  // (kWeakNameHolds), so that a wrapper named "gate-ad" around a whole page still counts.
  bool boilerplate = false;
};

std::uint32_t index_of(const xmlNode* node) {
  return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(node->_private));
}

// Text a block contributes to its containers' gain: prose counts for, short fragments and
// lists of links count against. An element that holds the whole article and little else has
// the largest sum, so the best container is found without guessing at thresholds between
// "article" and "not article" for whole subtrees.
double unit_value(const ElementStats& s) {
  if (s.own_text == 0) return 0;
  double text = s.own_text, links = s.own_links;
  bool link_heavy = links * 2 > text;
  if (s.tag == Tag::heading || s.tag == Tag::title) return link_heavy ? -text : 0;
  if (!link_heavy && text - links >= 25) return text - 2 * links;
  return link_heavy ? -text : -0.5 * text;
}

// How far a pass believes what the markup says. The first pass believes all of it; when it
// finds no article, the next ones stop believing the class and id words that may name a
// wrapper, then all class and id names, and the last one also the tags of page chrome,
// hidden elements, figures and teaser lists, so that a page whose markup misleads never
// comes back empty.
struct Trust {
  bool names = true;
  bool wrapper_names = true;  // weak words and wrapper words ("ad-wrapper", "overlay")
  bool chrome = true;
  bool visibility = true;
  bool teasers = true;
  bool figures = true;
};

// Where an element stands among boilerplate, for choosing the article.
enum class Inside : std::uint8_t { none, chrome, named };

// Whether a link leads to another page (not "#top", not a script).
bool links_elsewhere(const xmlNode* link) {
  for (const xmlAttr* attr = link->properties; attr; attr = attr->next) {
    if (std::strcmp(reinterpret_cast<const char*>(attr->name), "href") != 0) continue;
    if (!attr->children || !attr->children->content) return false;
    std::string_view href = trim(reinterpret_cast<const char*>(attr->children->content));
    return !href.empty() && !href.starts_with('#') && !href.starts_with("javascript:");
  }
  return false;
}

// A heading that opens readers' comments: "Leserkommentare (5)", "3 réactions", "12 thoughts on
// “Title”", "Комментарии". A count beside at most three words, one of them a comment word,
// or one of the words that say nothing else alone: "Réactions" or "Comment réagissent les
// pêcheurs ?" are an article's own sub-headings.
bool heads_comments(const xmlNode* heading) {
  std::string text = ascii_lower(text_content(heading));
  if (text.size() > 200) return false;
  bool count = text.find_first_of("0123456789") != std::string::npos;
  if (count) {
    for (std::string_view lead : {"thoughts on", "responses to", "replies to", "comments on"}) {
      auto at = text.find(lead);
      if (at != std::string::npos && at < 6) return true;
    }
  }
  static constexpr std::array<std::string_view, 12> kStems = {
      "comments", "kommentar", "leserkommentar", "commentaires", "réaction", "reaction",
      "comentario", "comentário", "коммент", "reacties", "responses", "replies"};
  static constexpr std::array<std::string_view, 8> kAlone = {
      "comments", "kommentare", "leserkommentare", "commentaires", "comentarios", "comentários",
      "комментарии", "reacties"};
  std::size_t words = 0;
  bool stem = false, alone = false;
  constexpr std::string_view kPunctuation = "()[]:.,!?#\"";
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && (is_space(static_cast<unsigned char>(text[i])) ||
                               kPunctuation.find(text[i]) != std::string_view::npos ||
                               (text[i] >= '0' && text[i] <= '9')))
      ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(static_cast<unsigned char>(text[i])) &&
           kPunctuation.find(text[i]) == std::string_view::npos)
      ++i;
    if (i == start) continue;
    ++words;
    std::string_view word{text.data() + start, i - start};
    for (auto s : kStems) stem = stem || word.starts_with(s);
    for (auto s : kAlone) alone = alone || word == s;
  }
  return (count && stem && words <= 3) || (alone && words == 1);
}

class StatsPass {
 public:
  explicit StatsPass(Trust trust = {}) : trust_(trust) {}

  // Fills `stats_` for every element below `root` that is not left out; index 0 is unused so
  // that a null `_private` means "left out".
  void run(xmlNode* root) {
    stats_.clear();
    stats_.emplace_back();
    ElementStats top;
    top.node = root;
    top.tag = Tag::root;
    top.owner = 1;
    stats_.push_back(top);
    root->_private = reinterpret_cast<void*>(std::uintptr_t{1});
    walk_tree(root, [this](xmlNode* n) { return enter(n); }, [this](xmlNode* n) { leave(n); });
    finish(1);
    choose_best();
  }

  std::vector<ElementStats>& stats() { return stats_; }
  std::uint32_t best() const { return best_; }

  // The best element and those of its siblings that continue the article: a standfirst
  // before it, the second half of a body that an ad box or a paywall split, and every sibling
  // of the same tag and class that holds prose (a body cut into "text-block" boxes between
  // pictures and ads). In document order.
  std::vector<xmlNode*> article_elements() const {
    std::vector<xmlNode*> out;
    if (best_ == 0) return out;
    const ElementStats& best = stats_[best_];
    if (best_ == 1 || !best.node->parent) return {best.node};
    for (xmlNode* n = best.node->parent->children; n; n = n->next) {
      std::uint32_t i = n->type == XML_ELEMENT_NODE ? index_of(n) : 0;
      if (i == 0) continue;
      const ElementStats& s = stats_[i];
      bool sibling_text = !s.boilerplate && s.tag != Tag::title &&
                          (s.gain >= kSiblingShare * best.gain ||
                           (s.tag == Tag::paragraph && s.gain >= kSiblingParagraph) ||
                           (s.gain > 0 && same_box(n, best.node)));
      if (i == best_ || sibling_text) out.push_back(n);
    }
    return out;
  }

  // The standfirst that a page sets under its headline, apart from the body: among the three
  // elements after the last <h1> before the chosen container, the first that reads as a
  // sentence or two of prose (40 to 600 visible bytes, few links, ending as a sentence ends).
  xmlNode* standfirst() const {
    if (best_ <= 1) return nullptr;
    std::uint32_t h1 = 0;
    for (std::uint32_t i = 2; i < best_; ++i)
      if (stats_[i].tag == Tag::title && stats_[i].text > 0) h1 = i;
    if (h1 == 0 || is_inside(stats_[h1].node, stats_[best_].node)) return nullptr;
    auto prose_box = [&](xmlNode* n, const ElementStats& s) {
      return (s.tag == Tag::paragraph || s.tag == Tag::block) && s.text >= 40 && s.text <= 600 &&
             s.links * 4 < s.text && ends_a_sentence(n);
    };
    int looked = 0;
    for (xmlNode* n = stats_[h1].node->next; n && looked < 3; n = n->next) {
      std::uint32_t i = n->type == XML_ELEMENT_NODE ? index_of(n) : 0;
      if (i == 0 || stats_[i].text == 0) continue;
      ++looked;
      const ElementStats& s = stats_[i];
      if (s.boilerplate || is_inside(stats_[best_].node, n)) break;
      if (prose_box(n, s)) return n;
    }
    // Or, further from the headline, a box that its class names as the standfirst ("perex",
    // "standfirst", "chapo", "entradilla").
    // The class is read first: it is cheap, and the sentence test copies the element's text.
    for (std::uint32_t i = h1 + 1; i < best_; ++i) {
      const ElementStats& s = stats_[i];
      if (s.boilerplate || s.text == 0 || !s.node->properties) continue;
      bool named = false;
      for_each_class_word(s.node, [&named](std::string_view word) {
        for (std::string_view w : {"perex", "lead", "lede", "standfirst", "intro", "summary", "dek", "deck",
                                   "subtitle", "subtitulo", "bajada", "entradilla", "chapo", "chapeau",
                                   "sumario", "excerpt", "abstract", "anons", "lid"})
          named = named || word == w;
      });
      if (named && prose_box(s.node, s) && !inside_boilerplate(i)) return s.node;
    }
    return nullptr;
  }

  bool inside_boilerplate(std::uint32_t i) const {
    for (const xmlNode* n = stats_[i].node; n; n = n->parent) {
      std::uint32_t k = n->type == XML_ELEMENT_NODE ? index_of(n) : 0;
      if (k != 0 && stats_[k].boilerplate) return true;
    }
    return false;
  }

  static bool is_inside(const xmlNode* node, const xmlNode* ancestor) {
    for (const xmlNode* n = node; n; n = n->parent)
      if (n == ancestor) return true;
    return false;
  }

  static bool ends_a_sentence(const xmlNode* node) {
    std::string text = text_content(node);
    for (std::string_view end : {".", "!", "?", "…", ".»", ".”", "?»", "!»", ".\""})
      if (std::string_view{text}.ends_with(end)) return true;
    return false;
  }

  static bool same_box(const xmlNode* a, const xmlNode* b) {
    if (std::strcmp(reinterpret_cast<const char*>(a->name), reinterpret_cast<const char*>(b->name)) != 0)
      return false;
    std::string class_a = attribute(a, "class");
    return !class_a.empty() && class_a == attribute(b, "class");
  }

  // Clears the `_private` fields this pass set.
  void clear_marks() {
    for (std::size_t i = 1; i < stats_.size(); ++i) stats_[i].node->_private = nullptr;
  }

 private:
  bool enter(xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      std::uint32_t parent = index_of(n->parent);
      if (parent == 0) return false;
      std::uint32_t bytes = visible_bytes(n->content);
      ElementStats& p = stats_[parent];
      ElementStats& owner = stats_[p.owner];
      p.text += bytes;
      owner.own_text += bytes;
      if (link_depth_ > 0) {
        p.links += bytes;
        owner.own_links += bytes;
      }
      return false;
    }
    if (n->type != XML_ELEMENT_NODE) return false;
    std::uint32_t parent = index_of(n->parent);
    if (parent == 0) return false;
    Tag tag = tag_of(n);
    if (tag == Tag::dropped && (trust_.figures || !may_hold_text(n)) && !figure_of_a_table(n)) return false;
    if (trust_.visibility && n->properties && is_invisible(n)) return false;
    ElementStats s;
    s.node = n;
    s.tag = tag == Tag::dropped ? Tag::block : tag;
    if (tag == Tag::chrome) s.named = trust_.chrome ? Named::strong : Named::none;
    else if (trust_.names && tag != Tag::root && n->properties) s.named = named_boilerplate(n, trust_.wrapper_names);
    auto index = static_cast<std::uint32_t>(stats_.size());
    // Boilerplate keeps its text to itself, even an inline <span class="share">.
    s.owner = is_inline(tag) && s.named == Named::none ? stats_[parent].owner : index;
    stats_.push_back(s);
    n->_private = reinterpret_cast<void*>(static_cast<std::uintptr_t>(index));
    if (tag == Tag::link) ++link_depth_;
    return true;
  }

  void leave(xmlNode* n) {
    std::uint32_t index = index_of(n);
    if (stats_[index].tag == Tag::link) --link_depth_;
    finish(index);
  }

  void finish(std::uint32_t index) {
    ElementStats& s = stats_[index];
    if (s.owner == index) s.gain += unit_value(s);
    if (s.tag == Tag::table_row) read_row(s);
    if (trust_.teasers) drop_teasers(s);
    if (trust_.names) drop_comments(s);
    s.lead_link = lead_link_of(s);
    s.boilerplate = s.named == Named::strong || (s.named == Named::weak && s.gain < kWeakNameHolds);
    if (index == 1 || s.boilerplate) return;
    ElementStats& p = stats_[index_of(s.node->parent)];
    p.text += s.text;
    p.links += s.links;
    p.gain += s.gain;
    p.holds_table = p.holds_table || s.holds_table || s.tag == Tag::table;
  }

  // Elements that are left out for what they usually hold, but that a page can fill with its
  // article: a <figure> around the whole story, a <noscript> copy of a script-built page.
  static bool may_hold_text(const xmlNode* n) {
    for (const char* name : {"figure", "figcaption", "noscript", "template", "button"})
      if (is_element(n, name)) return true;
    return false;
  }

  // A table set in a <figure> (as WordPress sets every table) is the article's text, not a
  // picture's caption.
  static bool figure_of_a_table(const xmlNode* n) {
    if (!is_element(n, "figure")) return false;
    for (const xmlNode* c = n->children; c; c = c->next)
      if (is_element(c, "table")) return true;
    return false;
  }

  // A row of short cells is one line of a table: its text counts as prose however short each
  // cell is (a figure, a name), unless links fill it. A row with a long cell or a table inside
  // is page layout, read cell by cell as before.
  void read_row(ElementStats& row) {
    std::uint32_t cells = 0;
    for (xmlNode* c = row.node->children; c; c = c->next) {
      std::uint32_t i = c->type == XML_ELEMENT_NODE ? index_of(c) : 0;
      if (i == 0 || stats_[i].tag != Tag::cell) continue;
      if (stats_[i].holds_table || stats_[i].text > kLongestCell) return;
      ++cells;
    }
    if (cells == 0) return;
    row.data_row = true;
    double text = row.text, links = row.links;
    row.gain = text == 0 ? 0 : links * 2 > text ? -text : text - 2 * links;
  }

  std::uint32_t lead_link_of(const ElementStats& s) const {
    if (s.tag == Tag::link) return links_elsewhere(s.node) ? s.text : 0;
    for (xmlNode* c = s.node->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (visible_bytes(c->content) > 0) return 0;
        continue;
      }
      std::uint32_t i = c->type == XML_ELEMENT_NODE ? index_of(c) : 0;
      if (i == 0 || stats_[i].boilerplate || stats_[i].text == 0) continue;
      return stats_[i].lead_link;
    }
    return 0;
  }

  // A teaser: a box that opens with a headline linking to another page, plus a short excerpt.
  bool is_teaser(const ElementStats& s) const {
    bool box = s.tag == Tag::block || s.tag == Tag::list_item;
    return box && s.lead_link >= kTeaserHeadline && s.text <= s.lead_link + kTeaserExcerpt;
  }

  // Makes a child that finish() already counted into `parent` boilerplate after all: its text
  // leaves the parent's counts, and its gain gives way to `counts` (0, or a list of links'
  // negative weight).
  static void leave_out(ElementStats& parent, ElementStats& child, double counts) {
    child.boilerplate = true;
    parent.text -= child.text;
    parent.links -= child.links;
    parent.gain += counts - child.gain;
  }

  // Readers' comments that no class names: a heading that says so, and everything after it
  // in the same box.
  void drop_comments(ElementStats& parent) {
    bool after = false;
    for (xmlNode* c = parent.node->children; c; c = c->next) {
      std::uint32_t i = c->type == XML_ELEMENT_NODE ? index_of(c) : 0;
      if (i == 0 || stats_[i].boilerplate) continue;
      after = after || (stats_[i].tag == Tag::heading && heads_comments(c));
      if (after) leave_out(parent, stats_[i], 0);
    }
  }

  // Repeated teasers under one element (related articles, "read also", more from the section)
  // are boilerplate, and count against their container as a list of links does, so that they
  // no longer widen the article's container to the page. Three of them, or two <article>s.
  void drop_teasers(ElementStats& parent) {
    std::uint32_t teasers = 0, articles = 0;
    for (xmlNode* c = parent.node->children; c; c = c->next) {
      std::uint32_t i = c->type == XML_ELEMENT_NODE ? index_of(c) : 0;
      if (i == 0 || stats_[i].boilerplate || !is_teaser(stats_[i])) continue;
      ++teasers;
      articles += is_element(c, "article");
    }
    if (teasers < 3 && articles < 2) return;
    for (xmlNode* c = parent.node->children; c; c = c->next) {
      std::uint32_t i = c->type == XML_ELEMENT_NODE ? index_of(c) : 0;
      if (i == 0 || stats_[i].boilerplate || !is_teaser(stats_[i])) continue;
      leave_out(parent, stats_[i], -static_cast<double>(stats_[i].text));
    }
  }

  // The element with the largest gain, then down into a child that holds most of it: the
  // sum over a whole page also counts other prose (a consent dialog, the next article of an
  // endless page), which a tighter container leaves out. Elements come in document order,
  // so a parent is seen before its children.
  void choose_best() {
    std::vector<Inside> inside(stats_.size(), Inside::none);
    double best_gain = 0, best_named = 0;
    std::uint32_t named = 0;
    for (std::uint32_t i = 1; i < stats_.size(); ++i) {
      const ElementStats& s = stats_[i];
      Inside up = i > 1 ? inside[index_of(s.node->parent)] : Inside::none;
      Inside self = !s.boilerplate ? Inside::none : s.tag == Tag::chrome ? Inside::chrome : Inside::named;
      inside[i] = std::max(up, self);
      // Text inside boilerplate wins only by a wide margin: a misnested page can put its
      // article in an <aside> or a <form>.
      double gain = inside[i] == Inside::none ? s.gain : s.gain >= kLeastInBoilerplate ? s.gain / 3 : 0;
      if (inside[i] == Inside::named) {
        if (gain > best_named) {
          best_named = gain;
          named = i;
        }
      } else if (gain > best_gain) {
        best_gain = gain;
        best_ = i;
      }
    }
    // Text in an element named for comments, a newsletter or a modal never beats a visible
    // article of a few sentences, however long one comment runs.
    if (named != 0 && best_named > best_gain && best_gain < kFewSentences) best_ = named;
    // Not into one of several parts that each hold much of the text: that is a body split by
    // an ad box, a paywall or a picture, and the parent holds all of it.
    while (best_ != 0) {
      std::uint32_t next = 0;
      double first = 0, second = 0;
      for (xmlNode* child = stats_[best_].node->children; child; child = child->next) {
        std::uint32_t c = child->type == XML_ELEMENT_NODE ? index_of(child) : 0;
        if (c == 0 || stats_[c].boilerplate) continue;
        double gain = stats_[c].gain;
        if (gain > first) {
          second = first;
          first = gain;
          next = c;
        } else {
          second = std::max(second, gain);
        }
      }
      if (next == 0 || first < kMajority * stats_[best_].gain || second >= kSplitShare * first)
        break;
      best_ = next;
    }
  }
  static constexpr double kMajority = 0.5;
  static constexpr double kWeakNameHolds = 1500;
  // A misnested page can put its article inside an <aside>; a footer's one line is not one.
  static constexpr double kLeastInBoilerplate = 600;
  static constexpr double kSplitShare = 0.25;
  static constexpr double kSiblingShare = 0.2;
  static constexpr double kSiblingParagraph = 80;
  static constexpr double kFewSentences = 100;
  static constexpr std::uint32_t kLongestCell = 400;
  // Visible bytes, so about four words; an excerpt of two or three sentences.
  static constexpr std::uint32_t kTeaserHeadline = 20;
  static constexpr std::uint32_t kTeaserExcerpt = 300;

  Trust trust_;
  std::vector<ElementStats> stats_;
  int link_depth_ = 0;
  std::uint32_t best_ = 0;
};

// Reads the blocks below the chosen container, in one iterative walk. Inline markup adds no
// spaces of its own ("Rosneft<a>'s</a>" stays one word); emphasis becomes the seed format's
// marks, with the whitespace at the edges of an emphasised run moved outside them.
class BlockReader {
 public:
  explicit BlockReader(const std::vector<ElementStats>& stats) : stats_(stats) {}

  std::vector<Block> read(const std::vector<xmlNode*>& containers) {
    for (xmlNode* container : containers) {
      frames_.assign(1, stats_[index_of(container)].tag);
      quote_depth_ = frames_.back() == Tag::quote;
      walk_tree(container, [this](xmlNode* n) { return enter(n); },
                [this](xmlNode* n) { leave(n); });
      flush();
    }
    return std::move(blocks_);
  }

 private:
  struct Mark {
    std::size_t start;
    const char* mark;
  };

  bool enter(xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (!n->content) return false;
      std::string_view text = reinterpret_cast<const char*>(n->content);
      pending_ += text;
      if (link_depth_ > 0) pending_links_ += text.size();
      if (!trim(text).empty()) after_break_ = false;
      return false;
    }
    if (n->type != XML_ELEMENT_NODE) return false;
    std::uint32_t index = index_of(n);
    if (index == 0) return false;
    const ElementStats& s = stats_[index];
    if (s.boilerplate) return false;
    if (row_ != nullptr) return enter_in_row(n, s);
    switch (s.tag) {
      case Tag::title:
        return false;
      case Tag::line_break:
        // Two line breaks in a row separate paragraphs in pages without <p>.
        if (after_break_) flush();
        else pending_ += ' ';
        after_break_ = true;
        return false;
      case Tag::link:
        ++link_depth_;
        return true;
      case Tag::emphasis:
      case Tag::strong:
        marks_.push_back({pending_.size(), s.tag == Tag::emphasis ? "*" : "**"});
        return true;
      case Tag::inline_run:
        return true;
      default:
        break;
    }
    // A box of links inside the article (more on this, further reading) is not its text.
    bool box = s.tag == Tag::block || s.tag == Tag::table;
    if (box && s.links * 2 > s.text && s.text < 4000) return false;
    flush();
    if (s.data_row) {
      row_ = n;
      cells_ = 0;
    }
    frames_.push_back(s.tag);
    if (s.tag == Tag::quote) ++quote_depth_;
    return true;
  }

  // Inside a row of short cells everything is one line: cells are joined by " | ", and the
  // paragraphs or line breaks a cell holds are spaces.
  bool enter_in_row(xmlNode* n, const ElementStats& s) {
    if (s.tag == Tag::title) return false;
    if (s.tag == Tag::link) ++link_depth_;
    if (s.tag == Tag::cell && n->parent == row_ && cells_++ > 0) pending_ += " | ";
    else if (!is_inline(s.tag) || s.tag == Tag::line_break) pending_ += ' ';
    return s.tag != Tag::line_break;
  }

  void leave(xmlNode* n) {
    const ElementStats& s = stats_[index_of(n)];
    if (row_ != nullptr && n != row_) {
      if (s.tag == Tag::link) --link_depth_;
      else if (!is_inline(s.tag)) pending_ += ' ';
      return;
    }
    if (n == row_) {
      flush();
      row_ = nullptr;
      frames_.pop_back();
      return;
    }
    switch (s.tag) {
      case Tag::link:
        --link_depth_;
        return;
      case Tag::emphasis:
      case Tag::strong:
        close_mark();
        return;
      case Tag::inline_run:
      case Tag::line_break:
        return;
      default:
        break;
    }
    flush();
    if (s.tag == Tag::quote) --quote_depth_;
    frames_.pop_back();
  }

  void close_mark() {
    if (marks_.empty()) return;
    Mark m = marks_.back();
    marks_.pop_back();
    // A block ended inside the emphasis: its text has already gone.
    if (m.start > pending_.size()) return;
    std::string inner = pending_.substr(m.start);
    std::string trimmed = collapse_whitespace(inner);
    if (trimmed.empty()) return;
    bool space_before = is_space(static_cast<unsigned char>(inner.front()));
    bool space_after = is_space(static_cast<unsigned char>(inner.back()));
    pending_.resize(m.start);
    if (space_before) pending_ += ' ';
    pending_ += m.mark;
    pending_ += trimmed;
    pending_ += m.mark;
    if (space_after) pending_ += ' ';
  }

  void flush() {
    after_break_ = false;
    for (auto& m : marks_) m.start = std::string::npos;
    if (pending_.empty()) return;
    std::string text = collapse_whitespace(pending_);
    std::size_t raw_size = pending_.size();
    std::size_t links = pending_links_;
    pending_.clear();
    pending_links_ = 0;
    if (text.empty()) return;
    Tag frame = frames_.empty() ? Tag::block : frames_.back();
    // Text that is mostly a link (a "read more" line, a list of related stories) is not
    // part of the article; a table's row goes only when links are all of it (a menu laid
    // out as a table), as a row of names can link each one.
    double link_share = static_cast<double>(links) / static_cast<double>(raw_size);
    if (row_ != nullptr ? link_share > 0.9 : text.size() < 200 && link_share > 0.6) return;
    BlockKind kind = BlockKind::paragraph;
    if (frame == Tag::heading) kind = BlockKind::heading;
    else if (frame == Tag::list_item) kind = BlockKind::list_item;
    if (quote_depth_ > 0) kind = BlockKind::quote;
    if (row_ != nullptr) kind = BlockKind::table_row;
    // Loose text in a container is kept only when it reads like a sentence, so labels,
    // datelines and "Advertisement" stay out while <div>-only articles still come through.
    bool explicit_block = frame == Tag::paragraph || frame == Tag::heading ||
                          frame == Tag::list_item || quote_depth_ > 0 || row_ != nullptr;
    if (!explicit_block && text.size() < 40) return;
    blocks_.push_back(Block{kind, std::move(text)});
  }

  const std::vector<ElementStats>& stats_;
  std::vector<Block> blocks_;
  std::vector<Tag> frames_;
  std::vector<Mark> marks_;
  std::string pending_;
  std::size_t pending_links_ = 0;
  int link_depth_ = 0;
  int quote_depth_ = 0;
  bool after_break_ = false;
  const xmlNode* row_ = nullptr;  // the row of short cells being read, if any
  int cells_ = 0;
};

// Sub-headings that head nothing (the "Related" over a list that was left out, a heading at
// the very end) go.
void drop_orphan_headings(std::vector<Block>& blocks) {
  std::vector<Block> kept;
  kept.reserve(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    bool orphan = blocks[i].kind == BlockKind::heading &&
                  (i + 1 == blocks.size() || blocks[i + 1].kind == BlockKind::heading);
    if (!orphan) kept.push_back(std::move(blocks[i]));
  }
  blocks = std::move(kept);
}

// The fewest words a page's text must hold for a pass that disbelieves its markup to call it
// an article.
constexpr std::size_t kLeastArticleWords = 50;

std::vector<Block> read_article(xmlNode* root, Trust trust) {
  StatsPass pass{trust};
  pass.run(root);
  std::vector<Block> blocks;
  if (pass.best() != 0) {
    blocks = BlockReader{pass.stats()}.read(pass.article_elements());
    drop_orphan_headings(blocks);
    // A paragraph that repeats the one before it (a standfirst that the page sets again as the
    // body's first paragraph) is read once.
    blocks.erase(std::unique(blocks.begin(), blocks.end()), blocks.end());
    if (xmlNode* lede = pass.standfirst()) {
      std::vector<Block> first = BlockReader{pass.stats()}.read({lede});
      // A standfirst outside the container that the body repeats (Radio Habana Cuba).
      std::string body = plain_text(std::vector<Block>(blocks.begin(), blocks.begin() + std::min<std::size_t>(blocks.size(), 3)));
      std::erase_if(first, [&](const Block& b) { return body.find(plain_text({b})) != std::string::npos; });
      if (!blocks.empty()) blocks.insert(blocks.begin(), first.begin(), first.end());
    }
  }
  pass.clear_marks();
  return blocks;
}

std::size_t word_count(const std::vector<Block>& blocks) {
  std::size_t words = 0;
  for (const Block& b : blocks) {
    bool in_word = false;
    for (char c : b.text) {
      bool space = is_space(static_cast<unsigned char>(c));
      words += !space && !in_word;
      in_word = !space;
    }
  }
  return words;
}

}  // namespace

std::vector<Block> extract_main_content(xmlNode* root) {
  if (!root) return {};
  std::vector<Block> blocks = read_article(root, Trust{});
  if (!blocks.empty()) return blocks;
  // A page whose markup misleads (a blog that wraps every post in a "widget", a page inside
  // an "overlay", an article in a <figure>) is read again, believing less of it each time:
  // first not the words that may name a wrapper, then no class or id at all, then neither
  // chrome tags, hidden elements, figures nor teaser lists.
  // What these passes find must read like an article, not a footer's line.
  for (Trust trust : {Trust{.wrapper_names = false}, Trust{.names = false},
                      Trust{.names = false, .chrome = false, .visibility = false, .teasers = false, .figures = false}}) {
    blocks = read_article(root, trust);
    if (word_count(blocks) >= kLeastArticleWords) return blocks;
  }
  return {};
}

}  // namespace normalize
