#include "tests/support/fixture_server.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using test_support::FixtureServer;
using namespace std::chrono_literals;

// Long enough that no wait in these tests gives up on a healthy server, even under
// valgrind; the tests never depend on it running out.
constexpr auto kPatience = 30s;

class CurlEnvironment : public ::testing::Environment {
 public:
  // curl_global_init is not safe to race with the first curl_easy_init of another thread.
  void SetUp() override { ASSERT_EQ(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK); }
  void TearDown() override { curl_global_cleanup(); }
};

[[maybe_unused]] ::testing::Environment* const kCurlEnvironment =
    ::testing::AddGlobalTestEnvironment(new CurlEnvironment);

struct CurlEasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  ~FileDescriptor() { reset(); }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// A directory of fixture files under the system temp directory, removed with its owner.
// Files are served from site(); the parent is there to hold files a traversal must not reach.
class TempSite {
 public:
  TempSite() {
    std::random_device random;
    base_ = fs::temp_directory_path() /
            ("fixture-server-test-" + std::to_string(::getpid()) + "-" +
             std::to_string(random()) + std::to_string(random()));
    fs::create_directories(base_ / "site");
  }
  ~TempSite() {
    std::error_code ignored;
    fs::remove_all(base_, ignored);
  }
  TempSite(const TempSite&) = delete;
  TempSite& operator=(const TempSite&) = delete;

  fs::path base() const { return base_; }
  fs::path site() const { return base_ / "site"; }

  // Writes `content` to `relative` under site(), creating directories as needed.
  fs::path write(const fs::path& relative, std::string_view content) const {
    return write_at(site() / relative, content);
  }
  static fs::path write_at(const fs::path& file, std::string_view content) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return file;
  }

 private:
  fs::path base_;
};

struct HttpResult {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // Names lower-cased; last response only.
  std::string effective_url;
  long new_connections = 0;

  std::string header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

struct FetchOptions {
  std::vector<std::string> headers{};
  bool head = false;
  bool follow_redirects = false;
  // Let curl ask for gzip and inflate the body, as the pipeline will.
  bool decode_gzip = false;
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& headers = *static_cast<std::map<std::string, std::string>*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) headers.clear();  // A new response after a redirect.
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    std::ranges::transform(name, name.begin(), [](unsigned char c) {
      return static_cast<char>(std::tolower(c));
    });
    auto value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) {
      value.remove_suffix(1);
    }
    headers[name] = std::string(value);
  }
  return size * count;
}

CurlEasy make_easy() {
  CurlEasy easy(curl_easy_init());
  if (!easy) throw std::runtime_error("curl_easy_init failed");
  curl_easy_setopt(easy.get(), CURLOPT_NOSIGNAL, 1L);
  // The server is on loopback; an http_proxy in the environment must not reroute it.
  curl_easy_setopt(easy.get(), CURLOPT_NOPROXY, "*");
  // Keep "..": the traversal test must reach the server as written.
  curl_easy_setopt(easy.get(), CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(easy.get(), CURLOPT_USERAGENT, "fixture-server-test/1");
  return easy;
}

// Performs one request on `easy`, so that consecutive calls may reuse its connection.
HttpResult fetch_with(CURL* easy, const std::string& url, const FetchOptions& options = {}) {
  HttpResult result;
  CurlList headers;
  for (const auto& header : options.headers) {
    curl_slist* appended = curl_slist_append(headers.get(), header.c_str());
    if (appended == nullptr) throw std::runtime_error("curl_slist_append failed");
    static_cast<void>(headers.release());
    headers.reset(appended);
  }
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(easy, CURLOPT_NOBODY, options.head ? 1L : 0L);
  if (!options.head) curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, options.follow_redirects ? 1L : 0L);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, options.decode_gzip ? "gzip" : nullptr);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &collect_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &result.headers);
  result.code = curl_easy_perform(easy);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &result.status);
  curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &result.new_connections);
  const char* effective = nullptr;
  curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective);
  if (effective != nullptr) result.effective_url = effective;
  return result;
}

HttpResult fetch(const std::string& url, const FetchOptions& options = {}) {
  const auto easy = make_easy();
  return fetch_with(easy.get(), url, options);
}

std::string gunzip(std::string_view compressed) {
  z_stream stream{};
  if (inflateInit2(&stream, MAX_WBITS + 16) != Z_OK) throw std::runtime_error("inflateInit2");
  const std::unique_ptr<z_stream, decltype(&inflateEnd)> guard(&stream, &inflateEnd);
  std::string input(compressed);
  stream.next_in = reinterpret_cast<Bytef*>(input.data());
  stream.avail_in = static_cast<uInt>(input.size());
  std::string output;
  std::array<char, 4096> chunk{};
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    stream.avail_out = static_cast<uInt>(chunk.size());
    status = inflate(&stream, Z_NO_FLUSH);
    output.append(chunk.data(), chunk.size() - stream.avail_out);
  }
  if (status != Z_STREAM_END) throw std::runtime_error("not a complete gzip stream");
  return output;
}

void set_mtime(const fs::path& file, std::chrono::sys_seconds time) {
  fs::last_write_time(file, std::chrono::file_clock::from_sys(time));
}

// 2021-03-04 05:06:07 UTC, a Thursday.
constexpr std::chrono::sys_seconds kFixtureMtime{std::chrono::sys_days{
    std::chrono::year{2021} / std::chrono::March / 4} + 5h + 6min + 7s};
