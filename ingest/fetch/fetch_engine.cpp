#include "ingest/fetch/fetch_engine.h"

#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <unistd.h>

#include <algorithm>
#include <deque>
#include <map>
#include <random>

#include "ingest/log/log.h"
#include "ingest/fetch/retry_policy.h"
#include "ingest/fetch/robots.h"
#include "normalize/url.h"

namespace ingest::fetch {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

struct CurlMultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};

// A socket libcurl asked us to watch. The descriptor does not own the fd: libcurl does, and
// it is released from Asio before libcurl closes it.
struct WatchedSocket {
  explicit WatchedSocket(asio::io_context& io, curl_socket_t fd) : descriptor(io, fd) {}
  asio::posix::stream_descriptor descriptor;
  int what = CURL_POLL_NONE;
  bool reading = false;
  bool writing = false;
  bool gone = false;
};

// robots.txt of one origin (RFC 9309 scopes it to scheme, host and port): unknown until
// fetched; then rules until `expires`.
struct RobotsState {
  enum class Phase { unknown, fetching, ready } phase = Phase::unknown;
  RobotsRules rules;
  bool unreachable = false;  // 5xx or no answer: nothing may be fetched until the next try
  std::optional<FetchError> failure;  // what the waiting requests fail with meanwhile
  Clock::time_point expires{};
};

// A transfer with where it goes, worked out once when it is queued: the host its politeness
// is counted against and the origin whose robots.txt governs it.
struct Job {
  std::unique_ptr<CurlTransfer> transfer;
  std::string host;
  std::string origin;
};

struct Host {
  int active = 0;
  Clock::time_point next_allowed{};
  std::deque<Job> waiting;
  std::unique_ptr<asio::steady_timer> timer;
  bool timer_armed = false;
};

FetchError cancelled() { return FetchError{FetchError::Kind::cancelled, "not started: the fetch engine is draining"}; }

}  // namespace

struct FetchEngine::Impl {
  Impl(asio::io_context& context, FetchSettings s, RobotsCache* cache)
      : io(context), settings(std::move(s)), robots_cache(cache), timer(context), agent_token(robots_agent_token(settings.user_agent)),
        random(std::random_device{}()), log(log::logger("fetch")) {
    multi.reset(curl_multi_init());
    curl_multi_setopt(multi.get(), CURLMOPT_SOCKETFUNCTION, &Impl::on_socket);
    curl_multi_setopt(multi.get(), CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi.get(), CURLMOPT_TIMERFUNCTION, &Impl::on_timer);
    curl_multi_setopt(multi.get(), CURLMOPT_TIMERDATA, this);
  }

  ~Impl() { shutdown(); }

  void shutdown() {
    stopped = true;
    if (multi)
      for (auto& [easy, job] : running) curl_multi_remove_handle(multi.get(), easy);
    running.clear();
    // Closing the multi handle closes pooled connections through on_close.
    multi.reset();
    timer.cancel();
    for (auto& [name, host] : hosts) {
      host.waiting.clear();
      if (host.timer) host.timer->cancel();
    }
    for (auto& retry_timer : retry_timers) retry_timer->cancel();
    for (auto& [fd, socket] : sockets) {
      socket->gone = true;
      boost::system::error_code ignored;
      socket->descriptor.cancel(ignored);
      (void)socket->descriptor.release();
    }
    sockets.clear();
  }

  // --- libcurl -> Asio -----------------------------------------------------------------

  static int on_socket(CURL*, curl_socket_t fd, int what, void* self, void*) {
    static_cast<Impl*>(self)->watch(fd, what);
    return 0;
  }

