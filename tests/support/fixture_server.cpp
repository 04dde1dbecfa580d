#include "tests/support/fixture_server.h"

// zlib's input pointer is const-correct only when asked.
#define ZLIB_CONST
#include <zlib.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>
#include <variant>

namespace test_support {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;
using ErrorCode = boost::system::error_code;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

constexpr std::string_view kOriginToken = "{{origin}}";
constexpr std::string_view kServerName = "ingest-fixture-server";
constexpr std::string_view kHtmlType = "text/html; charset=utf-8";
constexpr std::string_view kPlainType = "text/plain; charset=utf-8";
constexpr std::string_view kGzipType = "application/gzip";
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(50);
constexpr std::size_t kEndlessChunkSize = 64 * 1024;
constexpr std::size_t kResetShortfall = 64 * 1024;
// Each step of a gzip bomb deflates this many zeros and flushes them: about 1 KiB on the
// wire and a few milliseconds of the server thread, so other connections are not held up.
constexpr std::size_t kBombStepBytes = 1024 * 1024;

// What a path answers. Each alternative is one way of producing a response; new kinds of
// misbehaviour become new alternatives here, or in HostileAnswer if Beast's serializer
// cannot produce them.
struct ServeFile {};
struct ScriptedStatus {
  unsigned status;
  std::string body;
};
struct Redirect {
  unsigned status;
  std::string location;
};
struct InMemoryBody {
  std::string body;
  std::string content_type;
  std::chrono::sys_seconds modified;
};

// Answers written straight to the socket, since Beast's serializer will not pace a body,
// cut it short or misframe it.
struct SlowDrip {
  std::size_t bytes_per_tick;
  std::chrono::milliseconds tick;
  std::size_t total_bytes;
};
struct EndlessBody {};
struct GzipBomb {
  std::uint64_t decoded_bytes;
};
struct ResetMidBody {
  std::size_t bytes_before_reset;
};
struct BrokenChunked {};
using HostileAnswer =
    std::variant<SlowDrip, EndlessBody, GzipBomb, ResetMidBody, BrokenChunked>;

using Behaviour = std::variant<ServeFile, ScriptedStatus, Redirect, InMemoryBody, HostileAnswer>;

struct Rule {
  Behaviour behaviour;
  std::chrono::milliseconds delay{0};
  std::vector<std::pair<std::string, std::string>> headers;
  // Empty means "send no Content-Type"; nullopt leaves the answer's own.
  std::optional<std::string> content_type;
};

template <class... Visitors>
struct Overloaded : Visitors... {
  using Visitors::operator()...;
};

std::string to_lower(std::string_view text) {
  std::string lowered(text);
  std::ranges::transform(lowered, lowered.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return lowered;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::ranges::equal(a, b, [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// Header lists allow empty elements and optional whitespace (RFC 9110 5.6.1), so both are
// dropped here rather than in every caller.
template <class Visit>
void for_each_list_item(std::string_view list, Visit visit) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = trim(list.substr(0, comma));
    if (!item.empty()) visit(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    unsigned value = 0;
    const auto* first = text.data() + i + 1;
    const auto [end, error] = std::from_chars(first, first + 2, value, 16);
    if (error != std::errc{} || end != first + 2) return std::nullopt;
    decoded.push_back(static_cast<char>(value));
    i += 2;
  }
  return decoded;
}

// Decoding happens before the ".." check so that "%2e%2e" cannot slip through.
std::optional<fs::path> file_for(const fs::path& root, std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  const auto decoded = percent_decode(path);
  if (!decoded || decoded->find('\0') != std::string::npos ||
      decoded->find('\\') != std::string::npos) {
    return std::nullopt;
  }
  fs::path file = root;
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const auto segment = rest.substr(0, slash);
    if (segment == "..") return std::nullopt;
    if (!segment.empty() && segment != ".") file /= segment;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return file;
}

std::string content_type_for(const fs::path& file) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kTypes{{
      {"", kHtmlType},
      {".html", kHtmlType},
      {".htm", kHtmlType},
      {".xml", "application/xml"},
      {".rss", "application/rss+xml"},
      {".atom", "application/atom+xml"},
      {".json", "application/json"},
      {".txt", kPlainType},
      {".gz", kGzipType},
      {".pdf", "application/pdf"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".png", "image/png"},
  }};
  const auto extension = to_lower(file.extension().string());
  for (const auto& [known, type] : kTypes) {
    if (extension == known) return std::string(type);
  }
  return "application/octet-stream";
}

bool is_text_type(std::string_view content_type) {
  const auto lowered = to_lower(content_type);
  return lowered.starts_with("text/") || lowered.contains("xml") || lowered.contains("json");
}

std::string replace_origin_token(std::string_view text, std::string_view origin) {
  std::string replaced;
  replaced.reserve(text.size());
  for (;;) {
    const auto at = text.find(kOriginToken);
    replaced.append(text.substr(0, at));
    if (at == std::string_view::npos) break;
    replaced.append(origin);
    text.remove_prefix(at + kOriginToken.size());
  }
  return replaced;
}

// FNV-1a is deterministic across runs and processes, unlike std::hash, so a client can
// keep an ETag from one server and present it to the next one serving the same fixture.
std::string entity_tag_for(std::string_view body) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char c : body) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  std::array<char, 16> hex{};
  const auto end = std::to_chars(hex.data(), hex.data() + hex.size(), hash, 16).ptr;
  const std::string_view digits(hex.data(), static_cast<std::size_t>(end - hex.data()));
  std::string tag = "\"";
  // to_chars does not pad; fixed width keeps every tag the same shape.
  tag.append(hex.size() - digits.size(), '0');
  tag.append(digits);
  tag.push_back('"');
  return tag;
}

constexpr std::array<std::string_view, 7> kDayNames{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonthNames{"Jan", "Feb", "Mar", "Apr",
                                                       "May", "Jun", "Jul", "Aug",
                                                       "Sep", "Oct", "Nov", "Dec"};

// Formatted by hand because strftime's names follow the process locale.
std::string http_date(std::chrono::sys_seconds time) {
  using namespace std::chrono;
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock{time - day};
  const weekday week_day{day};
  std::array<char, 64> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%s, %02u %s %04d %02d:%02d:%02d GMT",
                kDayNames[week_day.c_encoding()].data(), static_cast<unsigned>(date.day()),
                kMonthNames[static_cast<unsigned>(date.month()) - 1].data(),
                static_cast<int>(date.year()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buffer.data();
}

std::optional<int> parse_digits(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Only the IMF-fixdate form ("Sun, 06 Nov 1994 08:49:37 GMT") is accepted: it is the one
// every current client sends, and an unparsable date is to be ignored anyway.
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text) {
  using namespace std::chrono;
  text = trim(text);
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  const auto month_name = std::ranges::find(kMonthNames, text.substr(8, 3));
  const auto day_number = parse_digits(text.substr(5, 2));
  const auto year_number = parse_digits(text.substr(12, 4));
  const auto hour = parse_digits(text.substr(17, 2));
  const auto minute = parse_digits(text.substr(20, 2));
  const auto second = parse_digits(text.substr(23, 2));
  if (month_name == kMonthNames.end() || !day_number || !year_number || !hour || !minute ||
      !second || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const year_month_day date{
      year{*year_number},
      month{static_cast<unsigned>(month_name - kMonthNames.begin() + 1)},
      day{static_cast<unsigned>(*day_number)}};
  if (!date.ok()) return std::nullopt;
  return sys_days{date} + hours{*hour} + minutes{*minute} + seconds{*second};
}

bool entity_tag_matches(std::string_view if_none_match, std::string_view tag) {
  bool matched = false;
  for_each_list_item(if_none_match, [&](std::string_view item) {
    // If-None-Match uses the weak comparison: a W/ prefix does not matter.
    if (item.starts_with("W/")) item.remove_prefix(2);
    if (item == "*" || item == tag) matched = true;
  });
  return matched;
}

bool is_zero_quality(std::string_view parameters) {
  bool zero = false;
  while (!parameters.empty()) {
    const auto semicolon = parameters.find(';');
    const auto parameter = trim(parameters.substr(0, semicolon));
    if (parameter.size() > 2 && equals_ignoring_case(parameter.substr(0, 2), "q=")) {
      zero = parameter.substr(2).find_first_not_of("0.") == std::string_view::npos;
    }
    if (semicolon == std::string_view::npos) break;
    parameters.remove_prefix(semicolon + 1);
  }
  return zero;
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<bool> gzip;
  std::optional<bool> any;
  for_each_list_item(accept_encoding, [&](std::string_view item) {
    const auto semicolon = item.find(';');
    const auto coding = trim(item.substr(0, semicolon));
    const bool allowed =
        semicolon == std::string_view::npos || !is_zero_quality(item.substr(semicolon + 1));
    if (equals_ignoring_case(coding, "gzip") || equals_ignoring_case(coding, "x-gzip")) {
      gzip = allowed;
    } else if (coding == "*") {
      any = allowed;
    }
  });
  return gzip.value_or(any.value_or(false));
}

std::optional<std::string> gzip_compress(std::string_view input) {
  if (input.size() > UINT_MAX) return std::nullopt;
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, MAX_WBITS + 16, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  const std::unique_ptr<z_stream, decltype(&deflateEnd)> guard(&stream, &deflateEnd);
  std::string output(deflateBound(&stream, static_cast<uLong>(input.size())), '\0');
  stream.next_in = reinterpret_cast<const Bytef*>(input.data());
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(output.data());
  stream.avail_out = static_cast<uInt>(output.size());
  if (deflate(&stream, Z_FINISH) != Z_STREAM_END) return std::nullopt;
  output.resize(stream.total_out);
  return output;
}

std::optional<std::string> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return std::nullopt;
  return content;
}

void answer_plain(Response& response, http::status status, std::string_view body) {
  response.result(status);
  response.set(http::field::content_type, kPlainType);
  response.body() = body;
}

// Settles framing last, once the status and body are final: bodiless statuses must not
// carry a length, and HEAD must announce the length of the body it leaves out.
void finish_payload(Response& response, bool head) {
  const unsigned status = response.result_int();
  if (status < 200 || status == 204 || status == 304) {
    response.body().clear();
    return;
  }
  if (head) {
    response.content_length(response.body().size());
    response.body().clear();
    return;
  }
  response.prepare_payload();
}

// Extra headers and the Content-Type override go on last, so that they win over whatever
// the answer set itself, framing included.
void apply_rule_headers(http::fields& fields, const Rule& rule) {
  for (const auto& [name, value] : rule.headers) fields.set(name, value);
  if (rule.content_type) {
    if (rule.content_type->empty()) {
      fields.erase(http::field::content_type);
    } else {
      fields.set(http::field::content_type, *rule.content_type);
    }
  }
}

// The body of hostile answers from `offset` on: byte i is 'a' + i % 26, so that a client
// can tell a missing or misplaced byte.
std::string letters(std::uint64_t offset, std::size_t count) {
  std::string text(count, '\0');
  for (std::size_t i = 0; i < count; ++i) {
    text[i] = static_cast<char>('a' + (offset + i) % 26);
  }
  return text;
}

// `data` framed as one chunk of a chunked body. Empty data gives no bytes at all, since an
// empty chunk would end the body.
std::string chunk_of(std::string_view data) {
  if (data.empty()) return {};
  std::array<char, 16> hex{};
  const auto end = std::to_chars(hex.data(), hex.data() + hex.size(), data.size(), 16).ptr;
  std::string chunk(hex.data(), end);
  chunk.append("\r\n");
  chunk.append(data);
  chunk.append("\r\n");
  return chunk;
}

constexpr std::string_view kLastChunk = "0\r\n\r\n";

const std::string& endless_chunk() {
  static const std::string chunk = chunk_of(letters(0, kEndlessChunkSize));
  return chunk;
}

// The status line and headers of a hostile answer, serialized.
std::string hostile_head(const Rule& rule, const HostileAnswer& hostile) {
  http::response_header<> head;
  head.version(11);
  head.result(http::status::ok);
  head.set(http::field::server, kServerName);
  head.set(http::field::content_type, kHtmlType);
  head.set(http::field::connection, "close");
  std::visit(Overloaded{
                 [&](const SlowDrip& drip) {
                   head.set(http::field::content_length, std::to_string(drip.total_bytes));
                 },
                 [&](const EndlessBody&) {
                   head.set(http::field::transfer_encoding, "chunked");
                 },
                 [&](const GzipBomb&) {
                   head.set(http::field::content_encoding, "gzip");
                   head.set(http::field::transfer_encoding, "chunked");
                 },
                 [&](const ResetMidBody& reset) {
                   head.set(http::field::content_length,
                            std::to_string(reset.bytes_before_reset + kResetShortfall));
                 },
                 [&](const BrokenChunked&) {
                   head.set(http::field::transfer_encoding, "chunked");
                 },
             },
             hostile);
  apply_rule_headers(head, rule);
  std::ostringstream text;
  text << head;
  return std::move(text).str();
}

// Deflates the zeros of a gzip bomb a step at a time as the client reads, so that the bomb
// never exists whole on the server either.
class ZeroDeflater {
 public:
  explicit ZeroDeflater(std::uint64_t decoded_bytes) : remaining_(decoded_bytes) {
    ready_ = deflateInit2(&stream_, Z_BEST_COMPRESSION, Z_DEFLATED, MAX_WBITS + 16, 8,
                          Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~ZeroDeflater() {
    if (ready_) deflateEnd(&stream_);
  }
  ZeroDeflater(const ZeroDeflater&) = delete;
  ZeroDeflater& operator=(const ZeroDeflater&) = delete;

  bool finished() const { return finished_; }

  // The next piece of the gzip stream: up to kBombStepBytes more zeros, deflated and
  // flushed, and the gzip trailer once the last zero is in. nullopt if zlib fails.
  std::optional<std::string> next() {
    static const std::vector<unsigned char> zeros(kBombStepBytes);
    if (!ready_ || finished_) return std::nullopt;
    const auto step = static_cast<uInt>(std::min<std::uint64_t>(remaining_, zeros.size()));
    remaining_ -= step;
    stream_.next_in = zeros.data();
    stream_.avail_in = step;
    const int flush = remaining_ == 0 ? Z_FINISH : Z_SYNC_FLUSH;
    std::string output;
    std::array<unsigned char, 16 * 1024> buffer{};
    for (;;) {
      stream_.next_out = buffer.data();
      stream_.avail_out = static_cast<uInt>(buffer.size());
      const int status = deflate(&stream_, flush);
      if (status == Z_STREAM_ERROR) return std::nullopt;
      output.append(reinterpret_cast<const char*>(buffer.data()),
                    buffer.size() - stream_.avail_out);
      if (status == Z_STREAM_END) {
        finished_ = true;
        break;
      }
      // Spare output space means the flush is complete; Z_BUF_ERROR means it completed
      // exactly as the space ran out on the previous round.
      if (stream_.avail_out != 0 || status == Z_BUF_ERROR) break;
    }
    return output;
  }

 private:
  z_stream stream_{};
  bool ready_ = false;
  bool finished_ = false;
  std::uint64_t remaining_;
};

// The address to listen on, refused unless it is loopback: a test server must not be
// reachable from other machines.
asio::ip::address loopback_address(const std::string& text) {
  ErrorCode error;
  const auto address = asio::ip::make_address(text, error);
  if (error || !address.is_loopback()) {
    throw std::invalid_argument("fixture server cannot listen on '" + text +
                                "': not a numeric loopback address");
  }
  return address;
}

}  // namespace

class FixtureServer::Impl {
 public:
  Impl(fs::path root, std::uint16_t port, const std::string& address);
  ~Impl();

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  std::uint16_t port() const { return port_; }
  const std::string& origin() const { return origin_; }

  template <class Change>
  void change_rule(std::string path, Change change) {
    const std::lock_guard lock(rules_mutex_);
    change(rules_[std::move(path)]);
  }
  void clear_rules() {
    const std::lock_guard lock(rules_mutex_);
    rules_.clear();
  }

  std::vector<RecordedRequest> requests() const {
    const std::lock_guard lock(requests_mutex_);
    return requests_;
  }
  std::size_t request_count(std::string_view path) const {
    const std::lock_guard lock(requests_mutex_);
    return count_requests(path);
  }
  bool wait_for_requests(std::string_view path, std::size_t count,
                         std::chrono::milliseconds timeout) const {
    std::unique_lock lock(requests_mutex_);
    return requests_changed_.wait_for(lock, timeout,
                                      [&] { return count_requests(path) >= count; });
  }
  void clear_requests() {
    const std::lock_guard lock(requests_mutex_);
    requests_.clear();
  }

  std::size_t open_connections() const {
    const std::lock_guard lock(connections_mutex_);
    return open_connections_;
  }
  bool wait_for_open_connections(std::size_t count, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(connections_mutex_);
    return connections_changed_.wait_for(lock, timeout,
                                         [&] { return open_connections_ == count; });
  }

 private:
  class Session;

  void run() noexcept;
  void accept();
  void shutdown();

  void record(const Request& request);
  void count_connection(bool opened);
  std::optional<Rule> rule_for(std::string_view path) const;
  Response answer(const Request& request, const std::optional<Rule>& rule) const;
  void serve_file(const Request& request, Response& response) const;
  void serve_representation(const Request& request, Response& response, std::string body,
                            std::string content_type,
                            std::chrono::sys_seconds modified) const;

  std::size_t count_requests(std::string_view path) const {
    return static_cast<std::size_t>(std::ranges::count_if(requests_, [&](const auto& r) {
      return path_of(r.target) == path;
    }));
  }

  const fs::path root_;
  std::uint16_t port_ = 0;
  std::string origin_;

  // Before io_, so that a session that io_ destroys can still count itself out.
  mutable std::mutex connections_mutex_;
  mutable std::condition_variable connections_changed_;
  std::size_t open_connections_ = 0;

  // Touched only by the server thread once it runs.
  asio::io_context io_;
  tcp::acceptor acceptor_;
  asio::steady_timer accept_retry_;
  std::vector<std::weak_ptr<Session>> sessions_;
  bool stopping_ = false;

  mutable std::mutex rules_mutex_;
  std::map<std::string, Rule, std::less<>> rules_;

  mutable std::mutex requests_mutex_;
  mutable std::condition_variable requests_changed_;
  std::vector<RecordedRequest> requests_;

  // Last, so that everything the thread uses exists before it starts.
  std::thread thread_;
};

// Requests on a connection are answered strictly in turn: HTTP/1.1 clients match answers
// to requests by order, so a delayed answer must hold back the ones behind it.
class FixtureServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Impl& server)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), server_(server) {
    server_.count_connection(true);
  }
  // The socket closes with the session, so this is where the connection stops counting.
  ~Session() { server_.count_connection(false); }

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() { read_request(); }

  void close() {
    ErrorCode ignored;
    timer_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  void read_request() {
    request_ = {};
    http::async_read(socket_, buffer_, request_,
                     [self = shared_from_this()](ErrorCode error, std::size_t) {
                       self->on_read(error);
                     });
  }

  void on_read(ErrorCode error) {
    if (error) {
      if (error == http::error::end_of_stream) {
        ErrorCode ignored;
        socket_.shutdown(tcp::socket::shutdown_send, ignored);
      }
      return;
    }
    server_.record(request_);
    auto rule = server_.rule_for(path_of(request_.target()));
    if (rule && rule->delay.count() > 0) {
      timer_.expires_after(rule->delay);
      timer_.async_wait([self = shared_from_this(), rule = std::move(rule)](ErrorCode waited) {
        if (!waited) self->respond(rule);
      });
      return;
    }
    respond(rule);
  }

  void respond(const std::optional<Rule>& rule) {
    if (rule) {
      if (const auto* hostile = std::get_if<HostileAnswer>(&rule->behaviour)) {
        answer_hostile(*rule, *hostile);
        return;
      }
    }
    // A fault in building one answer must cost that answer only, not the server thread.
    try {
      response_ = server_.answer(request_, rule);
    } catch (const std::exception& failure) {
      response_ = {};
      response_.version(request_.version());
      answer_plain(response_, http::status::internal_server_error, failure.what());
      response_.keep_alive(false);
      response_.prepare_payload();
    }
    http::async_write(socket_, response_,
                      [self = shared_from_this()](ErrorCode error, std::size_t) {
                        self->on_write(error);
                      });
  }

  void on_write(ErrorCode error) {
    if (error) return;
    if (response_.need_eof()) {
      ErrorCode ignored;
      socket_.shutdown(tcp::socket::shutdown_send, ignored);
      return;
    }
    read_request();
  }

  // A hostile answer ends the connection, so no further request is read; the client is
  // watched instead, so that it hanging up ends the answer at once rather than at its next
  // write (a drip may not write again for a long while).
  void answer_hostile(const Rule& rule, const HostileAnswer& hostile) {
    watch_client();
    auto head = hostile_head(rule, hostile);
    if (request_.method() == http::verb::head) {
      send(std::move(head), [this] { finish(); });
      return;
    }
    std::visit(Overloaded{
                   [&](const SlowDrip& drip) {
                     send(std::move(head), [this, drip] { drip_next(drip, 0); });
                   },
                   [&](const EndlessBody&) {
                     send(std::move(head), [this] { send_endless_chunk(); });
                   },
                   [&](const GzipBomb& bomb) {
                     deflater_ = std::make_unique<ZeroDeflater>(bomb.decoded_bytes);
                     send(std::move(head), [this] { send_bomb_step(); });
                   },
                   [&](const ResetMidBody& reset) {
                     send(head + letters(0, reset.bytes_before_reset),
                          [this] { reset_connection(); });
                   },
                   [&](const BrokenChunked&) {
                     send(head + chunk_of(letters(0, 26)) + "zz\r\nthis is not a chunk\r\n",
                          [this] { finish(); });
                   },
               },
               hostile);
  }

  void watch_client() {
    socket_.async_read_some(asio::buffer(discarded_),
                            [this, self = shared_from_this()](ErrorCode error, std::size_t) {
                              if (error) {
                                close();
                                return;
                              }
                              watch_client();
                            });
  }

  // Writes `bytes`, then calls `next`, which may use `this`: the write's handler keeps the
  // session alive while `next` runs. A failed write means the client is gone or the server
  // is stopping, so it closes the connection instead.
  template <class Next>
  void send(std::string bytes, Next next) {
    out_ = std::move(bytes);
    send_buffer(asio::buffer(out_), std::move(next));
  }
  template <class Next>
  void send_buffer(asio::const_buffer bytes, Next next) {
    asio::async_write(
        socket_, bytes,
        [self = shared_from_this(), next = std::move(next)](ErrorCode error, std::size_t) {
          if (error) {
            self->close();
            return;
          }
          next();
        });
  }

  void drip_next(const SlowDrip& drip, std::size_t sent) {
    if (sent >= drip.total_bytes) {
      finish();
      return;
    }
    timer_.expires_after(drip.tick);
    timer_.async_wait([this, self = shared_from_this(), drip, sent](ErrorCode waited) {
      if (waited) return;
      const auto count = std::min(drip.bytes_per_tick, drip.total_bytes - sent);
      send(letters(sent, count), [this, drip, sent, count] { drip_next(drip, sent + count); });
    });
  }

  // The chunk is shared and never copied; one write at a time keeps the server from
  // queueing more than a chunk for a client that reads slowly.
  void send_endless_chunk() {
    send_buffer(asio::buffer(endless_chunk()), [this] { send_endless_chunk(); });
  }

  void send_bomb_step() {
    auto piece = deflater_->next();
    if (!piece) {
      close();
      return;
    }
    auto bytes = chunk_of(*piece);
    if (!deflater_->finished()) {
      send(std::move(bytes), [this] { send_bomb_step(); });
      return;
    }
    bytes.append(kLastChunk);
    send(std::move(bytes), [this] { finish(); });
  }

  // Ends a hostile answer that the client may read to the end: a FIN, after which the
  // watch closes the socket once the client closes its end.
  void finish() {
    ErrorCode ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
  }

  // A zero linger makes close() discard what is unsent and send an RST instead of a FIN.
  void reset_connection() {
    ErrorCode ignored;
    socket_.set_option(asio::socket_base::linger(true, 0), ignored);
    timer_.cancel();
    socket_.close(ignored);
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  boost::beast::flat_buffer buffer_;
  Request request_;
  Response response_;
  Impl& server_;
  // Hostile answers only: the write in flight, what the watch reads, the bomb's state.
  std::string out_;
  std::array<char, 1024> discarded_{};
  std::unique_ptr<ZeroDeflater> deflater_;
};

FixtureServer::Impl::Impl(fs::path root, std::uint16_t port, const std::string& address)
    : root_(fs::absolute(std::move(root))), acceptor_(io_), accept_retry_(io_) {
  const tcp::endpoint endpoint{loopback_address(address), port};
  ErrorCode error;
  acceptor_.open(endpoint.protocol(), error);
  // Lets a fixed port be reused right after an earlier run left it in TIME_WAIT; Linux
  // still refuses a second listener on the same port.
  if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (!error) port_ = acceptor_.local_endpoint(error).port();
  if (error) {
    throw std::system_error(static_cast<std::error_code>(error),
                            "fixture server cannot listen on " + address + ":" +
                                std::to_string(port));
  }
  const auto host = endpoint.address().to_string();
  origin_ = "http://" + (endpoint.address().is_v6() ? "[" + host + "]" : host) + ":" +
            std::to_string(port_);
  accept();
  thread_ = std::thread([this] { run(); });
}

FixtureServer::Impl::~Impl() {
  asio::post(io_, [this] { shutdown(); });
  if (thread_.joinable()) thread_.join();
}

void FixtureServer::Impl::run() noexcept {
  // Handlers already turn their own failures into responses; this only keeps an
  // unexpected throw (e.g. bad_alloc) from terminating the test process.
  for (;;) {
    try {
      io_.run();
      return;
    } catch (const std::exception& failure) {
      std::fprintf(stderr, "fixture server: %s\n", failure.what());
    } catch (...) {
      std::fputs("fixture server: unknown exception\n", stderr);
    }
  }
}

void FixtureServer::Impl::accept() {
  acceptor_.async_accept([this](ErrorCode error, tcp::socket socket) {
    if (stopping_ || error == asio::error::operation_aborted) return;
    if (error) {
      // Out of descriptors and the like: back off instead of spinning on the error.
      accept_retry_.expires_after(kAcceptRetryDelay);
      accept_retry_.async_wait([this](ErrorCode waited) {
        if (!waited && !stopping_) accept();
      });
      return;
    }
    auto session = std::make_shared<Session>(std::move(socket), *this);
    std::erase_if(sessions_, [](const auto& weak) { return weak.expired(); });
    sessions_.push_back(session);
    session->start();
    accept();
  });
}

// Once nothing is pending any more, io_context::run returns and the thread ends.
void FixtureServer::Impl::shutdown() {
  stopping_ = true;
  ErrorCode ignored;
  acceptor_.close(ignored);
  accept_retry_.cancel();
  for (const auto& weak : sessions_) {
    if (const auto session = weak.lock()) session->close();
  }
  sessions_.clear();
}

void FixtureServer::Impl::record(const Request& request) {
  RecordedRequest recorded{std::string(request.method_string()), std::string(request.target()),
                           {}};
  for (const auto& field : request) {
    const auto [entry, inserted] =
        recorded.headers.try_emplace(to_lower(field.name_string()), field.value());
    if (!inserted) {
      entry->second.append(", ");
      entry->second.append(field.value());
    }
  }
  {
    const std::lock_guard lock(requests_mutex_);
    requests_.push_back(std::move(recorded));
  }
  requests_changed_.notify_all();
}

void FixtureServer::Impl::count_connection(bool opened) {
  {
    const std::lock_guard lock(connections_mutex_);
    opened ? ++open_connections_ : --open_connections_;
  }
  connections_changed_.notify_all();
}

std::optional<Rule> FixtureServer::Impl::rule_for(std::string_view path) const {
  const std::lock_guard lock(rules_mutex_);
  const auto found = rules_.find(path);
  if (found == rules_.end()) return std::nullopt;
  return found->second;
}

Response FixtureServer::Impl::answer(const Request& request,
                                     const std::optional<Rule>& rule) const {
  Response response{http::status::ok, request.version()};
  response.set(http::field::server, kServerName);
  response.keep_alive(request.keep_alive());
  const Behaviour behaviour = rule ? rule->behaviour : Behaviour{ServeFile{}};
  std::visit(Overloaded{
                 [&](const ServeFile&) { serve_file(request, response); },
                 [&](const ScriptedStatus& scripted) {
                   response.result(scripted.status);
                   response.set(http::field::content_type, kPlainType);
                   response.body() = replace_origin_token(scripted.body, origin_);
                 },
                 [&](const Redirect& redirect) {
                   response.result(redirect.status);
                   response.set(http::field::location,
                                replace_origin_token(redirect.location, origin_));
                 },
                 [&](const InMemoryBody& in_memory) {
                   serve_representation(request, response, in_memory.body,
                                        in_memory.content_type, in_memory.modified);
                 },
                 [&](const HostileAnswer&) {
                   throw std::logic_error("a hostile answer is written by its session");
                 },
             },
             behaviour);
  if (rule) apply_rule_headers(response, *rule);
  finish_payload(response, request.method() == http::verb::head);
  return response;
}

void FixtureServer::Impl::serve_file(const Request& request, Response& response) const {
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    answer_plain(response, http::status::method_not_allowed, "method not allowed\n");
    response.set(http::field::allow, "GET, HEAD");
    return;
  }
  const auto file = file_for(root_, path_of(request.target()));
  std::error_code error;
  if (!file || !fs::is_regular_file(*file, error)) {
    answer_plain(response, http::status::not_found, "not found\n");
    return;
  }
  const auto modified = fs::last_write_time(*file, error);
  auto content = read_file(*file);
  if (error || !content) {
    answer_plain(response, http::status::not_found, "not found\n");
    return;
  }
  serve_representation(
      request, response, std::move(*content), content_type_for(*file),
      std::chrono::floor<std::chrono::seconds>(std::chrono::file_clock::to_sys(modified)));
}

void FixtureServer::Impl::serve_representation(const Request& request, Response& response,
                                               std::string body, std::string content_type,
                                               std::chrono::sys_seconds modified) const {
  if (is_text_type(content_type)) body = replace_origin_token(body, origin_);
  const auto tag = entity_tag_for(body);
  const bool compressible = !to_lower(content_type).starts_with(kGzipType);
  response.set(http::field::content_type, content_type);
  response.set(http::field::etag, tag);
  response.set(http::field::last_modified, http_date(modified));
  if (compressible) response.set(http::field::vary, "Accept-Encoding");

  const bool conditional =
      request.method() == http::verb::get || request.method() == http::verb::head;
  // RFC 9110 13.2.2: If-None-Match, when present, decides alone.
  if (conditional && request.count(http::field::if_none_match) > 0) {
    if (entity_tag_matches(request[http::field::if_none_match], tag)) {
      response.result(http::status::not_modified);
      return;
    }
  } else if (conditional && request.count(http::field::if_modified_since) > 0) {
    const auto since = parse_http_date(request[http::field::if_modified_since]);
    if (since && modified <= *since) {
      response.result(http::status::not_modified);
      return;
    }
  }

  if (compressible && accepts_gzip(request[http::field::accept_encoding])) {
    if (auto compressed = gzip_compress(body)) {
      response.set(http::field::content_encoding, "gzip");
      body = std::move(*compressed);
    }
  }
  response.body() = std::move(body);
}

namespace {

void check_status(unsigned status, unsigned low, unsigned high, const char* what) {
  if (status < low || status > high) {
    throw std::invalid_argument(std::string(what) + ": status " + std::to_string(status) +
                                " is out of range");
  }
}

}  // namespace

FixtureServer::FixtureServer(std::filesystem::path root, std::uint16_t port,
                             std::string address)
    : impl_(std::make_unique<Impl>(std::move(root), port, address)) {}

FixtureServer::~FixtureServer() = default;

std::uint16_t FixtureServer::port() const { return impl_->port(); }

std::string FixtureServer::origin() const { return impl_->origin(); }

void FixtureServer::set_status(std::string path, unsigned status, std::string body) {
  check_status(status, 200, 999, "set_status");
  impl_->change_rule(std::move(path), [&](Rule& rule) {
    rule.behaviour = ScriptedStatus{status, std::move(body)};
  });
}

void FixtureServer::set_header(std::string path, std::string name, std::string value) {
  impl_->change_rule(std::move(path), [&](Rule& rule) {
    const auto same = std::ranges::find_if(
        rule.headers, [&](const auto& header) { return equals_ignoring_case(header.first, name); });
    if (same != rule.headers.end()) {
      same->second = std::move(value);
    } else {
      rule.headers.emplace_back(std::move(name), std::move(value));
    }
  });
}

void FixtureServer::add_redirect(std::string from, std::string location, unsigned status) {
  check_status(status, 300, 399, "add_redirect");
  impl_->change_rule(std::move(from), [&](Rule& rule) {
    rule.behaviour = Redirect{status, std::move(location)};
  });
}

void FixtureServer::set_delay(std::string path, std::chrono::milliseconds delay) {
  impl_->change_rule(std::move(path), [&](Rule& rule) { rule.delay = delay; });
}

void FixtureServer::set_body(std::string path, std::string body, std::string content_type) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  impl_->change_rule(std::move(path), [&](Rule& rule) {
    rule.behaviour = InMemoryBody{std::move(body), std::move(content_type), now};
  });
}

void FixtureServer::set_content_type(std::string path, std::string content_type) {
  impl_->change_rule(std::move(path),
                     [&](Rule& rule) { rule.content_type = std::move(content_type); });
}

void FixtureServer::set_slow_drip(std::string path, std::size_t bytes_per_tick,
                                  std::chrono::milliseconds tick, std::size_t total_bytes) {
  if (bytes_per_tick == 0) {
    throw std::invalid_argument("set_slow_drip: 0 bytes per tick would never finish");
  }
  if (tick.count() < 0) throw std::invalid_argument("set_slow_drip: negative tick");
  impl_->change_rule(std::move(path), [&](Rule& rule) {
    rule.behaviour = HostileAnswer{SlowDrip{bytes_per_tick, tick, total_bytes}};
  });
}

void FixtureServer::set_endless_body(std::string path) {
  impl_->change_rule(std::move(path),
                     [](Rule& rule) { rule.behaviour = HostileAnswer{EndlessBody{}}; });
}

void FixtureServer::set_gzip_bomb(std::string path, std::uint64_t decoded_bytes) {
  impl_->change_rule(std::move(path), [&](Rule& rule) {
    rule.behaviour = HostileAnswer{GzipBomb{decoded_bytes}};
  });
}

void FixtureServer::set_reset_mid_body(std::string path, std::size_t bytes_before_reset) {
  impl_->change_rule(std::move(path), [&](Rule& rule) {
    rule.behaviour = HostileAnswer{ResetMidBody{bytes_before_reset}};
  });
}

void FixtureServer::set_broken_chunked(std::string path) {
  impl_->change_rule(std::move(path),
                     [](Rule& rule) { rule.behaviour = HostileAnswer{BrokenChunked{}}; });
}

void FixtureServer::clear_rules() { impl_->clear_rules(); }

std::vector<RecordedRequest> FixtureServer::requests() const { return impl_->requests(); }

std::size_t FixtureServer::request_count(std::string_view path) const {
  return impl_->request_count(path);
}

bool FixtureServer::wait_for_requests(std::string_view path, std::size_t count,
                                      std::chrono::milliseconds timeout) const {
  return impl_->wait_for_requests(path, count, timeout);
}

void FixtureServer::clear_requests() { impl_->clear_requests(); }

std::size_t FixtureServer::open_connections() const { return impl_->open_connections(); }

bool FixtureServer::wait_for_open_connections(std::size_t count,
                                              std::chrono::milliseconds timeout) const {
  return impl_->wait_for_open_connections(count, timeout);
}

}  // namespace test_support