constexpr std::string_view kFixtureMtimeText = "Thu, 04 Mar 2021 05:06:07 GMT";

TEST(FixtureServer, ServesAFileWithItsContentType) {
  const TempSite site;
  site.write("feed.xml", "<rss/>");
  site.write("feeds/news.rss", "<rss version=\"2.0\"/>");
  site.write("a.atom", "<feed/>");
  site.write("data.json", "{}");
  site.write("notes.txt", "hello");
  site.write("page.html", "<p>");
  site.write("article", "<html>");
  site.write("doc.pdf", "%PDF-1.4");
  site.write("photo.JPG", "jpeg");
  site.write("blob.bin", "bin");
  const FixtureServer server(site.site());

  const std::vector<std::pair<std::string, std::string>> expected{
      {"/feed.xml", "application/xml"},
      {"/feeds/news.rss", "application/rss+xml"},
      {"/a.atom", "application/atom+xml"},
      {"/data.json", "application/json"},
      {"/notes.txt", "text/plain; charset=utf-8"},
      {"/page.html", "text/html; charset=utf-8"},
      {"/article", "text/html; charset=utf-8"},
      {"/doc.pdf", "application/pdf"},
      {"/photo.JPG", "image/jpeg"},
      {"/blob.bin", "application/octet-stream"},
  };
  for (const auto& [path, type] : expected) {
    const auto result = fetch(server.origin() + path);
    ASSERT_EQ(result.code, CURLE_OK) << path;
    EXPECT_EQ(result.status, 200) << path;
    EXPECT_EQ(result.header("content-type"), type) << path;
  }
  const auto feed = fetch(server.origin() + "/feed.xml");
  EXPECT_EQ(feed.body, "<rss/>");
  EXPECT_EQ(feed.header("content-length"), "6");
}

TEST(FixtureServer, AnswersHeadWithTheHeadersOfGetAndNoBody) {
  const TempSite site;
  site.write("feed.xml", "<rss>twelve</rss>");
  const FixtureServer server(site.site());

  const auto get = fetch(server.origin() + "/feed.xml");
  const auto head = fetch(server.origin() + "/feed.xml", {.head = true});

  ASSERT_EQ(head.code, CURLE_OK);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.header("content-length"), get.header("content-length"));
  EXPECT_EQ(head.header("etag"), get.header("etag"));
  EXPECT_EQ(head.header("content-type"), "application/xml");
}

TEST(FixtureServer, IgnoresTheQueryStringWhenLookingUpFiles) {
  const TempSite site;
  site.write("feed.xml", "<rss/>");
  const FixtureServer server(site.site());

  const auto result = fetch(server.origin() + "/feed.xml?page=2&utm_source=x");

  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "<rss/>");
}

