#include "ingest/http_fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <thread>

#include "normalize/text.h"
#include "normalize/url.h"

namespace ingest {
namespace {

struct CurlEasyDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

struct Transfer {
  std::string body;
  std::int64_t max_bytes = 0;
  bool too_large = false;
  std::map<std::string, std::string> headers;  // of the last response, names lowercased
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  // libcurl hands over decoded bytes, so this cap holds for compressed bodies too: a gzip
  // bomb stops here after max_bytes, not after inflating.
  if (static_cast<std::int64_t>(transfer->body.size() + bytes) > transfer->max_bytes) {
    transfer->too_large = true;
    return CURL_WRITEFUNC_ERROR;
  }
  transfer->body.append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  std::string_view line{data, bytes};
  // A status line starts a new response (after a redirect or 100 Continue).
  if (line.starts_with("HTTP/")) {
    transfer->headers.clear();
    return bytes;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string name = normalize::ascii_lower(normalize::trim(line.substr(0, colon)));
  transfer->headers[name] = std::string{normalize::trim(line.substr(colon + 1))};
  return bytes;
}

FetchError curl_error(CURLcode code, const char* detail, const std::string& url) {
  using Kind = FetchError::Kind;
  Kind kind = Kind::other;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_RESOLVE_PROXY: kind = Kind::dns; break;
    case CURLE_COULDNT_CONNECT: kind = Kind::connect; break;
    case CURLE_SSL_CONNECT_ERROR: case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM: case CURLE_SSL_CIPHER: case CURLE_SSL_CACERT_BADFILE:
      kind = Kind::tls; break;
    case CURLE_OPERATION_TIMEDOUT: kind = Kind::timeout; break;
    case CURLE_TOO_MANY_REDIRECTS: kind = Kind::too_many_redirects; break;
    case CURLE_UNSUPPORTED_PROTOCOL: kind = Kind::bad_scheme; break;
    case CURLE_FILESIZE_EXCEEDED: kind = Kind::too_large; break;
    case CURLE_RECV_ERROR: case CURLE_SEND_ERROR: case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE: case CURLE_BAD_CONTENT_ENCODING: kind = Kind::network; break;
    default: break;
  }
  std::string message = detail && *detail ? detail : curl_easy_strerror(code);
  return FetchError{kind, message + " (" + url + ")"};
}

}  // namespace

std::string_view kind_name(FetchError::Kind kind) {
  switch (kind) {
    case FetchError::Kind::dns: return "dns";
    case FetchError::Kind::connect: return "connect";
    case FetchError::Kind::tls: return "tls";
    case FetchError::Kind::timeout: return "timeout";
    case FetchError::Kind::too_slow: return "too_slow";
    case FetchError::Kind::too_large: return "too_large";
    case FetchError::Kind::too_many_redirects: return "too_many_redirects";
    case FetchError::Kind::bad_scheme: return "bad_scheme";
    case FetchError::Kind::http_4xx: return "http_4xx";
    case FetchError::Kind::http_5xx: return "http_5xx";
    case FetchError::Kind::network: return "network";
    case FetchError::Kind::other: return "other";
  }
  return "other";
}

struct HttpFetcher::State {
  FetchSettings settings;
  CurlEasy curl{curl_easy_init()};
  // When each host may next be asked; politeness is per host across feeds and articles.
  std::map<std::string, std::chrono::steady_clock::time_point> next_allowed;
};

HttpFetcher::HttpFetcher(FetchSettings settings) : state_(std::make_unique<State>()) {
  state_->settings = std::move(settings);
}
HttpFetcher::~HttpFetcher() = default;

std::expected<FetchResponse, FetchError> HttpFetcher::fetch(const FetchRequest& request) {
  const FetchSettings& s = state_->settings;
  if (!state_->curl) return std::unexpected(FetchError{FetchError::Kind::other, "curl_easy_init failed"});
  auto scheme_ok = normalize::canonical_url(request.url);
  if (!scheme_ok)
    return std::unexpected(FetchError{FetchError::Kind::bad_scheme, scheme_ok.error().message});

  std::string host = normalize::url_host(request.url);
  auto delay = request.min_delay.value_or(s.min_delay);
  if (auto it = state_->next_allowed.find(host); it != state_->next_allowed.end()) {
    // Sequential fetching has nothing else to do meanwhile; the Asio-driven fetcher of
    // issue 3 replaces this wait with a timer on the event loop.
    std::this_thread::sleep_until(it->second);
  }

  CURL* curl = state_->curl.get();
  curl_easy_reset(curl);
  Transfer transfer;
  transfer.max_bytes = s.max_body_bytes;
  CurlList headers;
  auto add_header = [&headers](const std::string& line) {
    curl_slist* appended = curl_slist_append(headers.get(), line.c_str());
    if (appended) {
      (void)headers.release();
      headers.reset(appended);
    }
  };
  if (request.etag) add_header("If-None-Match: " + *request.etag);
  if (request.last_modified) add_header("If-Modified-Since: " + *request.last_modified);

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_USERAGENT, s.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
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
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);

  CURLcode code = curl_easy_perform(curl);
  state_->next_allowed[host] = std::chrono::steady_clock::now() + delay;

  if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED)
    return std::unexpected(FetchError{FetchError::Kind::too_large,
                                      "body larger than " + std::to_string(s.max_body_bytes) +
                                          " bytes (" + request.url + ")"});
  if (code == CURLE_OPERATION_TIMEDOUT && std::string_view{error_buffer}.find("less than") != std::string_view::npos)
    return std::unexpected(FetchError{FetchError::Kind::too_slow, std::string{error_buffer} + " (" + request.url + ")"});
  if (code != CURLE_OK) return std::unexpected(curl_error(code, error_buffer, request.url));

  FetchResponse response;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  char* final_url = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &final_url);
  response.final_url = final_url ? final_url : request.url;
  if (response.status >= 400) {
    auto kind = response.status >= 500 ? FetchError::Kind::http_5xx : FetchError::Kind::http_4xx;
    return std::unexpected(FetchError{kind, "HTTP " + std::to_string(response.status) + " (" + response.final_url + ")",
                                      response.status});
  }
  response.not_modified = response.status == 304;
  if (auto it = transfer.headers.find("etag"); it != transfer.headers.end()) response.etag = it->second;
  if (auto it = transfer.headers.find("last-modified"); it != transfer.headers.end())
    response.last_modified = it->second;
  if (auto it = transfer.headers.find("content-type"); it != transfer.headers.end()) {
    std::string value = normalize::ascii_lower(it->second);
    auto semicolon = value.find(';');
    response.content_type = std::string{normalize::trim(std::string_view{value}.substr(0, semicolon))};
    if (auto pos = value.find("charset=", semicolon == std::string::npos ? value.size() : semicolon);
        pos != std::string::npos) {
      std::string charset = value.substr(pos + 8);
      charset.erase(std::remove(charset.begin(), charset.end(), '"'), charset.end());
      response.charset = std::string{normalize::trim(charset.substr(0, charset.find(';')))};
    }
  }
  response.body = std::move(transfer.body);
  return response;
}

}  // namespace ingest