  static int on_timer(CURLM*, long timeout_ms, void* self) {
    auto* impl = static_cast<Impl*>(self);
    if (timeout_ms < 0) {
      impl->timer.cancel();
      return 0;
    }
    // Even a zero timeout goes through the loop: libcurl must not be re-entered from here.
    impl->timer.expires_after(std::chrono::milliseconds{timeout_ms});
    impl->timer.async_wait([impl](const boost::system::error_code& ec) {
      // A wait that had already completed when shutdown() cancelled the timer still runs,
      // without error, after the multi handle is gone.
      if (ec || !impl->multi) return;
      int running_handles = 0;
      curl_multi_socket_action(impl->multi.get(), CURL_SOCKET_TIMEOUT, 0, &running_handles);
      impl->collect_finished();
    });
    return 0;
  }

  static int on_close(void* self, curl_socket_t fd) {
    auto* impl = static_cast<Impl*>(self);
    if (auto it = impl->sockets.find(fd); it != impl->sockets.end()) impl->forget(it);
    return ::close(fd);
  }

  void forget(std::map<curl_socket_t, std::shared_ptr<WatchedSocket>>::iterator it) {
    it->second->gone = true;
    boost::system::error_code ignored;
    it->second->descriptor.cancel(ignored);
    (void)it->second->descriptor.release();
    sockets.erase(it);
  }

  void watch(curl_socket_t fd, int what) {
    auto it = sockets.find(fd);
    if (what == CURL_POLL_REMOVE) {
      if (it != sockets.end()) forget(it);
      return;
    }
    if (it == sockets.end()) it = sockets.emplace(fd, std::make_shared<WatchedSocket>(io, fd)).first;
    it->second->what = what;
    arm(fd, it->second);
  }

  void arm(curl_socket_t fd, const std::shared_ptr<WatchedSocket>& socket) {
    bool want_read = socket->what == CURL_POLL_IN || socket->what == CURL_POLL_INOUT;
    bool want_write = socket->what == CURL_POLL_OUT || socket->what == CURL_POLL_INOUT;
    if (want_read && !socket->reading) {
      socket->reading = true;
      socket->descriptor.async_wait(asio::posix::stream_descriptor::wait_read,
                                    [this, fd, socket](const boost::system::error_code& ec) {
                                      socket->reading = false;
                                      ready(fd, socket, ec, CURL_CSELECT_IN);
                                    });
    }
    if (want_write && !socket->writing) {
      socket->writing = true;
      socket->descriptor.async_wait(asio::posix::stream_descriptor::wait_write,
                                    [this, fd, socket](const boost::system::error_code& ec) {
                                      socket->writing = false;
                                      ready(fd, socket, ec, CURL_CSELECT_OUT);
                                    });
    }
  }

  void ready(curl_socket_t fd, const std::shared_ptr<WatchedSocket>& socket,
             const boost::system::error_code& ec, int direction) {
    if (ec || socket->gone || !multi) return;
    int running_handles = 0;
    curl_multi_socket_action(multi.get(), fd, direction, &running_handles);
    collect_finished();
    // libcurl may have stopped watching or closed the socket meanwhile; only a socket that
    // is still wanted is armed again.
    if (!socket->gone) arm(fd, socket);
  }

  // --- transfers ---------------------------------------------------------------------------

  void submit(std::unique_ptr<CurlTransfer> transfer, bool front = false) {
    if (stopped) {
      complete(std::move(transfer), std::unexpected(FetchError{FetchError::Kind::other, "fetch engine stopped"}));
      return;
    }
    if (draining) {
      complete(std::move(transfer), std::unexpected(cancelled()));
      return;
    }
    auto canonical = normalize::canonical_url(transfer->request().url);
    std::string host = canonical ? normalize::url_host(*canonical) : std::string{};
    if (host.empty()) {
      complete(std::move(transfer), std::unexpected(FetchError{FetchError::Kind::bad_scheme,
                                                               "not an http(s) URL: " + transfer->request().url}));
      return;
    }
    Job job{std::move(transfer), host, normalize::url_origin(*canonical)};
    Host& h = hosts[host];
    if (front) h.waiting.push_front(std::move(job));
    else h.waiting.push_back(std::move(job));
    pump(host);
  }

