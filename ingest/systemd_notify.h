#pragma once
// The sd_notify protocol without libsystemd: one datagram to $NOTIFY_SOCKET.
#include <string_view>

namespace ingest {

// Sends a state line such as "READY=1" when running under systemd with Type=notify;
// does nothing otherwise. Failures are ignored: notification is best effort.
void notify_systemd(std::string_view state);

}  // namespace ingest
