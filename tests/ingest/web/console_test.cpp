// ingest/web/console.cpp and its pages over real HTTP on 127.0.0.1, with a real store: logging
// in, CSRF, what hostile content turns into, bad requests, and reviewers deciding together.
// The console runs on its own thread's io_context, as in `ingest serve`; the test reads the
// store through a second connection, as another process would.
#include "ingest/web/console.h"

#include <gtest/gtest.h>

#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <filesystem>
#include <thread>

#include "store/discovery.h"
#include "store/items.h"
#include "store/review.h"
#include "store/store.h"
#include "store/users.h"
#include "tests/ingest/web/http_client.h"
#include "tests/store/store_test_support.h"
#include "tests/support/test_files.h"

namespace {

namespace web = ingest::web;
using web_test::Answer;
using web_test::cookie_of;
using web_test::field_value;
using web_test::send;

class Console : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_store(dir_ / "ingest.db");
    ASSERT_TRUE(opened) << opened.error().message;
    db_.emplace(std::move(*opened));
    ASSERT_TRUE(store::add_user(*db_, "ana", store::Role::reviewer, "ana-password"));
    ASSERT_TRUE(store::add_user(*db_, "ben", store::Role::reviewer, "ben-password"));
    ASSERT_TRUE(store::add_user(*db_, "root", store::Role::admin, "root-password"));
    first_ = item("https://example.org/news/first", "First agreement");
    second_ = item("https://example.org/news/second", "Second agreement");
    third_ = item("https://example.org/news/third", "Third agreement");
  }

  void TearDown() override {
    if (thread_.joinable()) {
      boost::asio::post(io_, [this] { server_->stop(); });
      thread_.join();
    }
  }

  // A flagged item; the store must not be in use by the server yet.
  std::int64_t item(const std::string& url, const std::string& title,
                    const std::string& body = "Cuba and Russia signed an agreement.") {
    auto found = store::add_discovered(*db_, store::DiscoveredItem{"Outlet", url, "https://example.org/feed", title,
                                                                   std::nullopt, std::nullopt, std::nullopt, "Outlet"});
    EXPECT_TRUE(found && found->is_new());
    auto processed = store_test::processed(title, true, std::nullopt, body);
    processed.body_hash = "hash-of-" + url;
    EXPECT_TRUE(store::record_item_stored(*db_, found->item_id, processed));
    return found->item_id;
  }

  void start(web::ConsoleSettings settings = {}, std::chrono::milliseconds header_timeout = std::chrono::seconds(10)) {
    if (settings.corpus.empty()) settings.corpus = dir_ / "corpus";
    auto started = web::ConsoleServer::start(io_, *db_, std::move(settings), "127.0.0.1", 0, header_timeout);
    ASSERT_TRUE(started) << started.error();
    server_ = std::move(*started);
    endpoint_ = server_->endpoint();
    thread_ = std::thread([this] { io_.run(); });
  }

  Answer get(const std::string& target, const std::string& cookie = {}) { return send(endpoint_, "GET", target, cookie); }
  Answer post(const std::string& target, const std::string& form, const std::string& cookie = {}) {
    return send(endpoint_, "POST", target, cookie, form);
  }

  // Logs in and returns the session cookie and its CSRF token.
  std::pair<std::string, std::string> log_in(const std::string& name, const std::string& password) {
    auto answer = post("/login", "username=" + name + "&password=" + password + "&next=%2F");
    EXPECT_EQ(answer.status, 303) << answer.body;
    std::string cookie = cookie_of(answer);
    std::string csrf = field_value(get("/", cookie).body, "csrf");
    EXPECT_EQ(csrf.size(), 64u);
    return {cookie, csrf};
  }

  // The store as another process sees it.
  store::Database other() {
    auto opened = store::open_store(dir_ / "ingest.db", store::StoreOptions{.access = store::Access::existing});
    EXPECT_TRUE(opened);
    return std::move(*opened);
  }
  std::string state_of(std::int64_t id) {
    auto db = other();
    auto found = store::find_item(db, id);
    return found && *found ? std::string{store::state_name((*found)->state)} : "?";
  }

  test_support::TempDir dir_;
  std::optional<store::Database> db_;
  boost::asio::io_context io_;
  std::unique_ptr<web::ConsoleServer> server_;
  boost::asio::ip::tcp::endpoint endpoint_;
  std::thread thread_;
  std::int64_t first_ = 0, second_ = 0, third_ = 0;
};