TEST(FixtureServer, AnswersNotModifiedWhenTheETagMatches) {
  const TempSite site;
  site.write("feed.xml", "<rss/>");
  const FixtureServer server(site.site());

  const auto first = fetch(server.origin() + "/feed.xml");
  const auto tag = first.header("etag");
  ASSERT_FALSE(tag.empty());
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');

  const auto again = fetch(server.origin() + "/feed.xml", {.headers = {"If-None-Match: " + tag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.header("etag"), tag);

  const auto listed = fetch(server.origin() + "/feed.xml",
                            {.headers = {"If-None-Match: \"other\", W/" + tag}});
  EXPECT_EQ(listed.status, 304);

  site.write("feed.xml", "<rss>changed</rss>");
  const auto changed =
      fetch(server.origin() + "/feed.xml", {.headers = {"If-None-Match: " + tag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(changed.body, "<rss>changed</rss>");
  EXPECT_NE(changed.header("etag"), tag);
}

TEST(FixtureServer, AnswersNotModifiedWhenUnmodifiedSinceTheDate) {
  const TempSite site;
  set_mtime(site.write("feed.xml", "<rss/>"), kFixtureMtime);
  const FixtureServer server(site.site());

  const auto first = fetch(server.origin() + "/feed.xml");
  EXPECT_EQ(first.header("last-modified"), kFixtureMtimeText);

  const auto same = fetch(server.origin() + "/feed.xml",
                          {.headers = {"If-Modified-Since: " + std::string(kFixtureMtimeText)}});
  EXPECT_EQ(same.status, 304);
  EXPECT_EQ(same.body, "");

  const auto later = fetch(server.origin() + "/feed.xml",
                           {.headers = {"If-Modified-Since: Fri, 05 Mar 2021 00:00:00 GMT"}});
  EXPECT_EQ(later.status, 304);

  const auto earlier = fetch(server.origin() + "/feed.xml",
                             {.headers = {"If-Modified-Since: Wed, 03 Mar 2021 00:00:00 GMT"}});
  EXPECT_EQ(earlier.status, 200);
  EXPECT_EQ(earlier.body, "<rss/>");

  const auto garbled =
      fetch(server.origin() + "/feed.xml", {.headers = {"If-Modified-Since: yesterday"}});
  EXPECT_EQ(garbled.status, 200);
}

TEST(FixtureServer, LetsAnETagThatDiffersOverrideTheDate) {
  const TempSite site;
  set_mtime(site.write("feed.xml", "<rss/>"), kFixtureMtime);
  const FixtureServer server(site.site());

  const auto result = fetch(
      server.origin() + "/feed.xml",
      {.headers = {"If-None-Match: \"stale\"",
                   "If-Modified-Since: " + std::string(kFixtureMtimeText)}});

  EXPECT_EQ(result.status, 200);
}

TEST(FixtureServer, CompressesWithGzipWhenAsked) {
  const TempSite site;
  const std::string feed = "<rss>" + std::string(2000, 'x') + "</rss>";
  site.write("feed.xml", feed);
  const FixtureServer server(site.site());

  const auto raw = fetch(server.origin() + "/feed.xml",
                         {.headers = {"Accept-Encoding: deflate, gzip;q=0.8"}});
  EXPECT_EQ(raw.status, 200);
  EXPECT_EQ(raw.header("content-encoding"), "gzip");
  EXPECT_EQ(raw.header("vary"), "Accept-Encoding");
  EXPECT_LT(raw.body.size(), feed.size());
  EXPECT_EQ(gunzip(raw.body), feed);

  const auto decoded = fetch(server.origin() + "/feed.xml", {.decode_gzip = true});
  EXPECT_EQ(decoded.header("content-encoding"), "gzip");
  EXPECT_EQ(decoded.body, feed);

  const auto plain = fetch(server.origin() + "/feed.xml");
  EXPECT_EQ(plain.header("content-encoding"), "");
  EXPECT_EQ(plain.body, feed);
  EXPECT_EQ(plain.header("etag"), raw.header("etag"));
}

TEST(FixtureServer, LeavesGzipFilesAndRefusedGzipUncompressed) {
  const TempSite site;
  const std::string archive = "\x1f\x8b pretend archive";
  site.write("dump.gz", archive);
  site.write("feed.xml", "<rss/>");
  const FixtureServer server(site.site());

  const auto dump =
      fetch(server.origin() + "/dump.gz", {.headers = {"Accept-Encoding: gzip"}});
  EXPECT_EQ(dump.header("content-type"), "application/gzip");
  EXPECT_EQ(dump.header("content-encoding"), "");
  EXPECT_EQ(dump.body, archive);

  const auto refused =
      fetch(server.origin() + "/feed.xml", {.headers = {"Accept-Encoding: gzip;q=0, *"}});
  EXPECT_EQ(refused.header("content-encoding"), "");
  EXPECT_EQ(refused.body, "<rss/>");
}

TEST(FixtureServer, ReplacesTheOriginToken) {
  const TempSite site;
  site.write("feed.xml", "<link>{{origin}}/a.html</link><link>{{origin}}/b.html</link>");
  site.write("data.json", R"({"next": "{{origin}}/page/2"})");
  site.write("raw.bin", "{{origin}}");
  const FixtureServer server(site.site());
  const auto origin = server.origin();

  EXPECT_EQ(fetch(origin + "/feed.xml").body,
            "<link>" + origin + "/a.html</link><link>" + origin + "/b.html</link>");
  EXPECT_EQ(fetch(origin + "/data.json").body, R"({"next": ")" + origin + R"(/page/2"})");
  EXPECT_EQ(fetch(origin + "/raw.bin").body, "{{origin}}");
}

TEST(FixtureServer, AnswersNotFoundForMissingFilesAndTraversal) {
  const TempSite site;
  site.write("sub/inside.txt", "inside");
  TempSite::write_at(site.base() / "secret.txt", "secret");
  const FixtureServer server(site.site());

  for (const std::string path :
       {"/missing.xml", "/sub", "/sub/", "/", "/../secret.txt", "/sub/../../secret.txt",
        "/%2e%2e/secret.txt", "/sub/%2E%2E/%2e%2e/secret.txt", "/%zz"}) {
    const auto result = fetch(server.origin() + path);
    ASSERT_EQ(result.code, CURLE_OK) << path;
    EXPECT_EQ(result.status, 404) << path;
    EXPECT_EQ(result.body.find("secret"), std::string::npos) << path;
  }
  EXPECT_EQ(fetch(server.origin() + "/sub/inside.txt").status, 200);
  EXPECT_EQ(fetch(server.origin() + "/sub/%69nside.txt").body, "inside");
}

TEST(FixtureServer, ServesAScriptedStatus) {
  const TempSite site;
  site.write("feed.xml", "<rss/>");
  FixtureServer server(site.site());
  server.set_status("/feed.xml", 503, "try later");
  server.set_header("/feed.xml", "Retry-After", "120");

  const auto busy = fetch(server.origin() + "/feed.xml?x=1");
  EXPECT_EQ(busy.status, 503);
  EXPECT_EQ(busy.body, "try later");
  EXPECT_EQ(busy.header("retry-after"), "120");

  server.set_status("/gone", 410);
  EXPECT_EQ(fetch(server.origin() + "/gone").status, 410);
  EXPECT_THROW(server.set_status("/x", 42), std::invalid_argument);
}

TEST(FixtureServer, ServesAScriptedBodyInsteadOfAFile) {
  const TempSite site;
  FixtureServer server(site.site());
  server.set_body("/api/items", R"({"self": "{{origin}}/api/items"})", "application/json");

  const auto result = fetch(server.origin() + "/api/items");
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.header("content-type"), "application/json");
  EXPECT_EQ(result.body, R"({"self": ")" + server.origin() + R"(/api/items"})");

  const auto again = fetch(server.origin() + "/api/items",
                           {.headers = {"If-None-Match: " + result.header("etag")}});
  EXPECT_EQ(again.status, 304);
}

TEST(FixtureServer, FollowsAScriptedRedirect) {
  const TempSite site;
  site.write("new/feed.xml", "<rss>moved</rss>");
  FixtureServer server(site.site());
  server.add_redirect("/old/feed.xml", "/new/feed.xml");
  server.add_redirect("/elsewhere", "{{origin}}/new/feed.xml", 307);

  const auto unfollowed = fetch(server.origin() + "/old/feed.xml");
  EXPECT_EQ(unfollowed.status, 301);
  EXPECT_EQ(unfollowed.header("location"), "/new/feed.xml");

  const auto followed = fetch(server.origin() + "/old/feed.xml", {.follow_redirects = true});
  EXPECT_EQ(followed.status, 200);
  EXPECT_EQ(followed.body, "<rss>moved</rss>");
  EXPECT_EQ(followed.effective_url, server.origin() + "/new/feed.xml");

  const auto absolute = fetch(server.origin() + "/elsewhere");
  EXPECT_EQ(absolute.status, 307);
  EXPECT_EQ(absolute.header("location"), server.origin() + "/new/feed.xml");
  EXPECT_EQ(server.request_count("/old/feed.xml"), 2U);
  EXPECT_EQ(server.request_count("/new/feed.xml"), 1U);
}

TEST(FixtureServer, DelaysAnAnswerWithoutBlockingOthers) {
  const TempSite site;
  site.write("slow.xml", "<rss>slow</rss>");
  site.write("fast.xml", "<rss>fast</rss>");
  FixtureServer server(site.site());
  // Far longer than the fast request needs, so the order below cannot flip.
  server.set_delay("/slow.xml", 2s);

  std::mutex finished_mutex;
  std::vector<std::string> finished;
  const auto finish = [&](std::string name) {
    const std::lock_guard lock(finished_mutex);
    finished.push_back(std::move(name));
  };

  HttpResult slow;
  std::thread slow_client([&] {
    slow = fetch(server.origin() + "/slow.xml");
    finish("slow");
  });
  // The fast request goes out only once the server holds the slow one, so a server that
  // answered one request at a time would have to finish the slow one first.
  const bool slow_arrived = server.wait_for_requests("/slow.xml", 1, kPatience);
  const auto fast = fetch(server.origin() + "/fast.xml");
  finish("fast");
  slow_client.join();

  ASSERT_TRUE(slow_arrived);
  EXPECT_EQ(fast.body, "<rss>fast</rss>");
  EXPECT_EQ(slow.status, 200);
  EXPECT_EQ(slow.body, "<rss>slow</rss>");
  EXPECT_EQ(finished, (std::vector<std::string>{"fast", "slow"}));
}

TEST(FixtureServer, StopsWhileAClientWaitsForADelayedAnswer) {
  const TempSite site;
  site.write("never.xml", "<rss/>");
  auto server = std::make_unique<FixtureServer>(site.site());
  server->set_delay("/never.xml", std::chrono::hours(1));

  HttpResult result;
  std::thread client([&, url = server->origin() + "/never.xml"] { result = fetch(url); });
  const bool arrived = server->wait_for_requests("/never.xml", 1, kPatience);
  server.reset();
  client.join();

  ASSERT_TRUE(arrived);
  EXPECT_NE(result.code, CURLE_OK);
}

TEST(FixtureServer, RecordsRequestHeaders) {
  const TempSite site;
  site.write("feed.xml", "<rss/>");
  FixtureServer server(site.site());

  fetch(server.origin() + "/feed.xml?since=1",
        {.headers = {"If-None-Match: \"abc\"", "X-Twice: one", "X-Twice: two"}});
  fetch(server.origin() + "/feed.xml", {.head = true});
  fetch(server.origin() + "/other.xml");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3U);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/feed.xml?since=1");
  EXPECT_EQ(requests[0].headers.at("user-agent"), "fixture-server-test/1");
  EXPECT_EQ(requests[0].headers.at("if-none-match"), "\"abc\"");
  EXPECT_EQ(requests[0].headers.at("x-twice"), "one, two");
  EXPECT_EQ(requests[1].method, "HEAD");
  EXPECT_EQ(server.request_count("/feed.xml"), 2U);
  EXPECT_EQ(server.request_count("/other.xml"), 1U);
  EXPECT_EQ(server.request_count("/nothing"), 0U);

  server.clear_requests();
  EXPECT_TRUE(server.requests().empty());
}

TEST(FixtureServer, ClearsRules) {
  const TempSite site;
  site.write("feed.xml", "<rss/>");
  FixtureServer server(site.site());
  server.set_status("/feed.xml", 500);
  EXPECT_EQ(fetch(server.origin() + "/feed.xml").status, 500);

  server.clear_rules();

  EXPECT_EQ(fetch(server.origin() + "/feed.xml").status, 200);
}

TEST(FixtureServer, KeepsConnectionsAliveUnlessAskedToClose) {
  const TempSite site;
  site.write("feed.xml", "<rss/>");
  const FixtureServer server(site.site());
  const auto easy = make_easy();

  const auto first = fetch_with(easy.get(), server.origin() + "/feed.xml");
  const auto reused = fetch_with(easy.get(), server.origin() + "/feed.xml");
  EXPECT_EQ(first.new_connections, 1);
  EXPECT_EQ(reused.new_connections, 0);

  const auto closing = fetch_with(easy.get(), server.origin() + "/feed.xml",
                                  {.headers = {"Connection: close"}});
  EXPECT_EQ(closing.status, 200);
  EXPECT_EQ(closing.header("connection"), "close");
  const auto after_close = fetch_with(easy.get(), server.origin() + "/feed.xml");
  EXPECT_EQ(after_close.new_connections, 1);
}

TEST(FixtureServer, RefusesMethodsOtherThanGetAndHead) {
  const TempSite site;
  site.write("feed.xml", "<rss/>");
  const FixtureServer server(site.site());
  const auto easy = make_easy();
  curl_easy_setopt(easy.get(), CURLOPT_POSTFIELDS, "a=b");

  HttpResult result;
  curl_easy_setopt(easy.get(), CURLOPT_URL, (server.origin() + "/feed.xml").c_str());
  curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(easy.get(), CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(easy.get(), CURLOPT_HEADERFUNCTION, &collect_header);
  curl_easy_setopt(easy.get(), CURLOPT_HEADERDATA, &result.headers);
  ASSERT_EQ(curl_easy_perform(easy.get()), CURLE_OK);
  curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &result.status);

  EXPECT_EQ(result.status, 405);
  EXPECT_EQ(result.header("allow"), "GET, HEAD");
  EXPECT_EQ(server.requests().at(0).method, "POST");
}

TEST(FixtureServer, PicksAFreePortWhenAskedForZero) {
  const TempSite site;
  site.write("feed.xml", "<rss/>");
  const FixtureServer first(site.site());
  const FixtureServer second(site.site(), 0);

  EXPECT_NE(first.port(), 0);
  EXPECT_NE(second.port(), 0);
  EXPECT_NE(first.port(), second.port());
  EXPECT_EQ(first.origin(), "http://127.0.0.1:" + std::to_string(first.port()));
  EXPECT_EQ(fetch(second.origin() + "/feed.xml").status, 200);
}

TEST(FixtureServer, ListensOnTheRequestedPortAndThrowsWhenItIsTaken) {
  const TempSite site;
  std::uint16_t port = 0;
  {
    const FixtureServer probe(site.site());
    port = probe.port();
  }
  const FixtureServer server(site.site(), port);
  EXPECT_EQ(server.port(), port);

  try {
    const FixtureServer clash(site.site(), port);
    ADD_FAILURE() << "a second server bound port " << port;
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code(), std::errc::address_in_use) << error.what();
  }
}

// What a client got from an answer it read through its own write callback, the way the
// pipeline reads: counting, checking and, if asked, giving up after a number of bytes.
struct StreamRead {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::map<std::string, std::string> headers;  // Names lower-cased.
  std::string body;            // The first StreamOptions::keep bytes only.
  std::uint64_t received = 0;  // Body bytes handed to the callback, after any decoding.
  bool all_zero = true;        // Whether every byte received was 0.
  curl_off_t wire_bytes = 0;   // CURLINFO_SIZE_DOWNLOAD_T.

  std::string header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

struct StreamOptions {
  // The callback refuses the data (so curl fails with CURLE_WRITE_ERROR) once this many
  // bytes have been received.
  std::uint64_t stop_after = std::numeric_limits<std::uint64_t>::max();
  std::size_t keep = 1024 * 1024;
  bool decode_gzip = false;
  bool head = false;
  // Gives up when slower than this many bytes a second for low_speed_time seconds.
  long low_speed_limit = 0;
  long low_speed_time = 0;
  // Called after each piece of body with the count received so far.
  std::function<void(std::uint64_t)> on_data{};
};

struct StreamReader {
  const StreamOptions* options;
  StreamRead* read;
};

std::size_t read_stream(char* data, std::size_t size, std::size_t count, void* user) {
  auto& [options, read] = *static_cast<StreamReader*>(user);
  const std::string_view piece(data, size * count);
  if (read->body.size() < options->keep) {
    read->body.append(piece.substr(0, options->keep - read->body.size()));
  }
  if (read->all_zero) {
    read->all_zero = std::ranges::all_of(piece, [](char c) { return c == '\0'; });
  }
  read->received += piece.size();
  if (options->on_data) options->on_data(read->received);
  return read->received >= options->stop_after ? 0 : piece.size();
}

StreamRead read_stream(const std::string& url, const StreamOptions& options = {}) {
  StreamRead read;
  StreamReader reader{&options, &read};
  const auto easy = make_easy();
  curl_easy_setopt(easy.get(), CURLOPT_URL, url.c_str());
  // Only a safety net: a server that hangs fails the test instead of stalling the suite.
  curl_easy_setopt(easy.get(), CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::chrono::milliseconds(kPatience).count()));
  curl_easy_setopt(easy.get(), CURLOPT_NOBODY, options.head ? 1L : 0L);
  curl_easy_setopt(easy.get(), CURLOPT_ACCEPT_ENCODING, options.decode_gzip ? "gzip" : nullptr);
  curl_easy_setopt(easy.get(), CURLOPT_LOW_SPEED_LIMIT, options.low_speed_limit);
  curl_easy_setopt(easy.get(), CURLOPT_LOW_SPEED_TIME, options.low_speed_time);
  curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION,
                   static_cast<curl_write_callback>(&read_stream));
  curl_easy_setopt(easy.get(), CURLOPT_WRITEDATA, &reader);
  curl_easy_setopt(easy.get(), CURLOPT_HEADERFUNCTION, &collect_header);
  curl_easy_setopt(easy.get(), CURLOPT_HEADERDATA, &read.headers);
  read.code = curl_easy_perform(easy.get());
  curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &read.status);
  curl_easy_getinfo(easy.get(), CURLINFO_SIZE_DOWNLOAD_T, &read.wire_bytes);
  return read;
}

