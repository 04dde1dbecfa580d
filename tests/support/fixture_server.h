// A small HTTP/1.1 server that tests point the pipeline at instead of the real web.
//
// It serves the files of a directory on a loopback address and can be told, per request
// path, to misbehave: answer with another status, add a header, redirect, wait before
// answering, serve an in-memory body, or act as a hostile server does on the socket (drip
// the body, never end it, send a gzip bomb, reset the connection, break the chunked
// framing). Every request it receives is recorded so tests can assert on what the client
// sent.
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

// An HTTP/1.1 server for tests, listening on one loopback address (127.0.0.1 by default).
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
// or in-memory body, or one of the hostile answers below: the latest call wins) plus any
// extra headers, a Content-Type override and a delay, which apply to whatever is answered
// there, for every method. Rules may be changed from any thread at any time; a request uses
// the rules as they were when it arrived.
//
// Hostile answers (set_slow_drip, set_endless_body, set_gzip_bomb, set_reset_mid_body,
// set_broken_chunked) are written straight to the socket, so a client meets each fault as
// it would from a real server. They answer 200 with "Connection: close" and end the
// connection afterwards (nothing sensible can follow a body cut short), carry
// "text/html; charset=utf-8" unless set_content_type says otherwise, and take no notice of
// conditional headers or Accept-Encoding. A HEAD gets their head alone. Extra headers from
// set_header are added after the framing headers, so a test may make the framing lie. Bodies
// other than the gzip bomb's zeros are the letters "abc...xyz" repeated, byte i being
// 'a' + i % 26, so a client can check it received every byte in order. While one is being
// written the server watches the connection, and closes its end as soon as the client
// closes or resets its own.
//
// Threading and lifetime: the server owns its io_context and runs it on one background
// thread from construction until destruction. All public functions are thread-safe. The
// destructor closes the listening socket and every open connection (a client waiting on a
// delayed answer sees the connection close) and joins the thread; it does not block on
// clients.
class FixtureServer {
 public:
  // Starts listening on `address`:`port` (0 picks a free port) and serving files under
  // `root`, which need not exist yet. `address` must be a numeric loopback address: any of
  // 127.0.0.0/8 (Linux routes all of it to lo, so servers on 127.0.0.2, 127.0.0.3, ... act
  // as distinct hosts, even on one port) or ::1. Throws std::invalid_argument for another
  // address and std::system_error if it cannot be bound. After construction the server
  // reports nothing by exception: faults on its thread turn into 500 answers or closed
  // connections.
  explicit FixtureServer(std::filesystem::path root, std::uint16_t port = 0,
                         std::string address = "127.0.0.1");
  ~FixtureServer();

  FixtureServer(const FixtureServer&) = delete;
  FixtureServer& operator=(const FixtureServer&) = delete;
  FixtureServer(FixtureServer&&) = delete;
  FixtureServer& operator=(FixtureServer&&) = delete;

  // The port actually bound, never 0.
  std::uint16_t port() const;
  // "http://ADDRESS:PORT" (an IPv6 address in brackets), without a trailing slash.
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
  // Sends `content_type` as the Content-Type of whatever `path` answers (file, body, status
  // or hostile answer), replacing the usual one, or sends no Content-Type at all if it is
  // empty. Only the header changes: origin substitution and compression still follow the
  // type the answer would have had. Wins over a Content-Type given to set_header.
  void set_content_type(std::string path, std::string content_type);

  // Hostile answers; see the class comment for what they share.
  //
  // Sends the head (Content-Length: `total_bytes`) at once, then `bytes_per_tick` bytes of
  // the body each time `tick` passes, until `total_bytes` are out. Throws
  // std::invalid_argument if `bytes_per_tick` is 0 or `tick` is negative.
  void set_slow_drip(std::string path, std::size_t bytes_per_tick,
                     std::chrono::milliseconds tick, std::size_t total_bytes);
  // Sends a chunked body that never ends: 64 KiB chunks, each written as soon as the client
  // has taken the one before (so the server never holds more than one), until the client
  // goes away.
  void set_endless_body(std::string path);
  // Sends "Content-Encoding: gzip" and a gzip stream that inflates to `decoded_bytes` zero
  // bytes (1 GiB inflates from about 1 MiB). The stream is deflated as the client reads it
  // and framed as chunked, its length being unknown up front; a client that reads it all
  // gets a complete, valid stream.
  void set_gzip_bomb(std::string path, std::uint64_t decoded_bytes);
  // Announces a Content-Length 64 KiB larger than `bytes_before_reset`, sends that many
  // bytes of the body, then resets the connection (SO_LINGER 0 and close: an RST, not a
  // FIN). The reset discards whatever the client's receive window had not yet taken, so
  // the client sees all of them only if they fit in it (tens of KiB always do).
  void set_reset_mid_body(std::string path, std::size_t bytes_before_reset);
  // Sends a chunked body whose first chunk (the 26 letters) is valid and whose next chunk
  // size line is "zz", followed by some text, then closes the connection normally.
  void set_broken_chunked(std::string path);

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

  // How many client connections the server has accepted and not yet closed. A connection
  // counts until the server has seen the client close it (or closed it itself), so it drops
  // shortly after a client hangs up, not at the same instant.
  std::size_t open_connections() const;
  // Blocks the caller until open_connections() == `count` or `timeout` passes; returns
  // whether the count was reached. Lets a test check that a client closed its connections.
  bool wait_for_open_connections(std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace test_support
