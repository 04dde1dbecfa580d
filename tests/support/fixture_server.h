// A small HTTP/1.1 server that tests point the pipeline at instead of the real web.
//
// It serves the files of a directory on 127.0.0.1 and can be told, per request path, to
// misbehave: answer with another status, add a header, redirect, wait before answering, or
// serve an in-memory body. Every request it receives is recorded so tests can assert on what
// the client sent.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace test_support {

// One request as the server received it.
struct RecordedRequest {
  std::string method;  // e.g. "GET", as sent.
  std::string target;  // The request target as sent, query string included.
  // Header names are lower-cased (HTTP names are case-insensitive); a header sent several
  // times appears once, its values joined with ", ".
  std::map<std::string, std::string> headers;
};

// An HTTP/1.1 server for tests, listening on 127.0.0.1.
//
// Serving: GET and HEAD of a path map to the file of the same relative path under `root`,
// with the query string ignored. Missing files, directories, any ".." segment and undecodable
// paths answer 404; other methods answer 405. Content-Type follows the file extension. In
// text, XML and JSON bodies every "{{origin}}" is replaced by origin(). Each 200 carries a
// strong, quoted ETag (a hash of the body after substitution and before compression, so it
// is the same with or without gzip) and a Last-Modified (the file's mtime); If-None-Match
// (checked first) and If-Modified-Since are answered with 304 and no body. A request whose
// Accept-Encoding allows gzip gets a gzip-compressed body, unless the file is itself .gz.
// Connections are kept alive unless the request asks for "Connection: close".
//
// Rules: the set_* / add_* functions script a path (the exact request path, percent-encoded
// as sent, without the query string). A path has at most one answer (file, status, redirect
// or in-memory body: the latest call wins) plus any extra headers and a delay, which apply
// to whatever is answered there, for every method. Rules may be changed from any thread at
// any time; a request uses the rules as they were when it arrived.
//
// Threading and lifetime: the server owns its io_context and runs it on one background
// thread from construction until destruction. All public functions are thread-safe. The
// destructor closes the listening socket and every open connection (a client waiting on a
// delayed answer sees the connection close) and joins the thread; it does not block on
// clients.
class FixtureServer {
 public:
  // Starts listening on 127.0.0.1:`port` (0 picks a free port) and serving files under
  // `root`, which need not exist yet. Throws std::system_error if the port cannot be bound.
  // After construction the server reports nothing by exception: faults on its thread turn
  // into 500 answers or closed connections.
  explicit FixtureServer(std::filesystem::path root, std::uint16_t port = 0);
  ~FixtureServer();

  FixtureServer(const FixtureServer&) = delete;
  FixtureServer& operator=(const FixtureServer&) = delete;
  FixtureServer(FixtureServer&&) = delete;
  FixtureServer& operator=(FixtureServer&&) = delete;

  // The port actually bound, never 0.
  std::uint16_t port() const;
  // "http://127.0.0.1:PORT", without a trailing slash.
  std::string origin() const;

  // Answers `path` with `status` (200..999) and `body` as text/plain, instead of a file.
  // Throws std::invalid_argument, on the calling thread, for a status out of range.
  void set_status(std::string path, unsigned status, std::string body = {});
  // Adds `name: value` to every answer for `path`, replacing an earlier value of `name`.
  void set_header(std::string path, std::string name, std::string value);
  // Answers `from` with `status` (a 3xx) and "Location: `location`"; "{{origin}}" in
  // `location` is replaced by origin(). Throws std::invalid_argument for a non-3xx status.
  void add_redirect(std::string from, std::string location, unsigned status = 301);
  // Waits `delay` (on an Asio timer, without holding up other connections) before
  // answering `path`.
  void set_delay(std::string path, std::chrono::milliseconds delay);
  // Answers `path` with `body` and `content_type` instead of a file, with the same
  // substitution, validators and compression as a file; its Last-Modified is the time of
  // this call.
  void set_body(std::string path, std::string body, std::string content_type);
  // Forgets every rule; later requests are served from files again.
  void clear_rules();

  // A copy of every request received so far, oldest first.
  std::vector<RecordedRequest> requests() const;
  // How many requests so far had `path` (compared as in the rules) as their path.
  std::size_t request_count(std::string_view path) const;
  // Blocks the caller until request_count(`path`) >= `count` or `timeout` passes; returns
  // whether the count was reached. Lets a test act while a request is in flight.
  bool wait_for_requests(std::string_view path, std::size_t count,
                         std::chrono::milliseconds timeout) const;
  // Forgets the recorded requests.
  void clear_requests();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace test_support
