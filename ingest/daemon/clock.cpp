#include "ingest/daemon/clock.h"

#include <boost/asio/steady_timer.hpp>

namespace ingest::daemon {
namespace {

class SteadyTimer : public Timer {
 public:
  explicit SteadyTimer(boost::asio::io_context& io) : timer_(io) {}
  void wait(std::chrono::milliseconds delay, std::function<void()> handler) override {
    timer_.expires_after(delay);
    timer_.async_wait([handler = std::move(handler)](const boost::system::error_code& ec) {
      if (!ec) handler();
    });
  }
  void cancel() override { timer_.cancel(); }

 private:
  boost::asio::steady_timer timer_;
};

class SystemClock : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
  std::unique_ptr<Timer> make_timer(boost::asio::io_context& io) override { return std::make_unique<SteadyTimer>(io); }
};

}  // namespace

Clock& system_clock() {
  static SystemClock clock;
  return clock;
}

}  // namespace ingest::daemon
