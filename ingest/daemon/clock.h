#pragma once
// The daemon's sense of time: what time it is, and timers that fire after a delay. The real
// clock is the system clock with Asio's steady timers; tests put a fake one in its place and
// move time forward themselves, so a test of the schedule never waits for it.
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <memory>

namespace ingest::daemon {

// One pending wait at a time; a new wait replaces the one pending. Handlers run on the
// io_context the clock was made with, never inside wait() or cancel().
class Timer {
 public:
  virtual ~Timer() = default;
  // Calls `handler` once `delay` has passed, unless cancelled first (then never).
  virtual void wait(std::chrono::milliseconds delay, std::function<void()> handler) = 0;
  virtual void cancel() = 0;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
  // A timer on `io`; it must not outlive `io` or the clock.
  virtual std::unique_ptr<Timer> make_timer(boost::asio::io_context& io) = 0;
};

// The system clock and boost::asio::steady_timer.
Clock& system_clock();

}  // namespace ingest::daemon