  std::chrono::milliseconds host_delay(const Job& job) {
    auto delay = job.transfer->request().min_delay.value_or(settings.min_delay);
    const RobotsState& robots = robots_by_origin[job.origin];
    if (robots.phase == RobotsState::Phase::ready && robots.rules.crawl_delay)
      delay = std::max(delay, *robots.rules.crawl_delay);
    return delay;
  }

  // Whether the job may go as far as robots.txt is concerned: it is robots.txt itself, or
  // its origin's file is known. Asks for the file (from the cache, else queued first on the
  // host) when it is not known, or no longer fresh.
  bool robots_known(const std::string& host, const Job& job, Clock::time_point now) {
    if (!job.transfer->request().obey_robots) return true;
    RobotsState& robots = robots_by_origin[job.origin];
    if (robots.phase == RobotsState::Phase::ready && now >= robots.expires) robots.phase = RobotsState::Phase::unknown;
    if (robots.phase == RobotsState::Phase::unknown) fetch_robots(host, job.origin);
    return robots.phase == RobotsState::Phase::ready;
  }

  void pump(const std::string& host) {
    Host& h = hosts[host];
    auto now = Clock::now();
    while (h.active < settings.max_per_host && !h.waiting.empty()) {
      // The first job that may go. Usually the first in line; the scan goes further only
      // while an origin's robots.txt is on its way. fetch_robots() may queue robots.txt at
      // the front, which moves every index, so the scan starts over when the queue grew.
      std::size_t pick = 0;
      bool found = false;
      while (pick < h.waiting.size()) {
        std::size_t before = h.waiting.size();
        bool known = robots_known(host, h.waiting[pick], now);
        if (h.waiting.size() != before) {
          pick = 0;
          continue;
        }
        if (known) {
          found = true;
          break;
        }
        ++pick;
      }
      if (!found) return;
      Job& job = h.waiting[pick];
      if (job.transfer->request().obey_robots) {
        const RobotsState& robots = robots_by_origin[job.origin];
        std::string path = normalize::url_path_and_query(job.transfer->request().url);
        if (robots.unreachable || !robots.rules.allows(path)) {
          FetchError refusal = robots.unreachable
                                   ? *robots.failure
                                   : FetchError{FetchError::Kind::robots_disallowed,
                                                "robots.txt disallows " + path + " for " + agent_token + " (" + host + ")"};
          std::unique_ptr<CurlTransfer> refused = std::move(job.transfer);
          h.waiting.erase(h.waiting.begin() + static_cast<std::ptrdiff_t>(pick));
          complete(std::move(refused), std::unexpected(std::move(refusal)));
          continue;
        }
      }
      if (now < h.next_allowed) {
        arm_host_timer(host, h);
        return;
      }
      Job started = std::move(job);
      h.waiting.erase(h.waiting.begin() + static_cast<std::ptrdiff_t>(pick));
      h.next_allowed = now + host_delay(started);
      start(std::move(started));
    }
  }

  void arm_host_timer(const std::string& host, Host& h) {
    if (h.timer_armed) return;
    if (!h.timer) h.timer = std::make_unique<asio::steady_timer>(io);
    h.timer_armed = true;
    h.timer->expires_at(h.next_allowed);
    h.timer->async_wait([this, host](const boost::system::error_code& ec) {
      if (ec) return;
      hosts[host].timer_armed = false;
      pump(host);
    });
  }