TEST_F(Console, EveryPageRequiresALoginAndSendsTheBrowserToIt) {
  start();
  auto queue = get("/");
  EXPECT_EQ(queue.status, 303);
  EXPECT_EQ(queue.header("location"), "/login?next=%2F");
  EXPECT_EQ(get("/items/1").status, 303);
  EXPECT_EQ(get("/status").status, 303);
  auto decide = post("/items/1/decide", "action=approve");
  EXPECT_EQ(decide.status, 403);
  EXPECT_EQ(state_of(first_), "flagged");
  auto login = get("/login");
  EXPECT_EQ(login.status, 200);
  EXPECT_NE(login.body.find("name=\"username\""), std::string::npos);
  EXPECT_NE(login.body.find("name=\"password\""), std::string::npos);
}

TEST_F(Console, AWrongPasswordAndAnUnknownNameAreRefusedAlikeWithoutACookie) {
  start();
  auto wrong = post("/login", "username=ana&password=nope");
  auto unknown = post("/login", "username=nobody&password=nope");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_TRUE(wrong.header("set-cookie").empty());
  EXPECT_NE(wrong.body.find("Wrong name or password"), std::string::npos);
  EXPECT_NE(unknown.body.find("Wrong name or password"), std::string::npos);
}

TEST_F(Console, LoggingInSetsAStrictHttpOnlyRandomCookieAndOpensTheQueue) {
  start();
  auto answer = post("/login", "username=ana&password=ana-password&next=%2F");
  ASSERT_EQ(answer.status, 303);
  EXPECT_EQ(answer.header("location"), "/");
  const std::string cookie = answer.header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);
  EXPECT_EQ(cookie_of(answer).size(), std::string{"ingest_session="}.size() + 64);
  auto queue = get("/", cookie_of(answer));
  EXPECT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("First agreement"), std::string::npos);
  EXPECT_NE(queue.body.find("Third agreement"), std::string::npos);
}

TEST_F(Console, SecureCookiesAreMarkedSecureWhenConfigured) {
  web::ConsoleSettings settings;
  settings.secure_cookies = true;
  start(std::move(settings));
  auto answer = post("/login", "username=ana&password=ana-password");
  ASSERT_EQ(answer.status, 303);
  EXPECT_NE(answer.header("set-cookie").find("; Secure"), std::string::npos);
}

TEST_F(Console, ALoginMayOnlyGoOnToAPageOfThisSite) {
  start();
  EXPECT_EQ(post("/login", "username=ana&password=ana-password&next=%2F%2Fevil.example%2F").header("location"), "/");
  EXPECT_EQ(post("/login", "username=ana&password=ana-password&next=https%3A%2F%2Fevil.example").header("location"), "/");
  EXPECT_EQ(post("/login", "username=ana&password=ana-password&next=%2Fstatus").header("location"), "/status");
}

TEST_F(Console, FailedLoginsInARowSlowTheAccountEvenWithTheRightPassword) {
  start();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(post("/login", "username=ana&password=guess").status, 401);
  auto slowed = post("/login", "username=ana&password=guess");
  EXPECT_EQ(slowed.status, 401);  // the fourth still counts: the wait starts after it
  auto right = post("/login", "username=ana&password=ana-password");
  EXPECT_EQ(right.status, 429);
  EXPECT_FALSE(right.header("retry-after").empty());
  EXPECT_TRUE(right.header("set-cookie").empty());
}

TEST_F(Console, AFormWithoutTheCsrfTokenChangesNothing) {
  start();
  auto [cookie, csrf] = log_in("ana", "ana-password");
  auto refused = post("/items/" + std::to_string(first_) + "/decide", "action=approve&back=", cookie);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(state_of(first_), "flagged");
  auto wrong = post("/items/" + std::to_string(first_) + "/decide", "action=approve&csrf=" + std::string(64, 'a'), cookie);
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(state_of(first_), "flagged");
}

