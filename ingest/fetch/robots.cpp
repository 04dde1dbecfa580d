#include "ingest/fetch/robots.h"

#include <algorithm>
#include <cstdint>
#include <unordered_set>

namespace ingest::fetch {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kRobotsPath = "/robots.txt";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// Characters that may stand unescaped in a URI (RFC 3986 unreserved, gen-delims and
// sub-delims). Everything else — controls, space, "<>\"{}|\\^`" and every non-ASCII octet —
// has exactly one legal spelling, its %XX escape.
bool may_stay_literal(unsigned char c) {
  if (is_unreserved(c)) return true;
  constexpr std::string_view kReserved = ":/?#[]@!$&'()*+,;=";
  return kReserved.find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_escape_at(std::string_view s, std::size_t i) {
  return i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0;
}

// True when normalise() would return `s` unchanged, so the common all-ASCII path and the
// already-normalised stored patterns cost no allocation per comparison.
bool is_normalised(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '%') {
      if (!is_escape_at(s, i)) return false;
      const char hi = s[i + 1];
      const char lo = s[i + 2];
      if ((hi >= 'a' && hi <= 'f') || (lo >= 'a' && lo <= 'f')) return false;
      if (is_unreserved(static_cast<unsigned char>(hex_value(hi) * 16 + hex_value(lo)))) return false;
      i += 2;
    } else if (!may_stay_literal(c)) {
      return false;
    }
  }
  return true;
}

void append_escape(std::string& out, unsigned char c) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

// One spelling per octet sequence, so that comparing octets compares what the URIs mean:
// escapes of unreserved characters are decoded (they are equivalent, RFC 3986 6.2.2.2),
// other escapes get upper-case hex, and octets that cannot appear raw are escaped (RFC 9309
// 2.2.2). A '%' that starts no valid escape is itself escaped. '*' and '$' pass through, so
// wildcards survive while "%2A" / "%24" stay literal characters.
std::string normalise(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '%' && is_escape_at(s, i)) {
      const auto decoded = static_cast<unsigned char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      if (is_unreserved(decoded)) {
        out += static_cast<char>(decoded);
      } else {
        append_escape(out, decoded);
      }
      i += 2;
    } else if (c == '%' || !may_stay_literal(c)) {
      append_escape(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Holds either a view of the input (already normal) or a normalised copy.
class Normalised {
 public:
  explicit Normalised(std::string_view s) {
    if (is_normalised(s)) {
      view_ = s;
    } else {
      copy_ = normalise(s);
      view_ = copy_;
    }
  }
  Normalised(const Normalised&) = delete;
  Normalised& operator=(const Normalised&) = delete;
  std::string_view view() const { return view_; }

 private:
  std::string copy_;
  std::string_view view_;
};

// Iterative glob match with a single backtrack point (the last '*' seen): when a later literal
// run fails, only that star absorbs one more octet, because any earlier star's choice could be
// re-made by the later one. This bounds the work to O(pattern * path) with no recursion,
// where naive recursive matching of "/a*a*a*...b" is exponential.
bool pattern_matches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);

  // Cheap rejection: the literal octets alone must fit in the path.
  const auto literal_count = static_cast<std::size_t>(
      std::count_if(pattern.begin(), pattern.end(), [](char c) { return c != '*'; }));
  if (literal_count > path.size()) return false;
  // Anchored patterns (typically "*.ext$") must end with their last literal run; checking
  // that first spares the scan for almost every path that does not.
  if (anchored) {
    const auto last_star = pattern.rfind('*');
    const std::string_view tail =
        last_star == std::string_view::npos ? pattern : pattern.substr(last_star + 1);
    if (!path.ends_with(tail)) return false;
  }

  constexpr std::size_t kNoStar = std::string_view::npos;
  std::size_t p = 0;
  std::size_t s = 0;
  std::size_t star_p = kNoStar;  // pattern position just after the last '*'
  std::size_t star_s = 0;        // path position that star's match currently ends at
  while (true) {
    if (p < pattern.size() && pattern[p] == '*') {
      while (p < pattern.size() && pattern[p] == '*') ++p;
      star_p = p;
      star_s = s;
      continue;
    }
    if (p == pattern.size()) {
      // Unanchored patterns are prefixes: reaching the end of the pattern is a match.
      if (!anchored || s == path.size()) return true;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star_p == kNoStar || star_s == path.size()) return false;
    ++star_s;
    s = star_s;
    p = star_p;
  }
}

