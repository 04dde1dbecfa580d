#pragma once
// Errors that cross the httpd module's boundary.
#include <string>

namespace httpd {

struct Error {
  enum class Code {
    bad_address,    // the listen address is not a numeric IP address
    not_loopback,   // the address is not 127.0.0.0/8 or ::1, and only loopback is allowed
    listen_failed,  // the socket could not be opened, bound or put to listening
  };
  Code code;
  std::string message;
};

}  // namespace httpd
