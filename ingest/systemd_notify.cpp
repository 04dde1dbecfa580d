#include "ingest/systemd_notify.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/datagram_protocol.hpp>

#include <cstdlib>
#include <string>

namespace ingest {

void notify_systemd(std::string_view state) {
  const char* socket_path = std::getenv("NOTIFY_SOCKET");
  if (!socket_path || !*socket_path) return;
  std::string path{socket_path};
  // An '@' prefix names a socket in the abstract namespace, whose first byte is NUL.
  if (path.front() == '@') path.front() = '\0';
  boost::asio::io_context io;
  boost::asio::local::datagram_protocol::socket socket{io};
  boost::system::error_code ec;
  socket.open(boost::asio::local::datagram_protocol{}, ec);
  if (ec) return;
  socket.send_to(boost::asio::buffer(state.data(), state.size()),
                 boost::asio::local::datagram_protocol::endpoint{path}, 0, ec);
}

}  // namespace ingest
