#pragma once
// What every page handler of the console works with: the store, the templates, the request
// being answered, and the logged-in session. One per request, on the io_context's thread.
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "httpd/server.h"
#include "ingest/web/views.h"
#include "store/database.h"
#include "store/sessions.h"

namespace ingest::web {

struct ConsoleSettings {
  std::filesystem::path corpus;  // where an admin's export writes; empty: export is off
  bool secure_cookies = false;   // the cookie carries Secure (the console is behind HTTPS)
  std::chrono::seconds session_lifetime{12 * 3600};
  // The daemon's last pass in words, for the status page; unset in `ingest serve`, which
  // shows the newest source check instead.
  std::function<std::optional<std::string>()> last_pass;
};

struct Context {
  store::Database& db;
  Views& views;
  const ConsoleSettings& settings;
  const httpd::Request& request;
  const store::Session* session;  // null before login (the login page, refusals)
};

}  // namespace ingest::web