TEST_F(Console, ACsrfTokenFromAnotherSessionIsRefused) {
  start();
  auto [ana_cookie, ana_csrf] = log_in("ana", "ana-password");
  auto [ben_cookie, ben_csrf] = log_in("ben", "ben-password");
  EXPECT_NE(ana_csrf, ben_csrf);
  auto refused = post("/items/" + std::to_string(first_) + "/decide", "action=approve&csrf=" + ana_csrf, ben_cookie);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(state_of(first_), "flagged");
  auto logout = post("/logout", "csrf=" + ana_csrf, ben_cookie);
  EXPECT_EQ(logout.status, 403);
}

TEST_F(Console, ApprovingRecordsTheUserAndOpensTheNextItemOfTheListing) {
  start();
  auto [cookie, csrf] = log_in("ana", "ana-password");
  // Arrival order, newest first: third, second, first.
  auto answer = post("/items/" + std::to_string(second_) + "/decide",
                     "action=approve&note=on+topic&back=&csrf=" + csrf, cookie);
  ASSERT_EQ(answer.status, 303) << answer.body;
  EXPECT_EQ(answer.header("location"), "/items/" + std::to_string(first_));
  auto db = other();
  auto item = store::find_item(db, second_);
  ASSERT_TRUE(item && *item);
  EXPECT_EQ((*item)->state, store::ItemState::approved);
  ASSERT_EQ((*item)->decisions.size(), 1u);
  EXPECT_EQ((*item)->decisions[0].user, "ana");
  EXPECT_EQ((*item)->decisions[0].note, "on topic");
  auto page = get("/", cookie);
  EXPECT_NE(page.body.find("Your last decisions"), std::string::npos);
  EXPECT_NE(page.body.find("/items/" + std::to_string(second_) + "/undo"), std::string::npos);
}

TEST_F(Console, ASecondReviewerSeesWhoDecidedInsteadOfOverwritingIt) {
  start();
  auto [ana, ana_csrf] = log_in("ana", "ana-password");
  auto [ben, ben_csrf] = log_in("ben", "ben-password");
  const std::string target = "/items/" + std::to_string(first_) + "/decide";
  ASSERT_EQ(post(target, "action=approve&csrf=" + ana_csrf, ana).status, 303);
  auto second = post(target, "action=reject&csrf=" + ben_csrf, ben);
  EXPECT_EQ(second.status, 409);
  EXPECT_NE(second.body.find("approved by ana at "), std::string::npos);
  EXPECT_EQ(state_of(first_), "approved");
  auto db = other();
  EXPECT_EQ((*store::find_item(db, first_))->decisions.size(), 1u);
}

TEST_F(Console, OnlyTheAuthorOrAnAdminCanUndoADecision) {
  start();
  auto [ana, ana_csrf] = log_in("ana", "ana-password");
  auto [ben, ben_csrf] = log_in("ben", "ben-password");
  auto [root, root_csrf] = log_in("root", "root-password");
  const std::string id = std::to_string(first_);
  ASSERT_EQ(post("/items/" + id + "/decide", "action=reject&csrf=" + ana_csrf, ana).status, 303);
  auto refused = post("/items/" + id + "/undo", "csrf=" + ben_csrf, ben);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(state_of(first_), "rejected");
  auto undone = post("/items/" + id + "/undo", "csrf=" + root_csrf, root);
  EXPECT_EQ(undone.status, 303);
  EXPECT_EQ(undone.header("location"), "/items/" + id);
  EXPECT_EQ(state_of(first_), "flagged");
}

TEST_F(Console, SeveralSelectedItemsAreDecidedAtOnce) {
  start();
  auto [cookie, csrf] = log_in("ana", "ana-password");
  auto answer = post("/decide",
                     "action=reject&ids=" + std::to_string(first_) + "&ids=" + std::to_string(third_) + "&back=&csrf=" + csrf,
                     cookie);
  ASSERT_EQ(answer.status, 303) << answer.body;
  EXPECT_EQ(answer.header("location"), "/?decided=2&skipped=0");
  EXPECT_EQ(state_of(first_), "rejected");
  EXPECT_EQ(state_of(second_), "flagged");
  EXPECT_EQ(state_of(third_), "rejected");
  EXPECT_NE(get(answer.header("location"), cookie).body.find("2 decided"), std::string::npos);
}

