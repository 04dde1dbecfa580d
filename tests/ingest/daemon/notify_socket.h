#pragma once
// A datagram socket standing in for systemd's notification socket ($NOTIFY_SOCKET), for the
// daemon's tests in the process and through the program.
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace test_support {

// A datagram socket standing in for systemd's notification socket.
class NotifySocket {
 public:
  explicit NotifySocket(std::filesystem::path path) : path_(std::move(path)) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path_.c_str());
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
      throw std::runtime_error("cannot bind " + path_.string());
  }
  ~NotifySocket() {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  const std::filesystem::path& path() const { return path_; }

  // The messages received until one contains `wanted` or `timeout` passes; whether it came.
  bool wait_for(std::string_view wanted, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd ready{fd_, POLLIN, 0};
      if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) continue;
      char buffer[4096];
      auto n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) continue;
      std::string message(buffer, static_cast<std::size_t>(n));
      received_.push_back(message);
      if (message.find(wanted) != std::string::npos) return true;
    }
  }
  const std::vector<std::string>& received() const { return received_; }
  // Every message that has arrived, without waiting.
  const std::vector<std::string>& drain() {
    while (true) {
      char buffer[4096];
      auto n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n <= 0) return received_;
      received_.emplace_back(buffer, static_cast<std::size_t>(n));
    }
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::vector<std::string> received_;
};


}  // namespace test_support
