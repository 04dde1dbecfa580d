#include "normalize/timestamp.h"

#include <array>
#include <cctype>
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

// A tiny cursor over ASCII-ish text; dates are ASCII apart from Spanish month accents, which
// the callers fold away first.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  void skip_spaces() {
    while (!done() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  // Reads exactly `width` digits (or 1..width when width_is_max).
  std::optional<int> digits(std::size_t min_width, std::size_t max_width) {
    std::size_t start = pos_;
    while (!done() && pos_ - start < max_width &&
           std::isdigit(static_cast<unsigned char>(text_[pos_])))
      ++pos_;
    if (pos_ - start < min_width) {
      pos_ = start;
      return std::nullopt;
    }
    int value = 0;
    std::from_chars(text_.data() + start, text_.data() + pos_, value);
    return value;
  }
  std::string_view word() {
    std::size_t start = pos_;
    while (!done() && std::isalpha(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  std::string_view rest() const { return done() ? std::string_view{} : text_.substr(pos_); }
  std::size_t position() const { return pos_; }
  void reset(std::size_t pos) { pos_ = pos; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::optional<Timestamp> make(int year, int month, int day, int hour, int minute, int second,
                              minutes offset, bool has_time) {
  using namespace std::chrono;
  year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                     std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  // A leap second is folded onto the next second rather than rejected.
  sys_seconds local = sys_days{ymd} + hours{hour} + minutes{minute} + seconds{second};
  return Timestamp{local - offset, offset, has_time};
}

// "+03:00", "+0300", "+03", "Z", "-05:00"; nullopt when no zone is written.
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
  c.eat(':');
  int mm = c.digits(2, 2).value_or(0);
  // Real offsets run from -12:00 to +14:00; allow ISO 8601's +-18:00, refuse the rest.
  if (*hh > 18 || mm > 59 || *hh * 60 + mm > 18 * 60) {
    c.reset(mark);
    return std::nullopt;
  }
  minutes m{*hh * 60 + mm};
  return sign == '-' ? -m : m;
}

std::optional<minutes> named_zone(std::string_view zone) {
  struct Named {
    std::string_view name;
    int hours;
  };
  static constexpr Named kZones[] = {
      {"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"Z", 0},    {"EST", -5}, {"EDT", -4},
      {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7},
      {"MSK", 3},  {"CET", 1},  {"CEST", 2}, {"BST", 1},  {"EET", 2},  {"EEST", 3}};
  for (const auto& z : kZones)
    if (zone == z.name) return minutes{z.hours * 60};
  return std::nullopt;
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
  return std::nullopt;
}

// Reads an optional "HH:MM[:SS][am|pm]" after a date; returns false if none is there.
bool read_time(Cursor& c, int& hour, int& minute, int& second) {
  std::size_t mark = c.position();
  auto hh = c.digits(1, 2);
  if (!hh || !c.eat(':')) {
    c.reset(mark);
    return false;
  }
  auto mm = c.digits(2, 2);
  if (!mm) {
    c.reset(mark);
    return false;
  }
  hour = *hh;
  minute = *mm;
  second = 0;
  if (c.eat(':')) second = c.digits(2, 2).value_or(0);
  c.skip_spaces();
  std::size_t before_meridiem = c.position();
  std::string meridiem = ascii_lower(c.word());
  if (meridiem == "pm" && hour < 12) hour += 12;
  else if (meridiem == "am" && hour == 12) hour = 0;
  else if (meridiem != "am" && meridiem != "pm") c.reset(before_meridiem);
  return true;
}

int expand_two_digit_year(int year) {
  // RFC 2822 section 4.3: 00-49 are 2000s, 50-99 are 1900s.
  if (year < 50) return year + 2000;
  if (year < 100) return year + 1900;
  return year;
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
  month[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(month[0])));
  return month + " " + std::to_string(static_cast<unsigned>(ymd.day())) + ", " +
         std::to_string(static_cast<int>(ymd.year()));
}

std::optional<Timestamp> parse_iso8601(std::string_view text, minutes default_offset) {
  Cursor c{trim(text)};
  auto year = c.digits(4, 4);
  if (!year || !c.eat('-')) return std::nullopt;
  auto month = c.digits(2, 2);
  if (!month || !c.eat('-')) return std::nullopt;
  auto day = c.digits(2, 2);
  if (!day) return std::nullopt;
  if (c.done()) return make(*year, *month, *day, 0, 0, 0, default_offset, false);
  if (!(c.eat('T') || c.eat('t') || c.eat(' '))) return std::nullopt;
  auto hour = c.digits(2, 2);
  if (!hour || !c.eat(':')) return std::nullopt;
  auto minute = c.digits(2, 2);
  if (!minute) return std::nullopt;
  int second = 0;
  if (c.eat(':')) {
    auto s = c.digits(2, 2);
    if (!s) return std::nullopt;
    second = *s;
    if (c.eat('.') || c.eat(',')) c.digits(1, 9);  // fractions are below our precision
  }
  c.skip_spaces();
  minutes offset = default_offset;
  if (!c.done()) {
    auto numeric = read_numeric_offset(c);
    if (numeric) {
      offset = *numeric;
    } else {
      auto zone = named_zone(c.word());
      if (!zone) return std::nullopt;
      offset = *zone;
    }
    c.skip_spaces();
    if (!c.done()) return std::nullopt;
  }
  return make(*year, *month, *day, *hour, *minute, second, offset, true);
}

std::optional<Timestamp> parse_rfc822(std::string_view text) {
  Cursor c{trim(text)};
  // Optional weekday: "Fri," or "Friday,".
  std::size_t mark = c.position();
  std::string_view weekday = c.word();
  if (!weekday.empty()) {
    if (!c.eat(',')) c.reset(mark);
    c.skip_spaces();
  }
  auto day = c.digits(1, 2);
  if (!day) return std::nullopt;
  c.skip_spaces();
  auto month = month_number(c.word());
  if (!month) return std::nullopt;
  c.skip_spaces();
  auto year = c.digits(2, 4);
  if (!year) return std::nullopt;
  c.skip_spaces();
  int hour = 0, minute = 0, second = 0;
  bool has_time = read_time(c, hour, minute, second);
  c.skip_spaces();
  minutes offset{0};
  if (!c.done()) {
    if (auto numeric = read_numeric_offset(c)) {
      offset = *numeric;
    } else {
      std::string zone = ascii_upper(c.word());
      // "GMT+3" and "UTC-05:00" appear in the wild.
      auto base = named_zone(zone);
      if (!base) return std::nullopt;
      offset = *base;
      if (auto extra = c.peek(); extra == '+' || extra == '-') {
        c.eat(extra);
        auto hh = c.digits(1, 2);
        if (!hh) return std::nullopt;
        int mm = c.eat(':') ? c.digits(2, 2).value_or(0) : 0;
        minutes delta{*hh * 60 + mm};
        offset += extra == '-' ? -delta : delta;
      }
    }
  }
  return make(expand_two_digit_year(*year), *month, *day, hour, minute, second, offset,
              has_time);
}

std::optional<Timestamp> parse_text_date(std::string_view text, minutes default_offset) {
  std::string folded = fold_accents_ascii(text);
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
          "de",     "del",     "on",        "published", "updated", "publicado", "el"};
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
  if (std::isdigit(static_cast<unsigned char>(c.peek()))) {
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
  minutes offset = default_offset;
  if (has_time) {
    c.skip_spaces();
    c.eat('(');
    if (auto numeric = read_numeric_offset(c)) offset = *numeric;
    else if (auto zone = named_zone(ascii_upper(c.word()))) offset = *zone;
  }
  return make(year, month, day, hour, minute, second, offset, has_time);
}

std::optional<Timestamp> parse_any_date(std::string_view text, minutes default_offset) {
  if (auto t = parse_iso8601(text, default_offset)) return t;
  if (auto t = parse_rfc822(text)) return t;
  return parse_text_date(text, default_offset);
}

}  // namespace normalize