TEST_F(Console, HostileTitlesBodiesAndUrlsAreRenderedInert) {
  auto hostile = item("javascript:alert(1)", "<script>alert('title')</script>",
                      "Cuba and Russia signed <img src=x onerror=alert(2)> an agreement.");
  start();
  auto [cookie, csrf] = log_in("ana", "ana-password");
  for (const std::string& target : {std::string{"/"}, "/items/" + std::to_string(hostile)}) {
    auto page = get(target, cookie);
    ASSERT_EQ(page.status, 200) << target;
    EXPECT_EQ(page.body.find("<script>alert"), std::string::npos) << target;
    EXPECT_EQ(page.body.find("<img src=x"), std::string::npos) << target;
    EXPECT_EQ(page.body.find("href=\"javascript:"), std::string::npos) << target;
    EXPECT_NE(page.body.find("&lt;script&gt;alert("), std::string::npos) << target;
    EXPECT_NE(page.header("content-security-policy").find("default-src 'self'"), std::string::npos);
    EXPECT_NE(page.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
    EXPECT_FALSE(page.header("referrer-policy").empty());
  }
  auto item_page = get("/items/" + std::to_string(hostile), cookie);
  EXPECT_NE(item_page.body.find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
  EXPECT_NE(item_page.body.find("javascript:alert(1)"), std::string::npos);  // shown as text
}

TEST_F(Console, UnknownItemsAndPagesAre404) {
  start();
  auto [cookie, csrf] = log_in("ana", "ana-password");
  auto missing = get("/items/99999", cookie);
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("no item 99999"), std::string::npos);
  EXPECT_EQ(get("/nowhere", cookie).status, 404);
  EXPECT_EQ(get("/items/abc", cookie).status, 404);
  EXPECT_EQ(post("/items/99999/decide", "action=approve&csrf=" + csrf, cookie).status, 404);
}

TEST_F(Console, MalformedFormsAndFiltersAre400) {
  start();
  auto [cookie, csrf] = log_in("ana", "ana-password");
  const std::string target = "/items/" + std::to_string(first_) + "/decide";
  EXPECT_EQ(post(target, "action=approve&note=%zz&csrf=" + csrf, cookie).status, 400);
  EXPECT_EQ(post(target, "action=maybe&csrf=" + csrf, cookie).status, 400);
  EXPECT_EQ(send(endpoint_, "POST", target, cookie, "", {{"Content-Type", "text/plain"}}).status, 400);
  EXPECT_EQ(post("/decide", "action=approve&ids=x&csrf=" + csrf, cookie).status, 400);
  EXPECT_EQ(get("/?sort=sideways", cookie).status, 400);
  EXPECT_EQ(get("/?since=yesterday", cookie).status, 400);
  EXPECT_EQ(state_of(first_), "flagged");
}

TEST_F(Console, GetNeverChangesAnything) {
  start();
  auto [cookie, csrf] = log_in("ana", "ana-password");
  auto answer = get("/items/" + std::to_string(first_) + "/decide?action=approve&csrf=" + csrf, cookie);
  EXPECT_EQ(answer.status, 405);
  EXPECT_EQ(answer.header("allow"), "POST");
  EXPECT_EQ(state_of(first_), "flagged");
}

TEST_F(Console, ABodyOver64KiBIs413AndTheServerGoesOn) {
  start();
  auto [cookie, csrf] = log_in("ana", "ana-password");
  auto big = post("/items/" + std::to_string(first_) + "/decide",
                  "action=approve&csrf=" + csrf + "&note=" + std::string(70 * 1024, 'x'), cookie);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(state_of(first_), "flagged");
  EXPECT_EQ(get("/", cookie).status, 200);
}

TEST_F(Console, AClientSendingItsHeadersTooSlowlyIsCutOffWithoutDisturbingOthers) {
  start({}, std::chrono::milliseconds(300));
  auto [cookie, csrf] = log_in("ana", "ana-password");
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket slow(io);
  slow.connect(endpoint_);
  boost::asio::write(slow, boost::asio::buffer(std::string{"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"}));
  // Others are served meanwhile.
  EXPECT_EQ(get("/", cookie).status, 200);
  // The server closes the slow one: the read ends without an answer.
  std::array<char, 256> buffer{};
  boost::system::error_code error;
  std::size_t read = boost::asio::read(slow, boost::asio::buffer(buffer), error);
  EXPECT_EQ(read, 0u);
  EXPECT_EQ(error, boost::asio::error::eof);
  EXPECT_EQ(get("/", cookie).status, 200);
}

TEST_F(Console, LoggingOutEndsTheSession) {
  start();
  auto [cookie, csrf] = log_in("ana", "ana-password");
  auto out = post("/logout", "csrf=" + csrf, cookie);
  EXPECT_EQ(out.status, 303);
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(get("/", cookie).status, 303);
}

TEST_F(Console, OnlyAnAdminCanExportFromTheStatusPage) {
  start();
  auto [ana, ana_csrf] = log_in("ana", "ana-password");
  auto [root, root_csrf] = log_in("root", "root-password");
  ASSERT_EQ(post("/items/" + std::to_string(first_) + "/decide", "action=approve&csrf=" + ana_csrf, ana).status, 303);
  auto status = get("/status", ana);
  EXPECT_EQ(status.status, 200);
  EXPECT_EQ(status.body.find("action=\"/export\""), std::string::npos);
  EXPECT_EQ(post("/export", "csrf=" + ana_csrf, ana).status, 403);
  EXPECT_NE(get("/status", root).body.find("action=\"/export\""), std::string::npos);
  auto exported = post("/export", "csrf=" + root_csrf, root);
  EXPECT_EQ(exported.status, 200) << exported.body;
  EXPECT_NE(exported.body.find("1 file(s) written to"), std::string::npos);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_ / "corpus"), std::filesystem::directory_iterator{}),
            2);  // the document and the manifest
  EXPECT_EQ(state_of(first_), "exported");
}

