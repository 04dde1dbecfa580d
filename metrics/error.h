#pragma once
// Errors that cross the metrics module's boundary. Every fallible function here returns
// std::expected<T, metrics::Error>; nothing in this module throws on bad input.
#include <string>

namespace metrics {

struct Error {
  enum class Code {
    invalid_name,      // a metric or label name the exposition format does not allow
    invalid_help,      // help text that is not valid UTF-8
    duplicate_name,    // a metric family of that name is already registered
    bad_address,       // the listen address is not a numeric IP address
    not_loopback,      // the listen address is not 127.0.0.0/8 or ::1
    listen_failed,     // the socket could not be opened, bound or put to listening
    process_unreadable,  // /proc/self could not be read or did not parse
  };
  Code code;
  std::string message;
};

}  // namespace metrics
