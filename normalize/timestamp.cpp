#include "normalize/timestamp.h"

#include <array>
#include <charconv>
#include <cstdio>
#include <string>

#include "normalize/text.h"

namespace normalize {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::array<std::string_view, 12> kEnglishMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 12> kSpanishMonths = {
    "enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
    "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
// German, French and Portuguese full month names with accents folded ("marz", "fevrier",
// "marco"); their abbreviations are left out because "set" and "out" are English words.
constexpr std::array<std::array<std::string_view, 12>, 3> kOtherMonths = {{
    {"januar", "februar", "marz", "april", "mai", "juni", "juli", "august", "september",
     "oktober", "november", "dezember"},
    {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
     "octobre", "novembre", "decembre"},
    {"janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro",
     "outubro", "novembro", "dezembro"}}};
constexpr std::array<std::string_view, 7> kEnglishWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// ASCII classification by hand: <cctype> follows the C locale, and dates must not.
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

// True when `word` is a case-insensitive prefix of `full` ("Tues" of "tuesday").
bool is_iprefix_of(std::string_view word, std::string_view full) {
  return word.size() <= full.size() && iequals(word, full.substr(0, word.size()));
}

// A tiny cursor over ASCII-ish text; dates are ASCII apart from Spanish month accents, which
// the callers fold away first.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  // Skips ASCII white space and UTF-8 no-break spaces, which CMS templates put in dates;
  // returns how many bytes were skipped.
  std::size_t skip_spaces() {
    std::size_t start = pos_;
    while (!done()) {
      if (is_space(text_[pos_])) ++pos_;
      else if (text_.substr(pos_).starts_with("\xC2\xA0")) pos_ += 2;
      else break;
    }
    return pos_ - start;
  }
  bool eat(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  // Reads min_width..max_width digits; nullopt (and nothing consumed) when fewer are there.
  std::optional<int> digits(std::size_t min_width, std::size_t max_width) {
    std::size_t start = pos_;
    while (!done() && pos_ - start < max_width && is_digit(text_[pos_])) ++pos_;
    if (pos_ - start < min_width) {
      pos_ = start;
      return std::nullopt;
    }
    int value = 0;
    std::from_chars(text_.data() + start, text_.data() + pos_, value);
    return value;
  }
  std::size_t skip_digits() {
    std::size_t start = pos_;
    while (!done() && is_digit(text_[pos_])) ++pos_;
    return pos_ - start;
  }
  std::string_view word() {
    std::size_t start = pos_;
    while (!done() && is_alpha(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  // Moves just past the next `c`; false (and nothing consumed) when there is none.
  bool skip_past(char c) {
    std::size_t found = text_.find(c, pos_);
    if (found == std::string_view::npos) return false;
    pos_ = found + 1;
    return true;
  }
  std::size_t position() const { return pos_; }
  void reset(std::size_t pos) { pos_ = pos; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::optional<Timestamp> make(int year, int month, int day, int hour, int minute, int second,
                              minutes offset, bool has_time) {
  using namespace std::chrono;
  // Month 13, day 32 and hour 25 are typing errors, not dates: refuse rather than roll over.
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
    return std::nullopt;
  year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                     std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  // A leap second is folded onto the next second rather than rejected.
  sys_seconds local = sys_days{ymd} + hours{hour} + minutes{minute} + seconds{second};
  return Timestamp{local - offset, offset, has_time};
}

// Real offsets run from -12:00 to +14:00; ISO 8601 allows +-18:00, and we refuse the rest.
std::optional<minutes> checked_offset(char sign, int hh, int mm) {
  if (hh > 18 || mm > 59 || hh * 60 + mm > 18 * 60) return std::nullopt;
  minutes m{hh * 60 + mm};
  return sign == '-' ? -m : m;
}

// "+03:00", "+0300", "+03", "Z", "-05:00"; nullopt (nothing consumed) when no zone is written.
std::optional<minutes> read_numeric_offset(Cursor& c) {
  if (c.eat('Z') || c.eat('z')) return minutes{0};
  char sign = c.peek();
  if (sign != '+' && sign != '-') return std::nullopt;
  std::size_t mark = c.position();
  c.eat(sign);
  auto hh = c.digits(2, 2);
  if (!hh) {
    c.reset(mark);
    return std::nullopt;
  }
  int mm = 0;
  std::size_t before_minutes = c.position();
  bool colon = c.eat(':');
  if (auto m = c.digits(2, 2)) mm = *m;
  else if (colon) c.reset(before_minutes);
  auto offset = is_digit(c.peek()) ? std::nullopt : checked_offset(sign, *hh, mm);
  if (!offset) c.reset(mark);
  return offset;
}

// Zone abbreviations with one accepted meaning. The table is feedparser's (RFC 822's names,
// the North American ones, its four military letters) plus the European, Russian and
// Asia-Pacific names that feeds write and feedparser would silently read as UTC. Names with
// two common meanings (IST) are left out so that they fail instead of guessing; CST and CDT
// keep RFC 822's US meaning, as in feedparser, even though Cuba uses them too.
std::optional<minutes> named_zone(std::string_view zone) {
  struct Named {
    std::string_view name;
    int minutes;
  };
  static constexpr Named kZones[] = {
      {"UT", 0},        {"UTC", 0},       {"GMT", 0},       {"Z", 0},
      {"ADT", -3 * 60}, {"AST", -4 * 60}, {"AT", -4 * 60},  {"EDT", -4 * 60},
      {"EST", -5 * 60}, {"ET", -5 * 60},  {"CDT", -5 * 60}, {"CST", -6 * 60},
      {"CT", -6 * 60},  {"MDT", -6 * 60}, {"MST", -7 * 60}, {"MT", -7 * 60},
      {"PDT", -7 * 60}, {"PST", -8 * 60}, {"PT", -8 * 60},  {"AKDT", -8 * 60},
      {"AKST", -9 * 60}, {"HST", -10 * 60},
      // RFC 822's military letters, with feedparser's choice of which ones to honour.
      {"A", -1 * 60},   {"N", 1 * 60},    {"M", -12 * 60},  {"Y", 12 * 60},
      {"WET", 0},       {"WEST", 60},     {"BST", 60},      {"MET", 60},
      {"MEST", 2 * 60}, {"CET", 60},      {"CEST", 2 * 60}, {"EET", 2 * 60},
      {"EEST", 3 * 60}, {"MSK", 3 * 60},  {"MSD", 4 * 60},  {"HKT", 8 * 60},
      {"SGT", 8 * 60},  {"AWST", 8 * 60}, {"JST", 9 * 60},  {"KST", 9 * 60},
      {"ACST", 9 * 60 + 30}, {"ACDT", 10 * 60 + 30}, {"AEST", 10 * 60}, {"AEDT", 11 * 60},
      {"NZST", 12 * 60}, {"NZDT", 13 * 60}};
  for (const auto& z : kZones)
    if (iequals(zone, z.name)) return minutes{z.minutes};
  return std::nullopt;
}

// Any zone a feed writes: a numeric offset, a name, "GMT+3", "UTC+03:00", "GMT-0500",
// "Etc/GMT". nullopt (nothing consumed) when the text there is not a zone.
std::optional<minutes> read_zone(Cursor& c) {
  if (auto numeric = read_numeric_offset(c)) return numeric;
  std::size_t mark = c.position();
  auto fail = [&c, mark]() -> std::optional<minutes> {
    c.reset(mark);
    return std::nullopt;
  };
  std::string_view name = c.word();
  bool etc = iequals(name, "etc") && c.eat('/');
  if (etc) name = c.word();
  bool universal = iequals(name, "GMT") || iequals(name, "UTC") || iequals(name, "UT");
  if (universal && (c.peek() == '+' || c.peek() == '-')) {
    // tz database "Etc/GMT+3" means three hours *behind*; too easy to misread, so refuse.
    if (etc) return fail();
    char sign = c.peek();
    c.eat(sign);
    auto hh = c.digits(1, 2);
    if (!hh) return fail();
    int mm = 0;
    bool colon = c.eat(':');
    if (auto m = c.digits(2, 2)) mm = *m;
    else if (colon) return fail();
    auto offset = is_digit(c.peek()) ? std::nullopt : checked_offset(sign, *hh, mm);
    if (!offset) return fail();
    return offset;
  }
  if (etc && !universal) return fail();
  if (auto zone = named_zone(name)) return zone;
  return fail();
}

// The zone written after a text date's time ("10:35 MSK", "10:35am (GMT-5)"), else the
// outlet's default; a date without a time has no zone of its own.
minutes zone_after_time(Cursor& c, bool has_time, minutes default_offset) {
  if (!has_time) return default_offset;
  c.skip_spaces();
  c.eat('(');
  return read_zone(c).value_or(default_offset);
}

// The end of a date: nothing more, or an RFC 822 comment such as "(MSK)". A comment that is
// exactly a zone name supplies the zone when none was written before it.
bool at_end(Cursor& c, std::optional<minutes>& zone) {
  c.skip_spaces();
  if (c.eat('(')) {
    std::size_t inside = c.position();
    if (!c.skip_past(')')) return false;
    std::size_t after = c.position();
    if (!zone) {
      c.reset(inside);
      c.skip_spaces();
      auto named = read_zone(c);
      c.skip_spaces();
      if (named && c.peek() == ')') zone = named;
      c.reset(after);
    }
    c.skip_spaces();
  }
  return c.done();
}

std::optional<int> month_number(std::string_view word) {
  std::string lower = ascii_lower(word);
  if (lower.size() < 3) return std::nullopt;
  for (std::size_t i = 0; i < 12; ++i) {
    // Full names, and English/Spanish three-letter abbreviations ("Apr", "ago", "sept").
    if (lower == kEnglishMonths[i] || lower == kSpanishMonths[i]) return static_cast<int>(i + 1);
    if (lower.size() <= 4 && (kEnglishMonths[i].starts_with(lower) ||
                              kSpanishMonths[i].starts_with(lower)))
      return static_cast<int>(i + 1);
  }
  if (lower == "setiembre") return 9;
  for (const auto& months : kOtherMonths)
    for (std::size_t i = 0; i < 12; ++i)
      if (lower == months[i]) return static_cast<int>(i + 1);
  // "Jänner" is Austrian for January; "maerz" is how German is written without umlauts.
  if (lower == "janner") return 1;
  if (lower == "maerz") return 3;
  return std::nullopt;
}

// RFC 822 months are English: "Apr", "April", "APR", and the common "Sept".
std::optional<int> english_month(std::string_view word) {
  for (std::size_t i = 0; i < 12; ++i)
    if (iequals(word, kEnglishMonths[i]) ||
        (word.size() == 3 && is_iprefix_of(word, kEnglishMonths[i])))
      return static_cast<int>(i + 1);
  if (iequals(word, "sept")) return 9;
  return std::nullopt;
}

// "Fri", "Friday", "Thurs", "tue": the weekday is skipped, never checked against the date,
// because feeds get it wrong and feedparser ignores it too.
bool is_weekday(std::string_view word) {
  if (word.size() < 3) return false;
  for (auto day : kEnglishWeekdays)
    if (is_iprefix_of(word, day)) return true;
  return false;
}

// Reads "H:MM" or "HH:MM:SS"; false (nothing consumed) when no such clock is there.
bool read_clock(Cursor& c, int& hour, int& minute, int& second) {
  std::size_t mark = c.position();
  auto hh = c.digits(1, 2);
  auto mm = hh && c.eat(':') ? c.digits(2, 2) : std::nullopt;
  std::optional<int> ss = 0;
  if (mm && c.eat(':')) ss = c.digits(2, 2);
  if (!mm || !ss || is_digit(c.peek()) || c.peek() == ':') {
    c.reset(mark);
    return false;
  }
  hour = *hh;
  minute = *mm;
  second = *ss;
  return true;
}

// Reads an optional "HH:MM[:SS][am|pm]" after a date; returns false if none is there.
bool read_time(Cursor& c, int& hour, int& minute, int& second) {
  if (!read_clock(c, hour, minute, second)) return false;
  c.skip_spaces();
  std::size_t before_meridiem = c.position();
  std::string_view meridiem = c.word();
  if (iequals(meridiem, "pm") && hour < 12) hour += 12;
  else if (iequals(meridiem, "am") && hour == 12) hour = 0;
  else if (!iequals(meridiem, "am") && !iequals(meridiem, "pm")) c.reset(before_meridiem);
  return true;
}

// Two- or four-digit years; three digits, or five, are not a year.
std::optional<int> read_year(Cursor& c) {
  std::size_t start = c.position();
  auto year = c.digits(2, 4);
  if (!year || is_digit(c.peek()) || c.position() - start == 3) {
    c.reset(start);
    return std::nullopt;
  }
  if (c.position() - start == 4) return year;
  // feedparser's rule, not RFC 2822's: 00-89 are 2000-2089, 90-99 are 1990-1999.
  return *year < 90 ? *year + 2000 : *year + 1900;
}

}  // namespace

std::string format_iso8601(const Timestamp& t) {
  using namespace std::chrono;
  auto local = t.utc + t.offset;
  auto day_point = floor<days>(local);
  year_month_day ymd{day_point};
  hh_mm_ss<seconds> tod{local - day_point};
  long off = t.offset.count();
  char sign = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02lld%c%02ld:%02ld",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(tod.hours().count()),
                static_cast<long>(tod.minutes().count()),
                static_cast<long long>(tod.seconds().count()), sign, off / 60, off % 60);
  return buffer;
}

std::string format_iso8601_utc(const Timestamp& t) {
  Timestamp utc{t.utc, minutes{0}, t.has_time};
  std::string text = format_iso8601(utc);
  return text.substr(0, 19) + "Z";
}

std::string format_long_date(const Timestamp& t) {
  using namespace std::chrono;
  year_month_day ymd{floor<days>(t.utc + t.offset)};
  std::string month{kEnglishMonths[static_cast<unsigned>(ymd.month()) - 1]};
  month[0] = static_cast<char>(month[0] - 'a' + 'A');
  // Four digits, as the date parsers read a year: "April 1, 0026" reads back, "April 1, 26"
  // did not (found by fuzz/seed_fuzz).
  char year[16];
  std::snprintf(year, sizeof year, "%04d", static_cast<int>(ymd.year()));
  return month + " " + std::to_string(static_cast<unsigned>(ymd.day())) + ", " + year;
}

std::optional<Timestamp> parse_iso8601(std::string_view text, minutes default_offset) {
  Cursor c{text};
  c.skip_spaces();
  // W3C-DTF lets the date stop after the year or the month: "2026", "2026-04".
  auto year = c.digits(4, 4);
  if (!year || is_digit(c.peek())) return std::nullopt;
  int month = 1, day = 1;
  bool full_date = false;
  if (c.eat('-')) {
    // One-digit months and days ("2026-4-10") are sloppy but unambiguous; feedparser reads them.
    auto m = c.digits(1, 2);
    if (!m) return std::nullopt;
    month = *m;
    if (c.eat('-')) {
      auto d = c.digits(1, 2);
      if (!d) return std::nullopt;
      day = *d;
      full_date = true;
    }
  }
  if (is_digit(c.peek())) return std::nullopt;
  bool spaced = c.skip_spaces() > 0;
  if (c.done()) return make(*year, month, day, 0, 0, 0, default_offset, false);
  if (!full_date) return std::nullopt;
  // "T", "t", or the space that SQL dumps and many CMSs write.
  if (!spaced && !c.eat('T') && !c.eat('t')) return std::nullopt;
  auto hour = c.digits(1, 2);
  if (!hour || !c.eat(':')) return std::nullopt;
  auto minute = c.digits(2, 2);
  if (!minute) return std::nullopt;
  int second = 0;
  if (c.eat(':')) {
    auto s = c.digits(2, 2);
    if (!s) return std::nullopt;
    second = *s;
    // Fractions are below our precision, however many digits they have.
    if ((c.eat('.') || c.eat(',')) && c.skip_digits() == 0) return std::nullopt;
  }
  if (is_digit(c.peek()) || c.peek() == ':') return std::nullopt;
  c.skip_spaces();
  std::optional<minutes> zone;
  if (!c.done() && c.peek() != '(') {
    zone = read_zone(c);
    if (!zone) return std::nullopt;
  }
  if (!at_end(c, zone)) return std::nullopt;
  return make(*year, month, day, *hour, *minute, second, zone.value_or(default_offset), true);
}

std::optional<Timestamp> parse_rfc822(std::string_view text) {
  Cursor c{text};
  c.skip_spaces();
  // The weekday is optional, its comma too ("Fri 10 Apr", "Fri,10 Apr").
  std::size_t mark = c.position();
  if (is_weekday(c.word())) {
    c.skip_spaces();
    c.eat(',');
    c.skip_spaces();
  } else {
    c.reset(mark);
  }
  std::optional<int> day, month, year;
  int hour = 0, minute = 0, second = 0;
  bool has_time = false;
  std::optional<minutes> zone;
  if (is_digit(c.peek())) {
    // "10 Apr 2026", "10 April, 2026", and RFC 850's "10-Apr-26" from old HTTP servers.
    day = c.digits(1, 2);
    bool dashed = c.eat('-');
    if (!dashed && c.skip_spaces() == 0) return std::nullopt;
    month = english_month(c.word());
    if (!month) return std::nullopt;
    if (dashed) {
      if (!c.eat('-')) return std::nullopt;
    } else {
      c.eat(',');
      if (c.skip_spaces() == 0) return std::nullopt;
    }
    year = read_year(c);
  } else {
    // Month first: "Thu Aug 30 2012 17:26:16 +0200" (JavaScript's Date), or asctime's
    // "Sun Jan  4 16:29:06 2004", which puts the clock (and any zone) before the year.
    month = english_month(c.word());
    if (!month || c.skip_spaces() == 0) return std::nullopt;
    day = c.digits(1, 2);
    if (!day) return std::nullopt;
    c.eat(',');
    if (c.skip_spaces() == 0) return std::nullopt;
    if (read_clock(c, hour, minute, second)) {
      has_time = true;
      c.skip_spaces();
      if (!is_digit(c.peek())) {
        zone = read_zone(c);
        if (!zone) return std::nullopt;
        c.skip_spaces();
      }
      year = c.digits(4, 4);
      if (!year || is_digit(c.peek())) return std::nullopt;
      if (!at_end(c, zone)) return std::nullopt;
      return make(*year, *month, *day, hour, minute, second, zone.value_or(minutes{0}), true);
    }
    year = read_year(c);
  }
  if (!day || !year) return std::nullopt;
  c.eat(',');
  if (c.skip_spaces() > 0 || c.peek() == '(') {
    has_time = read_clock(c, hour, minute, second);
    c.skip_spaces();
    if (has_time && !c.done() && c.peek() != '(') {
      zone = read_zone(c);
      if (!zone) return std::nullopt;
    }
  }
  if (!at_end(c, zone)) return std::nullopt;
  // No zone means UTC, as feedparser assumes.
  return make(*year, *month, *day, hour, minute, second, zone.value_or(minutes{0}), has_time);
}

// Russian month names as dates write them (genitive: "10 апреля 2026"), with the year word
// after the year ("2026 г.", "2026 года"), turned into English for the parser below.
std::string russian_months_to_english(std::string_view text) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"января", "january"},   {"февраля", "february"}, {"марта", "march"},    {"апреля", "april"},
      {"мая", "may"},          {"июня", "june"},        {"июля", "july"},      {"августа", "august"},
      {"сентября", "september"}, {"октября", "october"}, {"ноября", "november"}, {"декабря", "december"},
      {"года", ""},            {"г.", ""}};
  if (text.find('\xD0') == std::string_view::npos && text.find('\xD1') == std::string_view::npos) return std::string{text};
  std::string out{text};
  for (auto [russian, english] : kNames)
    for (auto at = out.find(russian); at != std::string::npos; at = out.find(russian, at + english.size()))
      out.replace(at, russian.size(), english);
  return out;
}

std::optional<Timestamp> parse_text_date(std::string_view text, minutes default_offset) {
  std::string folded = fold_accents_ascii(russian_months_to_english(text));
  Cursor c{folded};
  // Skip a leading weekday ("Sunday," / "lunes,") and filler words.
  auto skip_filler = [&c] {
    while (true) {
      c.skip_spaces();
      std::size_t mark = c.position();
      std::string w = ascii_lower(c.word());
      if (w.empty()) return;
      if (month_number(w)) {
        c.reset(mark);
        return;
      }
      static constexpr std::string_view kFiller[] = {
          "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
          "lunes",  "martes",  "miercoles", "jueves",   "viernes", "sabado",  "domingo",
          "de",     "del",     "on",        "published", "updated", "publicado", "el",
          "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
          "lundi",  "mardi",   "mercredi",  "jeudi",    "vendredi", "samedi",  "dimanche",
          "le",     "am",      "vom",       "publie",   "veroffentlicht", "em", "do", "da"};
      bool filler = false;
      for (auto f : kFiller) filler = filler || w == f;
      if (!filler) {
        c.reset(mark);
        return;
      }
      c.eat(',');
    }
  };
  skip_filler();
  int year = 0, month = 0, day = 0;
  if (is_digit(c.peek())) {
    // "12 mayo, 2025", "12 de mayo de 2025", "10 April 2026"
    auto d = c.digits(1, 2);
    if (!d) return std::nullopt;
    day = *d;
    c.eat('.');
    skip_filler();
    auto m = month_number(c.word());
    if (!m) return std::nullopt;
    month = *m;
  } else {
    // "April 10, 2026"
    auto m = month_number(c.word());
    if (!m) return std::nullopt;
    month = *m;
    c.skip_spaces();
    auto d = c.digits(1, 2);
    if (!d) return std::nullopt;
    day = *d;
    // Ordinal suffixes: "April 10th".
    std::size_t mark = c.position();
    std::string suffix = ascii_lower(c.word());
    if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") c.reset(mark);
  }
  c.eat(',');
  skip_filler();
  c.eat(',');
  c.skip_spaces();
  auto y = c.digits(4, 4);
  if (!y) return std::nullopt;
  year = *y;
  // Optional time after a separator: " - 10:35", ", 10:35", " at 10:35".
  c.skip_spaces();
  std::size_t mark = c.position();
  while (c.peek() == '-' || c.peek() == ',' || c.peek() == '|') {
    c.eat(c.peek());
    c.skip_spaces();
  }
  std::string joiner = ascii_lower(c.word());
  if (joiner != "at" && joiner != "a" && joiner != "las") c.reset(c.position() - joiner.size());
  c.skip_spaces();
  int hour = 0, minute = 0, second = 0;
  bool has_time = read_time(c, hour, minute, second);
  if (!has_time) c.reset(mark);
  return make(year, month, day, hour, minute, second, zone_after_time(c, has_time, default_offset), has_time);
}

namespace {

// "28.04.2023", "28.04.2023, 14:30 Uhr", "12/05/2025 - 10:35am (GMT-5)" (CiberCuba): day
// first, as the outlets' languages write it. A slashed date is read month first only when
// nothing else fits ("04/28/2023").
std::optional<Timestamp> parse_numeric_date(std::string_view text, minutes default_offset) {
  Cursor c{text};
  c.skip_spaces();
  auto first = c.digits(1, 2);
  char separator = c.peek();
  if (!first || (separator != '.' && separator != '/')) return std::nullopt;
  c.eat(separator);
  auto second_number = c.digits(1, 2);
  if (!second_number || !c.eat(separator)) return std::nullopt;
  auto year = c.digits(4, 4);
  if (!year || is_digit(c.peek())) return std::nullopt;
  int day = *first, month = *second_number;
  if (separator == '/' && month > 12 && day <= 12) std::swap(day, month);
  c.skip_spaces();
  while (c.peek() == '-' || c.peek() == ',' || c.peek() == '|') {
    c.eat(c.peek());
    c.skip_spaces();
  }
  int hour = 0, minute = 0, second = 0;
  std::size_t mark = c.position();
  bool has_time = read_time(c, hour, minute, second);
  if (!has_time) c.reset(mark);
  return make(*year, month, day, hour, minute, second, zone_after_time(c, has_time, default_offset), has_time);
}

}  // namespace

std::optional<Timestamp> parse_any_date(std::string_view text, minutes default_offset) {
  if (auto t = parse_iso8601(text, default_offset)) return t;
  if (auto t = parse_rfc822(text)) return t;
  if (auto t = parse_text_date(text, default_offset)) return t;
  return parse_numeric_date(text, default_offset);
}

}  // namespace normalize