TEST_F(Console, TheStylesheetAndScriptAreServedFromTheProgram) {
  start();
  auto css = get("/static/console.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  auto js = get("/static/console.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_NE(js.body.find("keydown"), std::string::npos);
}

TEST_F(Console, DecisionsSucceedWhileAnotherProcessKeepsWriting) {
  start();
  auto [cookie, csrf] = log_in("ana", "ana-password");
  std::vector<std::int64_t> ids;
  {
    // Items added through another connection while the console runs, as a pass would.
    auto writer = other();
    for (int i = 0; i < 20; ++i) {
      auto found = store::add_discovered(writer, store::DiscoveredItem{"Outlet", "https://example.org/w/" + std::to_string(i),
                                                                       "https://example.org/feed", "w", std::nullopt,
                                                                       std::nullopt, std::nullopt, "Outlet"});
      ASSERT_TRUE(found);
      auto p = store_test::processed("w" + std::to_string(i), true);
      p.body_hash = "w" + std::to_string(i);
      ASSERT_TRUE(store::record_item_stored(writer, found->item_id, p));
      ids.push_back(found->item_id);
    }
  }
  std::atomic<bool> done{false};
  std::atomic<int> writes{0};
  std::thread pass([&] {
    auto writer = other();
    int n = 0;
    while (!done) {
      auto found = store::add_discovered(writer, store::DiscoveredItem{"Outlet", "https://example.org/p/" + std::to_string(n++),
                                                                       "https://example.org/feed", "p", std::nullopt,
                                                                       std::nullopt, std::nullopt, "Outlet"});
      if (found) ++writes;
    }
  });
  int ok = 0;
  for (auto id : ids)
    if (post("/items/" + std::to_string(id) + "/decide", "action=approve&csrf=" + csrf, cookie).status == 303) ++ok;
  done = true;
  pass.join();
  EXPECT_EQ(ok, 20);
  EXPECT_GT(writes.load(), 0);
}

}  // namespace