// The body of hostile answers, as the server documents it.
std::string letters(std::size_t count) {
  std::string text(count, '\0');
  for (std::size_t i = 0; i < count; ++i) text[i] = static_cast<char>('a' + i % 26);
  return text;
}

std::string describe(CURLcode code) {
  return std::to_string(code) + " (" + curl_easy_strerror(code) + ")";
}

TEST(FixtureServer, DripsTheWholeBodyInOrderToAClientThatWaits) {
  const TempSite site;
  FixtureServer server(site.site());
  server.set_slow_drip("/drip", 7, 5ms, 100);

  const auto read = read_stream(server.origin() + "/drip");

  EXPECT_EQ(read.code, CURLE_OK) << describe(read.code);
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.header("content-length"), "100");
  EXPECT_EQ(read.header("connection"), "close");
  EXPECT_EQ(read.body, letters(100));
}

// The drip never gets past its head, so only the server watching the socket can notice
// the client leave; without that the connection would stay open until the server stops.
TEST(FixtureServer, NoticesAClientThatGivesUpOnADrip) {
  const TempSite site;
  FixtureServer server(site.site());
  server.set_slow_drip("/drip", 1, std::chrono::hours(1), 1000);

  const auto read = read_stream(server.origin() + "/drip",
                                {.low_speed_limit = 1, .low_speed_time = 1});

  EXPECT_EQ(read.code, CURLE_OPERATION_TIMEDOUT) << describe(read.code);
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.received, 0U);
  EXPECT_TRUE(server.wait_for_open_connections(0, kPatience)) << server.open_connections();
}

