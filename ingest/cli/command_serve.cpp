// ingest serve: the review console (ingest/web) on its own, without passes. SIGINT or
// SIGTERM stops it. It tells systemd (Type=notify) when it listens.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <iostream>

#include "ingest/cli/command_support.h"
#include "ingest/cli/commands.h"
#include "ingest/daemon/systemd_notify.h"
#include "ingest/log/log.h"
#include "ingest/pipeline/config.h"
#include "ingest/web/console.h"

namespace ingest::cli {

int command_serve(const CommandLine& cli) {
  auto config = optional_config(cli);
  if (!config) return report(config.error());
  pipeline::WebSettings web = *config ? (*config)->web : pipeline::WebSettings{};
  std::string address = web.listen_address.value_or("127.0.0.1");
  std::uint16_t port = web.listen_port;
  if (cli.listen) {
    auto split = pipeline::split_listen_address(*cli.listen);
    if (!split) return report(usage_failure(cli, "--listen " + *cli.listen + ": expected HOST:PORT such as 127.0.0.1:8080"));
    address = split->first;
    port = split->second;
  }
  // The console only reads and decides; it never creates a store.
  auto db = open_database(cli, store::Access::existing);
  if (!db) return report(db.error());

  boost::asio::io_context io;
  web::ConsoleSettings settings;
  settings.corpus = *config ? (*config)->corpus : std::filesystem::path{};
  settings.secure_cookies = web.secure_cookies;
  settings.session_lifetime = web.session_lifetime;
  auto server = web::ConsoleServer::start(io, *db, std::move(settings), address, port);
  if (!server) return report(CommandFailure{kExitFailure, server.error()});
  const auto endpoint = (*server)->endpoint();
  const std::string host = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                                      : endpoint.address().to_string();
  log::logger("web")->info("console listening address={}:{} database={}", host, endpoint.port(), db->file_name());
  // Said on stdout too, for the person who started it (and for tests that ask for port 0).
  std::cout << "review console on http://" << host << ":" << endpoint.port() << "/" << std::endl;
  // Under systemd (Type=notify) the unit is up once the console listens.
  daemon::notify_systemd("READY=1\nSTATUS=review console on " + host + ":" + std::to_string(endpoint.port()));

  boost::asio::signal_set stop(io, SIGINT, SIGTERM);
  stop.async_wait([&](const boost::system::error_code& error, int signal) {
    if (error) return;
    log::logger("web")->info("stopping signal={}", signal);
    daemon::notify_systemd("STOPPING=1");
    (*server)->stop();
  });
  io.run();
  return kExitOk;
}

}  // namespace ingest::cli
