// fixture-server --root DIR [--port N] [--address A]
//
// Serves DIR with test_support::FixtureServer until SIGINT or SIGTERM, for trying the
// pipeline by hand against the test fixtures. A is a loopback address, 127.0.0.1 by
// default. Prints "listening http://A:PORT" once it is ready; exits 0 on a signal and 2 on
// bad arguments or an address or port it cannot bind.
#include "tests/support/fixture_server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <charconv>
#include <csignal>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace {

constexpr int kUsageError = 2;
constexpr std::string_view kUsage =
    "usage: fixture-server --root DIR [--port N] [--address A]\n";

struct Options {
  std::filesystem::path root;
  std::uint16_t port = 0;
  std::string address = "127.0.0.1";
};

std::optional<std::uint16_t> parse_port(std::string_view text) {
  std::uint16_t port = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return port;
}

// Reports what is wrong itself, so that main only has to pick the exit code.
std::optional<Options> parse_options(int argc, char** argv) {
  Options options;
  bool have_root = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc || (flag != "--root" && flag != "--port" && flag != "--address")) {
      std::cerr << "fixture-server: unexpected argument '" << flag << "'\n" << kUsage;
      return std::nullopt;
    }
    const std::string_view value = argv[++i];
    if (flag == "--root") {
      options.root = value;
      have_root = true;
    } else if (flag == "--address") {
      // Checked by the server, which knows which addresses it accepts.
      options.address = value;
    } else if (const auto port = parse_port(value)) {
      options.port = *port;
    } else {
      std::cerr << "fixture-server: bad port '" << value << "'\n" << kUsage;
      return std::nullopt;
    }
  }
  if (!have_root) {
    std::cerr << "fixture-server: --root is required\n" << kUsage;
    return std::nullopt;
  }
  std::error_code error;
  if (!std::filesystem::is_directory(options.root, error)) {
    std::cerr << "fixture-server: " << options.root << " is not a directory\n";
    return std::nullopt;
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = parse_options(argc, argv);
  if (!options) return kUsageError;

  // The signals are claimed before the ready line goes out, so a caller that signals as
  // soon as it reads the line cannot kill the process with the default action.
  boost::asio::io_context signals_context;
  boost::asio::signal_set signals(signals_context, SIGINT, SIGTERM);
  signals.async_wait([](const boost::system::error_code&, int) {});

  try {
    const test_support::FixtureServer server(options->root, options->port, options->address);
    std::cout << "listening " << server.origin() << std::endl;
    signals_context.run();
  } catch (const std::invalid_argument& failure) {
    std::cerr << "fixture-server: " << failure.what() << '\n' << kUsage;
    return kUsageError;
  } catch (const std::exception& failure) {
    std::cerr << "fixture-server: " << failure.what() << '\n';
    return kUsageError;
  }
  return 0;
}