TEST(FixtureServer, AnswersHeadOnAHostilePathWithTheHeadAlone) {
  const TempSite site;
  FixtureServer server(site.site());
  server.set_slow_drip("/drip", 1, std::chrono::hours(1), 1000);
  server.set_endless_body("/endless");

  const auto drip = read_stream(server.origin() + "/drip", {.head = true});
  const auto endless = read_stream(server.origin() + "/endless", {.head = true});

  EXPECT_EQ(drip.code, CURLE_OK) << describe(drip.code);
  EXPECT_EQ(drip.header("content-length"), "1000");
  EXPECT_EQ(endless.code, CURLE_OK) << describe(endless.code);
  EXPECT_EQ(endless.header("transfer-encoding"), "chunked");
  EXPECT_EQ(server.requests().at(0).method, "HEAD");
}

TEST(FixtureServer, RefusesADripThatWouldNeverFinish) {
  const TempSite site;
  FixtureServer server(site.site());
  EXPECT_THROW(server.set_slow_drip("/drip", 0, 5ms, 100), std::invalid_argument);
  EXPECT_THROW(server.set_slow_drip("/drip", 1, -5ms, 100), std::invalid_argument);
}

TEST(FixtureServer, KeepsAnEndlessBodyComingWhileServingOthers) {
  const TempSite site;
  site.write("feed.xml", "<rss/>");
  FixtureServer server(site.site());
  server.set_endless_body("/endless");
  constexpr std::uint64_t kEnough = 5 * 1024 * 1024;

  // Asked from inside the endless read, so the server is mid-stream when it answers.
  HttpResult other;
  std::size_t connections_meanwhile = 0;
  const auto read = read_stream(
      server.origin() + "/endless",
      {.stop_after = kEnough, .keep = 26 * 4, .on_data = [&](std::uint64_t received) {
         if (received < kEnough / 5 || other.status != 0) return;
         other = fetch(server.origin() + "/feed.xml");
         connections_meanwhile = server.open_connections();
       }});

  EXPECT_EQ(read.code, CURLE_WRITE_ERROR) << describe(read.code);
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.header("transfer-encoding"), "chunked");
  EXPECT_GE(read.received, kEnough);
  EXPECT_EQ(read.body, letters(26 * 4));
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.body, "<rss/>");
  EXPECT_GE(connections_meanwhile, 1U);
  EXPECT_TRUE(server.wait_for_open_connections(0, kPatience)) << server.open_connections();
}

