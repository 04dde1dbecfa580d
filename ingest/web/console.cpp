#include "ingest/web/console.h"

#include <boost/asio/post.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "ingest/log/log.h"
#include "ingest/web/embedded.h"
#include "ingest/web/form.h"
#include "ingest/web/item_page.h"
#include "ingest/web/listing_params.h"
#include "ingest/web/pages.h"
#include "ingest/web/queue_page.h"
#include "ingest/web/responses.h"
#include "ingest/web/status_page.h"
#include "store/sessions.h"

namespace ingest::web {
namespace {

namespace http = boost::beast::http;
namespace asio = boost::asio;

// Equal without an early exit, so the time taken does not tell how much of a token matched.
bool same_token(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) differ |= static_cast<unsigned char>(a[i] ^ b[i]);
  return differ == 0;
}

bool is_token(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Where a login may send the browser on: a path of this site, never another one ("//host",
// "/\host", a scheme), with nothing a Location header could be split on.
std::string safe_next(const std::string& next) {
  if (next.empty() || next.front() != '/' || next.size() > 2000) return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
  for (unsigned char c : next)
    if (c <= 0x20 || c >= 0x7f) return "/";
  return next;
}

bool is_form(const httpd::Request& request) {
  std::string type{request[http::field::content_type]};
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type.rfind("application/x-www-form-urlencoded", 0) == 0;
}

bool is_read(const httpd::Request& request) {
  return request.method() == http::verb::get || request.method() == http::verb::head;
}

// A route with the item id when the path is /items/ID or /items/ID/<action>.
struct Route {
  std::string_view path;
  std::optional<std::int64_t> item;
  std::string_view action;  // "", "decide", "undo"
};

Route route_of(std::string_view path) {
  Route route{path, std::nullopt, {}};
  constexpr std::string_view prefix = "/items/";
  if (path.rfind(prefix, 0) != 0) return route;
  std::string_view rest = path.substr(prefix.size());
  auto slash = rest.find('/');
  auto id = whole_number(rest.substr(0, slash));
  if (!id || *id == 0) return route;
  route.item = id;
  route.action = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  return route;
}

httpd::Response not_allowed(const httpd::Request& request, std::string_view allow) {
  auto response = html(http::status::method_not_allowed, "<!doctype html><title>405</title><p>Method not allowed.</p>",
                       request);
  response.set(http::field::allow, allow);
  return response;
}

}  // namespace

std::shared_ptr<Console> Console::create(asio::io_context& io, store::Database& db, ConsoleSettings settings) {
  return std::shared_ptr<Console>(new Console(io, db, std::move(settings)));
}

Console::Console(asio::io_context& io, store::Database& db, ConsoleSettings settings)
    : io_(io), db_(db), settings_(std::move(settings)) {}

Console::~Console() { hasher_.join(); }

void Console::handle(const httpd::Request& request, const asio::ip::tcp::endpoint& peer, httpd::Reply reply) {
  try {
    if (path_of(request.target()) == "/login" && request.method() == http::verb::post)
      return log_in(request, peer, std::move(reply));
    const auto started = std::chrono::steady_clock::now();
    auto response = answer(request);
    // The time the page took here (W3C Server-Timing): browsers' tools show it, and
    // bench/console_benchmark reads it.
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - started;
    char timing[48];
    std::snprintf(timing, sizeof timing, "app;dur=%.2f", took.count());
    response.set("Server-Timing", timing);
    reply(std::move(response));
  } catch (const std::exception& failure) {
    // A bug in a page must cost that request only.
    log::logger("web")->error("request failed target=\"{}\" error=\"{}\"", log::bounded(request.target()),
                              log::bounded(failure.what()));
    reply(html(http::status::internal_server_error, "<!doctype html><title>500</title><p>Internal error.</p>", request));
  }
}

httpd::Response Console::answer(const httpd::Request& request) {
  const std::string_view target = request.target();
  const std::string_view path = path_of(target);
  const Route route = route_of(path);

  // Browsers ask for it unbidden; the console has none, and says so without an error.
  if (path == "/favicon.ico") {
    auto none = asset("image/x-icon", "", request);
    none.result(http::status::no_content);
    return none;
  }
  if (path == "/static/console.css" || path == "/static/console.js") {
    if (!is_read(request)) return not_allowed(request, "GET, HEAD");
    return path.ends_with(".css") ? asset("text/css; charset=utf-8", embedded::console_css, request)
                                  : asset("text/javascript; charset=utf-8", embedded::console_js, request);
  }

  // Who is asking: the session the cookie names, if it is still open.
  std::optional<store::Session> session;
  if (auto token = cookie_value(request[http::field::cookie], kSessionCookie); token && is_token(*token)) {
    auto found = store::find_session(db_, *token);
    if (!found) {
      Context bare{db_, views_, settings_, request, nullptr};
      return store_failure(bare, found.error());
    }
    session = std::move(*found);
  }
  Context context{db_, views_, settings_, request, session ? &*session : nullptr};

  if (path == "/login") {
    if (!is_read(request)) return not_allowed(request, "GET, HEAD, POST");
    if (session) return see_other("/", request);
    auto query = parse_form(query_of(target));
    return login_page(request, http::status::ok, "", "", query ? query->get("next").value_or("/") : "/");
  }

  const bool known = path == "/" || path == "/logout" || path == "/decide" || path == "/status" || path == "/export" ||
                     (route.item && (route.action.empty() || route.action == "decide" || route.action == "undo"));
  if (!known) return message_page(context, http::status::not_found, "Not found", "There is no page at this address.");

  if (!session) {
    if (is_read(request)) return see_other("/login?next=" + url_encode(target), request);
    return message_page(context, http::status::forbidden, "Logged out",
                        "Your session has ended; log in again and repeat what you did.", "/login", "log in");
  }

  if (is_read(request)) {
    auto query = parse_form(query_of(target));
    if (!query) return message_page(context, http::status::bad_request, "Bad address", query.error());
    if (path == "/") return show_listing(context, *query);
    if (path == "/status") return show_status(context);
    if (route.item && route.action.empty()) {
      auto listing = parse_listing(*query);
      if (!listing) return message_page(context, http::status::bad_request, "Bad filter", listing.error());
      return show_item(context, *route.item, *listing);
    }
    return not_allowed(request, "POST");
  }
  if (request.method() != http::verb::post)
    return not_allowed(request, path == "/" || path == "/status" || route.action.empty() ? "GET, HEAD" : "POST");
  if (path == "/" || path == "/status" || (route.item && route.action.empty())) return not_allowed(request, "GET, HEAD");

  // Every change: a form from a page of this site, carrying this session's token.
  if (request["Sec-Fetch-Site"] == "cross-site")
    return message_page(context, http::status::forbidden, "Refused", "A form from another site cannot act here.");
  if (!is_form(request))
    return message_page(context, http::status::bad_request, "Bad form",
                        "Expected a form (application/x-www-form-urlencoded).");
  auto form = parse_form(request.body());
  if (!form) return message_page(context, http::status::bad_request, "Bad form", form.error());
  auto csrf = form->get("csrf");
  if (!csrf || !same_token(*csrf, session->csrf))
    return message_page(context, http::status::forbidden, "Refused",
                        "This form's security token is missing or belongs to another session. Reload the page and "
                        "try again.");

  if (path == "/logout") {
    if (auto token = cookie_value(request[http::field::cookie], kSessionCookie)) {
      if (auto ended = store::end_session(db_, *token); !ended) return store_failure(context, ended.error());
    }
    log::logger("web")->info("logged out user={}", session->user.name);
    auto response = see_other("/login", request);
    response.set(http::field::set_cookie, session_cookie("", settings_.secure_cookies, 0));
    return response;
  }
  if (path == "/decide") return decide_selected(context, *form);
  if (path == "/export") return export_now(context);
  if (route.action == "decide") return decide_item(context, *route.item, *form);
  return undo_item(context, *route.item, *form);
}

httpd::Response Console::login_page(const httpd::Request& request, http::status status, const std::string& error,
                                    const std::string& username, const std::string& next) {
  Data data;
  if (!error.empty()) data.set("error", error);
  data.set("username", username);
  data.set("next", safe_next(next));
  Frame frame;
  frame.title = "Log in";
  frame.page = "login";
  return html(status, views_.page(frame, views_.render(Template::login, data)), request);
}

void Console::log_in(const httpd::Request& request, const asio::ip::tcp::endpoint& peer, httpd::Reply reply) {
  if (request["Sec-Fetch-Site"] == "cross-site")
    return reply(login_page(request, http::status::forbidden, "A login form from another site is refused.", "", "/"));
  if (!is_form(request)) return reply(login_page(request, http::status::bad_request, "Expected a form.", "", "/"));
  auto form = parse_form(request.body());
  if (!form) return reply(login_page(request, http::status::bad_request, "Bad form: " + form.error(), "", "/"));
  auto username = form->get("username");
  auto password = form->get("password");
  const std::string next = form->get("next").value_or("/");
  if (!username || !password || username->empty() || password->empty())
    return reply(login_page(request, http::status::bad_request, "Give a name and a password.",
                            username.value_or(""), next));
  const std::string address = peer.address().to_string();
  // The brake: while either the name or the address must wait, no password is checked.
  std::chrono::seconds wait{0};
  for (const std::string& subject : {"user:" + *username, "address:" + address}) {
    auto w = store::login_wait(db_, subject);
    if (!w) {
      Context bare{db_, views_, settings_, request, nullptr};
      return reply(store_failure(bare, w.error()));
    }
    wait = std::max(wait, *w);
  }
  if (wait.count() > 0) {
    auto response = login_page(request, http::status::too_many_requests,
                               "Too many failed logins. Try again in " + std::to_string(wait.count()) + " s.",
                               *username, next);
    response.set(http::field::retry_after, std::to_string(wait.count()));
    return reply(std::move(response));
  }
  auto credentials = store::find_credentials(db_, *username);
  if (!credentials) {
    Context bare{db_, views_, settings_, request, nullptr};
    return reply(store_failure(bare, credentials.error()));
  }
  // Argon2id takes tens of milliseconds: on the worker, then back on the io thread.
  auto copy = std::make_shared<httpd::Request>(request);
  asio::post(hasher_, [weak = weak_from_this(), &io = io_, copy, name = *username, address,
                       credentials = std::move(*credentials), password = std::move(*password), next,
                       reply = std::move(reply)]() mutable {
    const bool matches = store::password_matches(credentials, password);
    const std::optional<std::int64_t> user_id =
        matches ? std::optional<std::int64_t>{credentials->user.id} : std::nullopt;
    asio::post(io, [weak, copy, name, address, user_id, next, reply = std::move(reply)] {
      if (auto self = weak.lock()) self->finish_log_in(*copy, name, address, user_id, next, reply);
    });
  });
}

void Console::finish_log_in(const httpd::Request& request, const std::string& username, const std::string& address,
                            std::optional<std::int64_t> user_id, const std::string& next, const httpd::Reply& reply) {
  Context bare{db_, views_, settings_, request, nullptr};
  if (!user_id) {
    for (const std::string& subject : {"user:" + username, "address:" + address})
      if (auto r = store::record_login_failure(db_, subject); !r) return reply(store_failure(bare, r.error()));
    log::logger("web")->warn("login failed user=\"{}\" address={}", log::bounded(username, 64), address);
    return reply(login_page(request, http::status::unauthorized, "Wrong name or password.", username, next));
  }
  for (const std::string& subject : {"user:" + username, "address:" + address})
    if (auto r = store::clear_login_failures(db_, subject); !r) return reply(store_failure(bare, r.error()));
  auto opened = store::start_session(db_, *user_id, settings_.session_lifetime);
  if (!opened) return reply(store_failure(bare, opened.error()));
  log::logger("web")->info("logged in user={} address={}", username, address);
  auto response = see_other(safe_next(next), request);
  response.set(http::field::set_cookie,
               session_cookie(opened->token, settings_.secure_cookies, static_cast<long>(settings_.session_lifetime.count())));
  reply(std::move(response));
}

std::expected<std::unique_ptr<ConsoleServer>, std::string> ConsoleServer::start(asio::io_context& io,
                                                                                store::Database& db,
                                                                                ConsoleSettings settings,
                                                                                const std::string& address,
                                                                                std::uint16_t port,
                                                                                std::chrono::milliseconds header_timeout) {
  auto console = Console::create(io, db, std::move(settings));
  if (auto broken = console->broken_template()) return std::unexpected("console template " + *broken);
  httpd::Settings server{.what = "the review console",
                         .address = address,
                         .port = port,
                         .loopback_only = false,
                         // A browser sends its head at once; one that trickles it is cut off.
                         .header_timeout = header_timeout,
                         .transfer_timeout = std::chrono::seconds(30),
                         .max_header_bytes = 16 * 1024,
                         .max_body_bytes = kMaxBodyBytes,
                         .max_connections = 256};
  auto started = httpd::Server::start(io, std::move(server),
                                      [console](const httpd::Request& request, const asio::ip::tcp::endpoint& peer,
                                                httpd::Reply reply) { console->handle(request, peer, std::move(reply)); });
  if (!started) return std::unexpected(started.error().message);
  return std::unique_ptr<ConsoleServer>(new ConsoleServer(std::move(console), std::move(*started)));
}

}  // namespace ingest::web
