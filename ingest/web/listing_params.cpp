#include "ingest/web/listing_params.h"

#include <charconv>
#include <cmath>

#include "store/item_state.h"

namespace ingest::web {
namespace {

bool is_day(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (text[i] < '0' || text[i] > '9') return false;
  return true;
}

}  // namespace

std::string_view sort_name(store::ListingQuery::Sort sort) {
  switch (sort) {
    case store::ListingQuery::Sort::publication: return "published";
    case store::ListingQuery::Sort::score: return "score";
    case store::ListingQuery::Sort::arrival: break;
  }
  return "arrival";
}

std::expected<ListingParams, std::string> parse_listing(const Form& fields) {
  ListingParams params;
  auto& q = params.query;
  if (auto state = fields.non_empty("state")) {
    auto named = store::state_named(*state);
    if (!named) return std::unexpected("state: no state named '" + *state + "'");
    q.state = *named;
  }
  q.outlet = fields.non_empty("outlet");
  q.language = fields.non_empty("lang");
  if (auto since = fields.non_empty("since")) {
    if (!is_day(*since)) return std::unexpected("since: expected a day as YYYY-MM-DD");
    q.since_day = since;
  }
  if (auto score = fields.non_empty("min_score")) {
    double value = 0;
    auto read = std::from_chars(score->data(), score->data() + score->size(), value);
    if (read.ec != std::errc{} || read.ptr != score->data() + score->size() || !std::isfinite(value))
      return std::unexpected("min_score: expected a number");
    q.min_score = value;
  }
  if (auto sort = fields.non_empty("sort")) {
    if (*sort == "arrival") q.sort = store::ListingQuery::Sort::arrival;
    else if (*sort == "published") q.sort = store::ListingQuery::Sort::publication;
    else if (*sort == "score") q.sort = store::ListingQuery::Sort::score;
    else return std::unexpected("sort: expected arrival, published or score");
  }
  if (auto page = fields.non_empty("page")) {
    auto value = whole_number(*page);
    if (!value || *value == 0 || *value > 1'000'000) return std::unexpected("page: expected a positive whole number");
    params.page = static_cast<std::size_t>(*value);
  }
  q.limit = kPageSize;
  q.offset = (params.page - 1) * kPageSize;
  return params;
}

std::expected<ListingParams, std::string> parse_back(std::string_view back) {
  if (!back.empty() && back.front() != '?') return std::unexpected("back: expected a query string");
  auto fields = parse_form(back.empty() ? back : back.substr(1));
  if (!fields) return std::unexpected("back: " + fields.error());
  return parse_listing(*fields);
}

std::string listing_query(const ListingParams& params, bool with_page) {
  std::string out;
  auto add = [&out](std::string_view name, std::string_view value) {
    out += out.empty() ? "?" : "&";
    out += name;
    out += '=';
    out += url_encode(value);
  };
  const auto& q = params.query;
  if (q.state != store::ItemState::flagged) add("state", store::state_name(q.state));
  if (q.outlet) add("outlet", *q.outlet);
  if (q.language) add("lang", *q.language);
  if (q.since_day) add("since", *q.since_day);
  if (q.min_score) {
    char buffer[32];
    auto written = std::to_chars(buffer, buffer + sizeof buffer, *q.min_score);
    add("min_score", std::string_view(buffer, static_cast<std::size_t>(written.ptr - buffer)));
  }
  if (q.sort != store::ListingQuery::Sort::arrival) add("sort", sort_name(q.sort));
  if (with_page && params.page > 1) add("page", std::to_string(params.page));
  return out;
}

}  // namespace ingest::web