TEST(FixtureServer, SendsAGzipBombThatInflatesToZerosFromFewBytes) {
  const TempSite site;
  FixtureServer server(site.site());
  server.set_gzip_bomb("/bomb", std::uint64_t{1} << 30);
  constexpr std::uint64_t kCap = 50 * 1024 * 1024;

  // No Accept-Encoding is sent unless decode_gzip is set; the bomb goes off anyway.
  const auto raw = read_stream(server.origin() + "/bomb", {.stop_after = 4096});
  const auto read = read_stream(server.origin() + "/bomb",
                                {.stop_after = kCap, .keep = 0, .decode_gzip = true});

  EXPECT_EQ(raw.header("content-encoding"), "gzip");
  ASSERT_GE(raw.body.size(), 2U);
  EXPECT_EQ(raw.body.substr(0, 2), "\x1f\x8b");
  EXPECT_EQ(read.code, CURLE_WRITE_ERROR) << describe(read.code);
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.header("content-encoding"), "gzip");
  EXPECT_GE(read.received, kCap);
  EXPECT_TRUE(read.all_zero);
  // Zeros deflate about a thousandfold; a hundredfold leaves room for framing and flushes.
  EXPECT_GT(read.wire_bytes, 0);
  EXPECT_LT(static_cast<std::uint64_t>(read.wire_bytes), kCap / 100);
}