// The text RFC 9309 2.5 requires us to read: the first kRobotsMaxBytes, minus a line cut in
// half by that limit (half a rule could mean something the author never wrote).
std::string_view parsable_prefix(std::string_view text) {
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  if (text.size() <= kRobotsMaxBytes) return text;
  const std::string_view head = text.substr(0, kRobotsMaxBytes);
  const char next = text[kRobotsMaxBytes];
  if (next == '\n' || next == '\r') return head;
  const auto last_break = head.find_last_of("\r\n");
  return last_break == std::string_view::npos ? std::string_view{} : head.substr(0, last_break);
}

enum class Key { kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap, kUnknown };

struct Line {
  Key key = Key::kUnknown;
  std::string_view value;
};

Line parse_line(std::string_view raw) {
  if (const auto hash = raw.find('#'); hash != std::string_view::npos) raw = raw.substr(0, hash);
  const auto colon = raw.find(':');
  if (colon == std::string_view::npos) return {};
  const std::string_view name = trim(raw.substr(0, colon));
  const std::string_view value = trim(raw.substr(colon + 1));
  struct Name {
    std::string_view text;
    Key key;
  };
  constexpr Name kNames[] = {{"user-agent", Key::kUserAgent},
                             {"allow", Key::kAllow},
                             {"disallow", Key::kDisallow},
                             {"crawl-delay", Key::kCrawlDelay},
                             {"sitemap", Key::kSitemap}};
  for (const auto& known : kNames) {
    if (equals_ignoring_case(name, known.text)) return {known.key, value};
  }
  return {};
}

