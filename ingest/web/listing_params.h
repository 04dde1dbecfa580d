#pragma once
// The listing a reviewer is working through, as the query string carries it from page to
// page (state, outlet, lang, since, min_score, sort, page), so that "next", a decision's
// redirect and the side list all stay in the same filtered order.
#include <expected>
#include <string>

#include "ingest/web/form.h"
#include "store/listing.h"

namespace ingest::web {

inline constexpr std::size_t kPageSize = 50;

struct ListingParams {
  store::ListingQuery query;  // limit and offset set from the page
  std::size_t page = 1;       // 1-based
};

// From a query string's fields. Unknown fields are ignored; a bad value (a state that does
// not exist, a day that is not YYYY-MM-DD, a score that is not a number, a page that is not
// a positive integer) is an error naming the field.
std::expected<ListingParams, std::string> parse_listing(const Form& fields);

// The listing a form's `back` field names: a query string this console wrote ("" or
// "?sort=score..."). Read like a query, so what goes back into a Location header is always
// one the console builds itself.
std::expected<ListingParams, std::string> parse_back(std::string_view back);

// "?state=approved&sort=score" (only what differs from the defaults; empty when nothing
// does). With `with_page`, the page too.
std::string listing_query(const ListingParams& params, bool with_page = false);

// The sort's name in URLs: arrival, published, score.
std::string_view sort_name(store::ListingQuery::Sort sort);

}  // namespace ingest::web
