#pragma once
// One HTTP transfer as libcurl sees it: the easy handle set up with every limit of the
// settings, the bytes and headers it collects, and its outcome as a FetchResponse or a
// FetchError. Owned by the fetch engine; not thread-safe.
#include <curl/curl.h>

#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "ingest/fetch/fetch_settings.h"
#include "ingest/fetch/fetch_types.h"

namespace ingest::fetch {

struct CurlEasyDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

using FetchResult = std::expected<FetchResponse, FetchError>;
using FetchCallback = std::function<void(FetchResult)>;

class CurlTransfer {
 public:
  CurlTransfer(FetchRequest request, FetchCallback done);
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  // Prepares a fresh easy handle for the next attempt; the collected body and headers are
  // cleared. Fails with `other` if libcurl cannot allocate.
  std::expected<CURL*, FetchError> prepare(const FetchSettings& settings);
  // The outcome of the attempt that libcurl finished with `code`.
  FetchResult finish(CURLcode code);

  const FetchRequest& request() const { return request_; }
  FetchCallback& callback() { return done_; }
  int attempts() const { return attempts_; }
  CURL* handle() const { return easy_.get(); }
  // A header of the last response by lowercase name, as sent; nullptr when absent.
  const std::string* header(const std::string& lowercase_name) const;

 private:
  static size_t on_body(char* data, size_t size, size_t count, void* self);
  static size_t on_header(char* data, size_t size, size_t count, void* self);

  FetchRequest request_;
  FetchCallback done_;
  CurlEasy easy_;
  CurlList headers_out_;
  std::string body_;
  std::int64_t max_bytes_ = 0;
  bool too_large_ = false;
  std::map<std::string, std::string> headers_in_;  // of the last response, names lowercased
  char error_buffer_[CURL_ERROR_SIZE] = {};
  int attempts_ = 0;
};

}  // namespace ingest::fetch