template <typename Visit>
void for_each_line(std::string_view text, Visit&& visit) {
  text = parsable_prefix(text);
  while (!text.empty()) {
    const auto end = text.find_first_of("\r\n");
    visit(parse_line(text.substr(0, end)));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

// Seconds as a plain decimal ("10", "0.5", ".5"); no sign, exponent or unit, because a value
// we would have to guess at is better ignored than misread.
std::optional<std::chrono::milliseconds> parse_crawl_delay(std::string_view value) {
  constexpr std::int64_t kMaxMillis = kRobotsMaxCrawlDelay.count();
  std::int64_t millis = 0;
  bool any_digit = false;
  std::size_t i = 0;
  for (; i < value.size() && value[i] >= '0' && value[i] <= '9'; ++i) {
    any_digit = true;
    millis = std::min(millis * 10 + (value[i] - '0') * 1000, kMaxMillis);
  }
  if (i < value.size() && value[i] == '.') {
    ++i;
    std::int64_t scale = 100;
    for (; i < value.size() && value[i] >= '0' && value[i] <= '9'; ++i) {
      any_digit = true;
      millis += (value[i] - '0') * scale;
      scale /= 10;
    }
  }
  if (!any_digit || i != value.size()) return std::nullopt;
  return std::chrono::milliseconds{std::min(millis, kMaxMillis)};
}

void merge_crawl_delay(RobotsRules& into, std::chrono::milliseconds delay) {
  if (!into.crawl_delay || *into.crawl_delay < delay) into.crawl_delay = delay;
}

bool names_every_agent(std::string_view value) {
  return value.starts_with('*') && trim(value.substr(1)).empty();
}

}  // namespace

bool RobotsRules::allows(std::string_view path_and_query) const {
  if (const auto hash = path_and_query.find('#'); hash != std::string_view::npos) {
    path_and_query = path_and_query.substr(0, hash);
  }
  std::string rooted;
  if (!path_and_query.starts_with('/')) {
    rooted = "/" + std::string{path_and_query};
    path_and_query = rooted;
  }
  const Normalised path{path_and_query};
  const std::string_view path_only = path.view().substr(0, path.view().find('?'));
  if (path_only == kRobotsPath) return true;

  std::size_t best_length = 0;
  bool matched = false;
  bool best_allows = true;
  for (const auto& rule : rules) {
    if (rule.pattern.empty()) continue;
    const Normalised pattern{rule.pattern};
    const std::size_t length = pattern.view().size();
    // RFC 9309 2.2.2: the most specific (longest) match decides; an equally specific Allow
    // beats a Disallow because the least restrictive reading is the one to follow. Rules that
    // could not change the outcome are skipped before the (costlier) match.
    if (matched && (length < best_length || (length == best_length && !rule.allow))) continue;
    if (!pattern_matches(pattern.view(), path.view())) continue;
    matched = true;
    best_length = length;
    best_allows = rule.allow;
  }
  return !matched || best_allows;
}

std::string robots_agent_token(std::string_view user_agent) {
  while (!user_agent.empty() && is_space(user_agent.front())) user_agent.remove_prefix(1);
  const auto end = std::find_if_not(user_agent.begin(), user_agent.end(), is_token_char);
  return std::string{user_agent.begin(), end};
}

RobotsRules parse_robots(std::string_view text, std::string_view agent) {
  const std::string token = robots_agent_token(agent);
  RobotsRules specific;
  RobotsRules global;
  bool seen_specific = false;
  bool seen_global = false;

  // A group is the run of User-agent lines plus the member lines after it; the next
  // User-agent line after a member line opens a new group.
  bool in_agent_run = false;
  bool group_open = false;
  bool group_specific = false;
  bool group_global = false;

  for_each_line(text, [&](const Line& line) {
    switch (line.key) {
      case Key::kUserAgent: {
        if (!in_agent_run) {
          group_specific = false;
          group_global = false;
        }
        in_agent_run = true;
        group_open = true;
        if (names_every_agent(line.value)) {
          group_global = true;
          seen_global = true;
        } else if (!token.empty() && equals_ignoring_case(robots_agent_token(line.value), token)) {
          group_specific = true;
          seen_specific = true;
        }
        return;
      }
      case Key::kAllow:
      case Key::kDisallow:
      case Key::kCrawlDelay: {
        // Even an ignored value (empty Disallow, bad Crawl-delay) is a member line and so
        // ends the User-agent run.
        in_agent_run = false;
        if (!group_open) return;
        if (line.key == Key::kCrawlDelay) {
          if (const auto delay = parse_crawl_delay(line.value)) {
            if (group_specific) merge_crawl_delay(specific, *delay);
            if (group_global) merge_crawl_delay(global, *delay);
          }
          return;
        }
        if (line.value.empty()) return;
        const RobotsRule rule{line.key == Key::kAllow, normalise(line.value)};
        if (group_specific) specific.rules.push_back(rule);
        if (group_global) global.rules.push_back(rule);
        return;
      }
      case Key::kSitemap:
      case Key::kUnknown:
        return;
    }
  });

  if (seen_specific) return specific;
  if (seen_global) return global;
  return {};
}

std::vector<std::string> robots_sitemaps(std::string_view text) {
  std::vector<std::string> sitemaps;
  std::unordered_set<std::string_view> seen;  // views into `text`, which outlives the loop
  for_each_line(text, [&](const Line& line) {
    if (line.key != Key::kSitemap || line.value.empty()) return;
    if (!seen.insert(line.value).second) return;
    sitemaps.emplace_back(line.value);
  });
  return sitemaps;
}

}  // namespace ingest::fetch
