#include "ingest/fetch/curl_transfer.h"

#include <algorithm>

#include "ingest/fetch/freshness.h"
#include "normalize/text.h"

namespace ingest::fetch {
namespace {

FetchError curl_error(CURLcode code, const char* detail, const std::string& url) {
  using Kind = FetchError::Kind;
  Kind kind = Kind::other;
  std::string message = detail && *detail ? detail : curl_easy_strerror(code);
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_RESOLVE_PROXY: kind = Kind::dns; break;
    case CURLE_COULDNT_CONNECT: kind = Kind::connect; break;
    case CURLE_SSL_CONNECT_ERROR: case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM: case CURLE_SSL_CIPHER: case CURLE_SSL_CACERT_BADFILE:
      kind = Kind::tls; break;
    case CURLE_OPERATION_TIMEDOUT:
      // libcurl reports the minimum-speed cut-off as a timeout; its message tells them apart.
      kind = message.find("too slow") != std::string::npos ? Kind::too_slow : Kind::timeout;
      break;
    case CURLE_TOO_MANY_REDIRECTS: kind = Kind::too_many_redirects; break;
    case CURLE_UNSUPPORTED_PROTOCOL: kind = Kind::bad_scheme; break;
    case CURLE_FILESIZE_EXCEEDED: kind = Kind::too_large; break;
    case CURLE_RECV_ERROR: case CURLE_SEND_ERROR: case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE: case CURLE_BAD_CONTENT_ENCODING: case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: case CURLE_WEIRD_SERVER_REPLY:
      kind = Kind::network; break;
    default: break;
  }
  return FetchError{kind, message + " (" + url + ")"};
}

}  // namespace

CurlTransfer::CurlTransfer(FetchRequest request, FetchCallback done)
    : request_(std::move(request)), done_(std::move(done)) {}

const std::string* CurlTransfer::header(const std::string& name) const {
  auto it = headers_in_.find(name);
  return it == headers_in_.end() ? nullptr : &it->second;
}

size_t CurlTransfer::on_body(char* data, size_t size, size_t count, void* self) {
  auto* t = static_cast<CurlTransfer*>(self);
  size_t bytes = size * count;
  // libcurl hands over decoded bytes, so this cap holds for compressed bodies too: a gzip
  // bomb stops here after max_bytes, not after inflating.
  if (static_cast<std::int64_t>(t->body_.size() + bytes) > t->max_bytes_) {
    t->too_large_ = true;
    return CURL_WRITEFUNC_ERROR;
  }
  t->body_.append(data, bytes);
  return bytes;
}

size_t CurlTransfer::on_header(char* data, size_t size, size_t count, void* self) {
  auto* t = static_cast<CurlTransfer*>(self);
  size_t bytes = size * count;
  std::string_view line{data, bytes};
  // A status line starts a new response (after a redirect or 100 Continue).
  if (line.starts_with("HTTP/")) {
    t->headers_in_.clear();
    return bytes;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string name = normalize::ascii_lower(normalize::trim(line.substr(0, colon)));
  t->headers_in_[name] = std::string{normalize::trim(line.substr(colon + 1))};
  return bytes;
}

std::expected<CURL*, FetchError> CurlTransfer::prepare(const FetchSettings& s) {
  easy_.reset(curl_easy_init());
  if (!easy_) return std::unexpected(FetchError{FetchError::Kind::other, "curl_easy_init failed"});
  ++attempts_;
  body_.clear();
  headers_in_.clear();
  too_large_ = false;
  max_bytes_ = s.max_body_bytes;
  error_buffer_[0] = '\0';
  headers_out_.reset();
  auto add_header = [this](const std::string& line) {
    if (curl_slist* appended = curl_slist_append(headers_out_.get(), line.c_str())) {
      (void)headers_out_.release();  // appended now owns the old list as its head
      headers_out_.reset(appended);
    }
  };
  if (request_.etag) add_header("If-None-Match: " + *request_.etag);
  if (request_.last_modified) add_header("If-Modified-Since: " + *request_.last_modified);

  CURL* curl = easy_.get();
  curl_easy_setopt(curl, CURLOPT_URL, request_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PRIVATE, this);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, s.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers_out_.get());
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(s.max_redirects));
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(s.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(s.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(s.min_speed_bytes));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(s.min_speed_window.count()));
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(s.max_body_bytes));
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer_);
  return curl;
}

FetchResult CurlTransfer::finish(CURLcode code) {
  if (too_large_ || code == CURLE_FILESIZE_EXCEEDED)
    return std::unexpected(FetchError{FetchError::Kind::too_large,
                                      "body larger than " + std::to_string(max_bytes_) +
                                          " bytes (" + request_.url + ")"});
  if (code != CURLE_OK) return std::unexpected(curl_error(code, error_buffer_, request_.url));

  FetchResponse response;
  response.attempts = attempts_;
  curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &response.status);
  char* final_url = nullptr;
  curl_easy_getinfo(easy_.get(), CURLINFO_EFFECTIVE_URL, &final_url);
  response.final_url = final_url ? final_url : request_.url;
  if (response.status >= 400) {
    auto kind = response.status >= 500 ? FetchError::Kind::http_5xx : FetchError::Kind::http_4xx;
    return std::unexpected(FetchError{
        kind, "HTTP " + std::to_string(response.status) + " (" + response.final_url + ")", response.status});
  }
  response.not_modified = response.status == 304;
  if (auto* etag = header("etag")) response.etag = *etag;
  if (auto* modified = header("last-modified")) response.last_modified = *modified;
  if (auto* cache_control = header("cache-control")) response.max_age = cache_max_age(*cache_control);
  if (auto* type = header("content-type")) {
    std::string value = normalize::ascii_lower(*type);
    auto semicolon = value.find(';');
    response.content_type = std::string{normalize::trim(std::string_view{value}.substr(0, semicolon))};
    if (semicolon != std::string::npos)
      if (auto pos = value.find("charset=", semicolon); pos != std::string::npos) {
        std::string charset = value.substr(pos + 8);
        charset.erase(std::remove(charset.begin(), charset.end(), '"'), charset.end());
        response.charset = std::string{normalize::trim(charset.substr(0, charset.find(';')))};
      }
  }
  response.body = std::move(body_);
  // A byte-order mark names the encoding when the header did not.
  if (response.charset.empty()) {
    if (response.body.starts_with("\xEF\xBB\xBF")) response.charset = "utf-8";
    else if (response.body.starts_with("\xFF\xFE")) response.charset = "utf-16le";
    else if (response.body.starts_with("\xFE\xFF")) response.charset = "utf-16be";
  }
  return response;
}

}  // namespace ingest::fetch
