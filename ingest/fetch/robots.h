#pragma once
// robots.txt (RFC 9309): turning a file into the rules that apply to one crawler, and matching
// a URL's path against them. Pure text in, values out: no I/O, and no input makes these throw
// or fail — a garbled file yields whatever well-formed lines it contains.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::fetch {

// RFC 9309 2.5: crawlers must parse at least the first 500 KiB; anything after is ignored.
inline constexpr std::size_t kRobotsMaxBytes = 500 * 1024;

// A Crawl-delay beyond this is clamped to it (so absurd values cannot overflow).
inline constexpr std::chrono::milliseconds kRobotsMaxCrawlDelay = std::chrono::hours{24};

struct RobotsRule {
  bool allow = false;
  // A path pattern as written after "Allow:" / "Disallow:": it matches any path+query that
  // starts with it; '*' stands for any run of octets (including none) and a '$' at the very
  // end anchors it to the end of the path+query.
  std::string pattern;
};

// The rules of the group(s) that apply to one crawler.
struct RobotsRules {
  std::vector<RobotsRule> rules;  // in file order
  std::optional<std::chrono::milliseconds> crawl_delay;

  // Whether `path_and_query` (e.g. "/news/a?id=2"; a missing leading '/' is assumed, a
  // "#fragment" is ignored) may be fetched. Paths and patterns are compared after percent-
  // encoding normalisation ("%7e" == "%7E" == "~", "ツ" == "%E3%83%84"). The matching rule
  // with the longest pattern wins; on a tie Allow wins; no matching rule, or no rules at all,
  // means allowed. "/robots.txt" itself is always allowed. Cost is linear in the total
  // pattern size for ordinary patterns and at worst O(pattern * path) per rule — never
  // exponential, whatever the wildcards.
  bool allows(std::string_view path_and_query) const;
};

// Parses robots.txt `text` (only its first kRobotsMaxBytes; a UTF-8 BOM, CR/LF/CRLF line ends,
// '#' comments, case-insensitive keys and stray whitespace are all fine; unknown lines are
// ignored) and returns the rules for `agent`, a product token such as "ingest" (a full
// User-Agent value is reduced to its token first, see robots_agent_token).
// Group selection: every group with a User-agent line whose product token equals the agent's,
// case-insensitively, applies, and their rules are merged; if there is none, every "*" group
// applies, merged; if there is none of those either, the result allows everything. A group
// is a run of consecutive User-agent lines plus the Allow/Disallow/Crawl-delay lines after
// them; such lines before any User-agent line are ignored. An empty "Disallow:" disallows
// nothing. Crawl-delay is seconds, possibly fractional ("2", "0.5"); invalid values are
// ignored and, across merged groups, the largest valid value is kept.
RobotsRules parse_robots(std::string_view text, std::string_view agent);

// The Sitemap URLs listed in robots.txt `text` (first kRobotsMaxBytes only), as written, in
// file order without duplicates. Sitemap lines belong to no group, so every one is returned.
std::vector<std::string> robots_sitemaps(std::string_view text);

// The product token of a User-Agent value, as RFC 9309 matches it: the leading run of letters,
// '_' and '-'. "ingest/0.1 (+https://example.org/bot)" -> "ingest"; "" for a value that does
// not start with one.
std::string robots_agent_token(std::string_view user_agent);

}  // namespace ingest::fetch