  void start(Job job) {
    auto prepared = job.transfer->prepare(settings);
    if (!prepared) {
      complete(std::move(job.transfer), std::unexpected(prepared.error()));
      return;
    }
    CURL* easy = *prepared;
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &Impl::on_close);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
    ++hosts[job.host].active;
    running.emplace(easy, std::move(job));
    curl_multi_add_handle(multi.get(), easy);
  }

  void collect_finished() {
    int left = 0;
    std::vector<std::pair<Job, CURLcode>> finished;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      CURLcode code = message->data.result;
      curl_multi_remove_handle(multi.get(), easy);
      auto it = running.find(easy);
      if (it == running.end()) continue;
      finished.emplace_back(std::move(it->second), code);
      running.erase(it);
    }
    for (auto& [job, code] : finished) finish(std::move(job), code);
  }

  void finish(Job job, CURLcode code) {
    std::string host = job.host;
    std::unique_ptr<CurlTransfer>& transfer = job.transfer;
    --hosts[host].active;
    FetchResult result = transfer->finish(code);
    if (!result && is_transient(result.error())) {
      FetchError& error = result.error();
      std::optional<std::chrono::milliseconds> wait;
      if (const std::string* header = transfer->header("retry-after"))
        if (auto seconds = parse_retry_after(*header, std::chrono::system_clock::now())) {
          error.retry_after = *seconds;
          wait = std::chrono::duration_cast<std::chrono::milliseconds>(*seconds);
        }
      // A draining engine starts nothing new, retries included: the error stands.
      if (!draining && transfer->attempts() <= settings.retries && (!wait || *wait <= settings.max_retry_wait)) {
        if (!wait) wait = backoff_delay(transfer->attempts(), settings.retry_delay, settings.max_retry_wait, random);
        log->debug("retrying url={} error=\"{}\" attempt={} after_ms={}", transfer->request().url,
                   error.message, transfer->attempts(), wait->count());
        retry_later(std::move(transfer), *wait);
        pump(host);
        return;
      }
    }
    complete(std::move(transfer), std::move(result));
    pump(host);
  }

  void retry_later(std::unique_ptr<CurlTransfer> transfer, std::chrono::milliseconds wait) {
    auto retry_timer = std::make_shared<asio::steady_timer>(io, wait);
    // The transfer waits inside the handler; destroying or shutting down the engine cancels
    // the timer and frees it with the handler, draining cancels it and reports the transfer
    // as not started.
    auto* raw = transfer.release();
    retry_timers.push_back(retry_timer);
    std::weak_ptr<int> engine_alive = alive;
    retry_timer->async_wait([this, raw, retry_timer, engine_alive](const boost::system::error_code& ec) {
      std::unique_ptr<CurlTransfer> owned{raw};
      if (engine_alive.expired() || stopped) return;  // `this` may be gone: touch nothing
      std::erase(retry_timers, retry_timer);
      if (ec && !draining) return;
      submit(std::move(owned), true);
    });
  }

  void complete(std::unique_ptr<CurlTransfer> transfer, FetchResult result) {
    // Through the loop, so a callback never runs inside fetch() or a libcurl callback.
    asio::post(io, [callback = std::move(transfer->callback()), result = std::move(result)]() mutable {
      callback(std::move(result));
    });
  }

  // Makes a robots.txt outcome the origin's current one.
  void apply_robots(const std::string& origin, const RobotsRecord& record) {
    RobotsState& robots = robots_by_origin[origin];
    robots.phase = RobotsState::Phase::ready;
    robots.unreachable = record.outcome == RobotsRecord::Outcome::unreachable;
    robots.rules = record.outcome == RobotsRecord::Outcome::rules ? parse_robots(record.body, agent_token) : RobotsRules{};
    robots.failure.reset();
    if (robots.unreachable) robots.failure = FetchError{record.error_kind, record.message};
    auto left = record.expires - std::chrono::system_clock::now();
    robots.expires = Clock::now() + std::chrono::duration_cast<Clock::duration>(left);
  }

  // Gets the origin's robots.txt from the cache, or queues its fetch first on the host.
  void fetch_robots(const std::string& host, const std::string& origin) {
    if (robots_cache)
      if (auto record = robots_cache->load(origin)) {
        apply_robots(origin, *record);
        return;
      }
    Host& h = hosts[host];
    robots_by_origin[origin].phase = RobotsState::Phase::fetching;
    FetchRequest request;
    request.url = origin + "/robots.txt";
    request.obey_robots = false;
    // The callback runs through the loop, possibly after the engine is gone.
    std::weak_ptr<int> engine_alive = alive;
    auto transfer = std::make_unique<CurlTransfer>(std::move(request), [this, host, origin, engine_alive](FetchResult result) {
      if (engine_alive.expired()) return;
      if (!result && result.error().kind == FetchError::Kind::cancelled) {
        robots_by_origin[origin].phase = RobotsState::Phase::unknown;  // asked again next time
        return;
      }
      RobotsRecord record;
      record.expires = std::chrono::system_clock::now() + settings.robots_ttl;
      if (result) {
        record.outcome = RobotsRecord::Outcome::rules;
        record.body = result->body.substr(0, kRobotsMaxBytes);
      } else if (result.error().kind == FetchError::Kind::http_4xx && result.error().status != 429) {
        // RFC 9309 2.3.1.3: an unavailable robots.txt means no restrictions.
        record.outcome = RobotsRecord::Outcome::allow_all;
      } else {
        // 2.3.1.4: unreachable means complete disallow, until the next try. A host that cannot
        // be reached at all is reported as such (dns, connect, timeout...); one that answers
        // robots.txt with a server error is a robots refusal.
        const FetchError& e = result.error();
        bool http_answer = e.kind == FetchError::Kind::http_5xx || e.kind == FetchError::Kind::http_4xx;
        record.outcome = RobotsRecord::Outcome::unreachable;
        record.error_kind = http_answer ? FetchError::Kind::robots_disallowed : e.kind;
        record.message = "robots.txt unreachable: " + e.message;
        record.expires = std::chrono::system_clock::now() + settings.robots_retry;
        log->warn("robots unreachable origin={} error=\"{}\"", origin, e.message);
      }
      apply_robots(origin, record);
      if (robots_cache) robots_cache->save(origin, record);
      pump(host);
    });
    h.waiting.push_front(Job{std::move(transfer), host, origin});
  }

  // Starts nothing new: every waiting transfer, and every one waiting to be retried, is
  // reported as cancelled; running transfers finish as usual.
  void drain() {
    if (draining || stopped) return;
    draining = true;
    log->info("draining running={}", running.size());
    for (auto& [name, host] : hosts) {
      std::deque<Job> waiting = std::move(host.waiting);
      host.waiting.clear();
      if (host.timer) host.timer->cancel();
      host.timer_armed = false;
      for (Job& job : waiting) complete(std::move(job.transfer), std::unexpected(cancelled()));
    }
    for (auto& retry_timer : retry_timers) retry_timer->cancel();
  }

  asio::io_context& io;
  FetchSettings settings;
  RobotsCache* robots_cache;
  asio::steady_timer timer;
  std::string agent_token;
  std::mt19937 random;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<CURLM, CurlMultiDeleter> multi;
  std::map<curl_socket_t, std::shared_ptr<WatchedSocket>> sockets;
  std::map<CURL*, Job> running;
  std::map<std::string, Host> hosts;                     // politeness, by host name
  std::map<std::string, RobotsState> robots_by_origin;  // robots.txt, by scheme://host:port
  std::vector<std::shared_ptr<asio::steady_timer>> retry_timers;
  std::shared_ptr<int> alive = std::make_shared<int>(0);
  bool stopped = false;
  bool draining = false;
};

FetchEngine::FetchEngine(asio::io_context& io, FetchSettings settings, RobotsCache* robots_cache)
    : impl_(std::make_unique<Impl>(io, std::move(settings), robots_cache)) {}

FetchEngine::~FetchEngine() = default;

void FetchEngine::shutdown() { impl_->shutdown(); }

void FetchEngine::drain() { impl_->drain(); }

void FetchEngine::fetch(FetchRequest request, FetchCallback done) {
  impl_->submit(std::make_unique<CurlTransfer>(std::move(request), std::move(done)));
}

std::size_t FetchEngine::running() const { return impl_->running.size(); }


}  // namespace ingest::fetch