TEST(FixtureServer, EndsAGzipBombReadToTheEndAsAValidGzipStream) {
  const TempSite site;
  FixtureServer server(site.site());
  constexpr std::uint64_t kSize = 3 * 1024 * 1024 + 5;  // Not a whole number of steps.
  server.set_gzip_bomb("/bomb", kSize);

  const auto result = fetch(server.origin() + "/bomb");

  EXPECT_EQ(result.code, CURLE_OK) << describe(result.code);
  EXPECT_EQ(result.status, 200);
  const auto decoded = gunzip(result.body);  // Throws unless the stream is complete.
  EXPECT_EQ(decoded.size(), kSize);
  EXPECT_EQ(decoded.find_first_not_of('\0'), std::string::npos);
}

TEST(FixtureServer, ResetsTheConnectionPartWayThroughTheBody) {
  const TempSite site;
  FixtureServer server(site.site());
  server.set_reset_mid_body("/reset", 1000);

  const auto read = read_stream(server.origin() + "/reset");

  // Observed: CURLE_RECV_ERROR (56, "Connection reset by peer"); a client that reached
  // the end of the data before the reset would see CURLE_PARTIAL_FILE (18).
  EXPECT_TRUE(read.code == CURLE_RECV_ERROR || read.code == CURLE_PARTIAL_FILE)
      << describe(read.code);
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.header("content-length"), std::to_string(1000 + 64 * 1024));
  EXPECT_LE(read.body.size(), 1000U);
  EXPECT_EQ(read.body, letters(read.body.size()));
}

