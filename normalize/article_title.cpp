#include "normalize/article_title.h"

#include <algorithm>
#include <array>
#include <map>

#include "normalize/author_names.h"
#include "normalize/html_entities.h"
#include "normalize/text.h"
#include "normalize/url.h"

namespace normalize {
namespace {

// Separators between a title and the site, section or date around it.
constexpr std::array<std::string_view, 10> kSeparators = {
    " | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / ", " ｜ ", " ― "};
// Separators that CJK sites write without spaces; only a site name is cut at them.
constexpr std::array<std::string_view, 3> kTightSeparators = {"｜", "：", "ㅣ"};

// The positions of every separator in `title`, with the separator's length.
std::vector<std::pair<std::size_t, std::size_t>> separators_in(std::string_view title) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (auto sep : kSeparators)
    for (auto pos = title.find(sep); pos != std::string_view::npos; pos = title.find(sep, pos + 1))
      out.emplace_back(pos, sep.size());
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t word_count(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), ' ')) + 1;
}

struct Vote {
  double score = 0;
  int rank = 0;  // the most trusted source that voted, lower is better
  bool stated = false;
  std::string text;     // as the most trusted source that states it whole writes it
};

constexpr double kStrongWeight = 3;

// Quotation marks of every style as one ASCII mark, so that "Putin: “No”" and
// "Putin: \"No\"" vote for the same title.
std::string fold_quotes(std::string_view text) {
  static constexpr std::array<std::string_view, 11> kDouble = {"“", "”", "„", "‟", "«", "»", "″", "〝", "〞", "＂", "‹"};
  static constexpr std::array<std::string_view, 5> kSingle = {"‘", "’", "‚", "‛", "′"};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t taken = 0;
    for (auto q : kDouble)
      if (!taken && text.substr(i).starts_with(q)) {
        out += '"';
        taken = q.size();
      }
    for (auto q : kSingle)
      if (!taken && text.substr(i).starts_with(q)) {
        out += '\'';
        taken = q.size();
      }
    if (taken) {
      i += taken;
      // Guillemets are written with a space inside in French: « Non ».
      if (out.back() == '"' && i < text.size() && text[i] == ' ' && text.substr(i - taken, taken) == "«") ++i;
      continue;
    }
    if (text[i] == ' ' && text.substr(i + 1).starts_with("»")) {
      ++i;
      continue;
    }
    out += text[i++];
  }
  return out;
}

// Typographic quotation marks, as the page shows its headline to readers.
bool has_typographic_quotes(std::string_view text) {
  for (std::string_view q : {"“", "”", "„", "«", "»", "‘", "’"})
    if (text.find(q) != std::string_view::npos) return true;
  return false;
}

}  // namespace

std::string strip_site_name(const std::string& title, const std::vector<std::string>& site_names) {
  auto names_site = [&](std::string_view part) {
    part = trim(part);
    if (part.empty()) return false;
    if (site_names.empty()) return word_count(part) <= 4;
    return is_site_name(part, site_names);
  };
  std::string out = title;
  // Repeatedly, so "Title - Section | Site" loses only what names the site.
  for (bool changed = true; changed;) {
    changed = false;
    auto seps = separators_in(out);
    for (auto sep : kTightSeparators)
      if (auto pos = out.rfind(sep); pos != std::string::npos && pos > 0)
        seps.emplace_back(pos, sep.size());
    for (auto [pos, len] : seps) {
      if (pos == 0 || pos + len >= out.size()) continue;
      std::string_view head = std::string_view{out}.substr(0, pos);
      std::string_view tail = std::string_view{out}.substr(pos + len);
      // Only the last separator can end the title, only the first can start it.
      bool last = std::none_of(seps.begin(), seps.end(), [&](auto s) { return s.first > pos; });
      bool first = std::none_of(seps.begin(), seps.end(), [&](auto s) { return s.first < pos; });
      if (last && names_site(tail)) {
        out = std::string{trim(head)};
        changed = !site_names.empty();
        break;
      }
      if (first && !site_names.empty() && names_site(head) && word_count(tail) > 1) {
        out = std::string{trim(tail)};
        changed = true;
        break;
      }
    }
  }
  return out;
}

std::string choose_title(const TitleSources& sources) {
  struct Source {
    const std::string* text;
    double weight;
  };
  // The weights come from agreement with the titles that publishers' own parsers give on
  // real pages: the headline, og:title and <h1> are the article's title about equally often,
  // the others mostly copy one of them.
  const std::array<Source, 6> all = {{{&sources.headline, kStrongWeight},
                                      {&sources.og_title, kStrongWeight},
                                      {&sources.h1, kStrongWeight},
                                      {&sources.twitter_title, 1},
                                      {&sources.meta_title, 1},
                                      {&sources.document_title, 1}}};
  std::map<std::string, Vote> votes;
  for (int rank = 0; rank < static_cast<int>(all.size()); ++rank) {
    const auto& [raw, weight] = all[static_cast<std::size_t>(rank)];
    std::string text = collapse_whitespace(decode_html_entities(*raw));
    text = strip_site_name(text, sources.site_names);
    if (text.empty()) continue;
    auto vote = [&](const std::string& value, double w, bool stated) {
      auto [it, fresh] = votes.try_emplace(fold_quotes(value), Vote{0, rank, false, {}});
      it->second.score += w;
      it->second.rank = std::min(it->second.rank, rank);
      // Of the spellings of one title, the first stated, unless a later one writes its
      // quotation marks as the page shows them.
      if (stated && (!it->second.stated || (has_typographic_quotes(value) && !has_typographic_quotes(it->second.text))))
        it->second.text = value;
      it->second.stated = it->second.stated || stated;
    };
    vote(text, weight, true);
    for (auto [pos, len] : separators_in(text))
      if (pos > 0) vote(std::string{trim(std::string_view{text}.substr(0, pos))}, weight / 2, false);
  }
  const Vote* best_vote = nullptr;
  for (const auto& [key, vote] : votes) {
    if (!vote.stated) continue;
    if (!best_vote || vote.score > best_vote->score ||
        (vote.score == best_vote->score && vote.rank < best_vote->rank))
      best_vote = &vote;
  }
  return best_vote ? best_vote->text : std::string{};
}

std::vector<std::string> site_names_with_host(std::vector<std::string> site_names,
                                              std::string_view url) {
  std::string host = url_host(url);
  if (host.starts_with("www.")) host = host.substr(4);
  if (host.empty()) return site_names;
  // The label before the public suffix: "bild" of "bild.de", "mirror" of "mirror.co.uk".
  std::string label = host.substr(0, host.find('.'));
  site_names.push_back(host);
  if (label.size() >= 3 && label != host) site_names.push_back(label);
  return site_names;
}

}  // namespace normalize