// curl reports a reset and an early close alike once the body falls short; a bare socket
// tells them apart.
TEST(FixtureServer, ResetsTheConnectionRatherThanClosingIt) {
  const TempSite site;
  FixtureServer server(site.site());
  server.set_reset_mid_body("/reset", 10);

  const FileDescriptor client(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  ASSERT_GE(client.get(), 0) << std::strerror(errno);
  // Only a safety net, as in read_stream.
  const timeval patience{.tv_sec = std::chrono::seconds(kPatience).count(), .tv_usec = 0};
  ::setsockopt(client.get(), SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(server.port());
  ASSERT_EQ(::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr), 1);
  ASSERT_EQ(::connect(client.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address),
            0)
      << std::strerror(errno);
  const std::string_view request = "GET /reset HTTP/1.1\r\nHost: fixture\r\n\r\n";
  ASSERT_EQ(::send(client.get(), request.data(), request.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(request.size()));

  std::string received;
  std::array<char, 4096> buffer{};
  ssize_t count = 0;
  while ((count = ::recv(client.get(), buffer.data(), buffer.size(), 0)) > 0) {
    received.append(buffer.data(), static_cast<std::size_t>(count));
  }
  const int error = errno;

  EXPECT_EQ(count, -1) << "the connection ended with a FIN";
  EXPECT_EQ(error, ECONNRESET) << std::strerror(error);
  EXPECT_TRUE(received.starts_with("HTTP/1.1 200 OK\r\n")) << received;
  EXPECT_TRUE(received.ends_with("\r\n\r\n" + letters(10))) << received;
}

TEST(FixtureServer, BreaksTheChunkedFramingAfterOneChunk) {
  const TempSite site;
  FixtureServer server(site.site());
  server.set_broken_chunked("/broken");

  const auto read = read_stream(server.origin() + "/broken");

  EXPECT_EQ(read.code, CURLE_RECV_ERROR) << describe(read.code);
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.header("transfer-encoding"), "chunked");
  EXPECT_EQ(read.body, letters(26));
}

TEST(FixtureServer, OverridesTheContentTypeOfWhatAPathServes) {
  const TempSite site;
  site.write("feed.xml", "<link>{{origin}}</link>");
  FixtureServer server(site.site());
  server.set_content_type("/feed.xml", "application/octet-stream");
  server.set_body("/page", "<p/>", "text/html");
  server.set_content_type("/page", "image/png");
  server.set_header("/page", "Content-Type", "text/css");
  server.set_slow_drip("/drip", 10, 0ms, 10);
  server.set_content_type("/drip", "application/rss+xml");
  server.set_status("/bare", 200, "bare");
  server.set_content_type("/bare", "");

  const auto feed = fetch(server.origin() + "/feed.xml");
  const auto page = fetch(server.origin() + "/page");
  const auto drip = fetch(server.origin() + "/drip");
  const auto bare = fetch(server.origin() + "/bare");

  EXPECT_EQ(feed.header("content-type"), "application/octet-stream");
  // Substitution still follows the file's own type.
  EXPECT_EQ(feed.body, "<link>" + server.origin() + "</link>");
  EXPECT_EQ(page.header("content-type"), "image/png");
  EXPECT_EQ(page.body, "<p/>");
  EXPECT_EQ(drip.header("content-type"), "application/rss+xml");
  EXPECT_EQ(drip.body, letters(10));
  EXPECT_EQ(bare.status, 200);
  EXPECT_FALSE(bare.headers.contains("content-type"));
}

TEST(FixtureServer, ListensOnAnotherLoopbackAddressAsADistinctHost) {
  const TempSite site;
  site.write("feed.xml", "<link>{{origin}}</link>");
  FixtureServer second(site.site(), 0, "127.0.0.2");
  // Same port, another address: Linux keeps the two listeners apart.
  FixtureServer third(site.site(), second.port(), "127.0.0.3");

  const auto from_second = fetch(second.origin() + "/feed.xml");
  const auto from_third = fetch(third.origin() + "/feed.xml");

  EXPECT_EQ(second.origin(), "http://127.0.0.2:" + std::to_string(second.port()));
  EXPECT_EQ(third.origin(), "http://127.0.0.3:" + std::to_string(second.port()));
  EXPECT_EQ(from_second.status, 200);
  EXPECT_EQ(from_second.body, "<link>" + second.origin() + "</link>");
  EXPECT_EQ(from_third.body, "<link>" + third.origin() + "</link>");
  EXPECT_EQ(second.request_count("/feed.xml"), 1U);
  EXPECT_EQ(third.request_count("/feed.xml"), 1U);
}

TEST(FixtureServer, RefusesAnAddressThatIsNotLoopback) {
  const TempSite site;
  for (const std::string address : {"0.0.0.0", "10.0.0.1", "localhost", "", "::"}) {
    EXPECT_THROW(FixtureServer(site.site(), 0, address), std::invalid_argument) << address;
  }
}

TEST(FixtureServer, CountsOpenConnectionsUntilTheClientClosesThem) {
  const TempSite site;
  site.write("feed.xml", "<rss/>");
  FixtureServer server(site.site());
  EXPECT_EQ(server.open_connections(), 0U);

  auto easy = make_easy();
  EXPECT_EQ(fetch_with(easy.get(), server.origin() + "/feed.xml").status, 200);
  // curl keeps the connection alive in the handle, so the server still has it.
  EXPECT_TRUE(server.wait_for_open_connections(1, kPatience)) << server.open_connections();
  easy.reset();

  EXPECT_TRUE(server.wait_for_open_connections(0, kPatience)) << server.open_connections();
}

// The program's tests run it as a child process; they are skipped when the build has not
// produced it (the suite does not depend on the program's target).
#ifdef INGEST_BINARY_DIR
const fs::path kProgram = fs::path(INGEST_BINARY_DIR) / "tests/support/fixture-server";
#else
const fs::path kProgram;
#endif

// A running fixture-server child whose stdout is a pipe to us; killed and reaped if a test
// leaves without waiting for it.
class Program {
 public:
  explicit Program(std::vector<std::string> arguments) {
    std::array<int, 2> pipe_fds{};
    // Close-on-exec keeps both ends out of the child except as the stdout dup2 makes.
    if (::pipe2(pipe_fds.data(), O_CLOEXEC) != 0) {
      throw std::system_error(errno, std::generic_category());
    }
    FileDescriptor write_end(pipe_fds[1]);
    stdout_ = std::make_unique<FileDescriptor>(pipe_fds[0]);

    arguments.insert(arguments.begin(), kProgram.string());
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::system_error(spawned, std::generic_category());
  }
  ~Program() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  // Reads stdout up to the first newline (or EOF).
  std::string read_line() {
    std::string line;
    char c = 0;
    while (::read(stdout_->get(), &c, 1) == 1 && c != '\n') line.push_back(c);
    return line;
  }

  void signal(int number) const { ::kill(pid_, number); }

  // Waits for the child to end; returns its exit status, or -1 if it did not exit normally.
  int wait() {
    int status = 0;
    const pid_t waited = ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return waited > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  std::unique_ptr<FileDescriptor> stdout_;
};

TEST(FixtureServerProgram, ServesUntilItIsSignalled) {
  if (kProgram.empty() || !fs::exists(kProgram)) GTEST_SKIP() << "no " << kProgram;
  const TempSite site;
  site.write("feed.xml", "<link>{{origin}}</link>");

  Program program({"--root", site.site().string()});
  const auto line = program.read_line();
  ASSERT_TRUE(line.starts_with("listening http://127.0.0.1:")) << line;
  const auto origin = line.substr(std::string_view("listening ").size());
  const auto result = fetch(origin + "/feed.xml");
  program.signal(SIGTERM);

  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "<link>" + origin + "</link>");
  EXPECT_EQ(program.wait(), 0);
}

TEST(FixtureServerProgram, ServesOnTheAddressItIsGiven) {
  if (kProgram.empty() || !fs::exists(kProgram)) GTEST_SKIP() << "no " << kProgram;
  const TempSite site;
  site.write("feed.xml", "<link>{{origin}}</link>");

  Program program({"--root", site.site().string(), "--address", "127.0.0.2"});
  const auto line = program.read_line();
  ASSERT_TRUE(line.starts_with("listening http://127.0.0.2:")) << line;
  const auto origin = line.substr(std::string_view("listening ").size());
  const auto result = fetch(origin + "/feed.xml");
  program.signal(SIGTERM);

  EXPECT_EQ(result.body, "<link>" + origin + "</link>");
  EXPECT_EQ(program.wait(), 0);
}

TEST(FixtureServerProgram, ExitsWithTwoOnBadArguments) {
  if (kProgram.empty() || !fs::exists(kProgram)) GTEST_SKIP() << "no " << kProgram;
  const TempSite site;

  Program no_root({"--port", "0"});
  EXPECT_EQ(no_root.wait(), 2);
  Program bad_port({"--root", site.site().string(), "--port", "http"});
  EXPECT_EQ(bad_port.wait(), 2);
  Program missing_root({"--root", (site.base() / "absent").string()});
  EXPECT_EQ(missing_root.wait(), 2);
  Program remote({"--root", site.site().string(), "--address", "10.0.0.1"});
  EXPECT_EQ(remote.wait(), 2);
  Program no_address({"--root", site.site().string(), "--address"});
  EXPECT_EQ(no_address.wait(), 2);

  const FixtureServer taken(site.site());
  Program clash({"--root", site.site().string(), "--port", std::to_string(taken.port())});
  EXPECT_EQ(clash.read_line(), "");
  EXPECT_EQ(clash.wait(), 2);
}

}  // namespace
