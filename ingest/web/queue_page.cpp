#include "ingest/web/queue_page.h"

#include <algorithm>

#include "ingest/log/log.h"
#include "ingest/web/listing_params.h"
#include "ingest/web/pages.h"
#include "ingest/web/responses.h"
#include "store/items.h"
#include "store/review.h"

namespace ingest::web {
namespace {

namespace http = boost::beast::http;

std::string heading_of(store::ItemState state) {
  switch (state) {
    case store::ItemState::flagged: return "Awaiting a decision";
    case store::ItemState::stored: return "Stored, not flagged";
    case store::ItemState::approved: return "Approved, not yet exported";
    case store::ItemState::rejected: return "Rejected";
    case store::ItemState::exported: return "Exported";
    case store::ItemState::duplicate: return "Duplicates";
    case store::ItemState::failed: return "Failed";
    default: break;
  }
  return "Items " + std::string{store::state_name(state)};
}

std::string detail_heading(store::ItemState state) {
  switch (state) {
    case store::ItemState::approved:
    case store::ItemState::rejected: return "decided";
    case store::ItemState::exported: return "file";
    case store::ItemState::duplicate: return "duplicate";
    case store::ItemState::failed: return "error";
    default: break;
  }
  return "";
}

Data choices(const std::vector<std::string>& names, const std::optional<std::string>& chosen) {
  Data list = Data::type::list;
  for (const auto& name : names) {
    Data option;
    option.set("name", name);
    option.set("selected", chosen && *chosen == name);
    list.push_back(option);
  }
  return list;
}

Data sorts(store::ListingQuery::Sort chosen) {
  using Sort = store::ListingQuery::Sort;
  const std::pair<Sort, const char*> all[] = {
      {Sort::arrival, "arrival"}, {Sort::publication, "publication date"}, {Sort::score, "score"}};
  Data list = Data::type::list;
  for (const auto& [sort, label] : all) {
    Data option;
    option.set("value", std::string{sort_name(sort)});
    option.set("label", label);
    option.set("selected", sort == chosen);
    list.push_back(option);
  }
  return list;
}

Data row_of(const store::ListedItem& item, const std::string& query) {
  Data row;
  row.set("id", std::to_string(item.id));
  row.set("query", query);
  row.set("title", item.title.empty() ? "(no title)" : item.title);
  const std::string href = safe_href(item.url);
  if (!href.empty()) row.set("href", href);
  row.set("outlet", item.outlet);
  row.set("date", item.published ? item.published->substr(0, 10) : std::string{});
  row.set("language", item.language.value_or(""));
  row.set("score", decimal(item.score));
  if (item.decided_by || item.decided_at)
    row.set("decided", "by " + item.decided_by.value_or("?") + " at " + item.decided_at.value_or("?"));
  if (item.duplicate_of) row.set("duplicate_item", std::to_string(*item.duplicate_of));
  if (item.duplicate_file) row.set("duplicate_file", *item.duplicate_file);
  if (item.duplicate_kind) row.set("duplicate_kind", *item.duplicate_kind);
  if (item.state == store::ItemState::failed) {
    row.set("error_kind", std::string{item.error_kind ? store::failure_kind_name(*item.error_kind) : "other"});
    row.set("error", log::bounded(item.last_error.value_or(""), 200));
  }
  if (item.corpus_file) row.set("corpus_file", *item.corpus_file);
  return row;
}

// The page's links keep the filters; only the page number changes.
std::string page_link(ListingParams params, std::size_t page) {
  params.page = page;
  std::string query = listing_query(params, true);
  return "/" + query;
}

std::optional<std::int64_t> count_field(const Form& query, std::string_view name) {
  auto text = query.get(name);
  return text ? whole_number(*text) : std::nullopt;
}

}  // namespace

httpd::Response show_listing(Context& context, const Form& query) {
  auto params = parse_listing(query);
  if (!params) return message_page(context, http::status::bad_request, "Bad filter", params.error());
  const auto& q = params->query;
  auto listing = store::list_items(context.db, q);
  if (!listing) return store_failure(context, listing.error());
  auto outlets = store::outlets_in_state(context.db, q.state);
  if (!outlets) return store_failure(context, outlets.error());
  auto languages = store::languages_in_state(context.db, q.state);
  if (!languages) return store_failure(context, languages.error());
  // A filter whose value has no item in this state still shows as chosen.
  if (q.outlet && std::find(outlets->begin(), outlets->end(), *q.outlet) == outlets->end()) outlets->push_back(*q.outlet);
  if (q.language && std::find(languages->begin(), languages->end(), *q.language) == languages->end())
    languages->push_back(*q.language);
  const std::string back = listing_query(*params);
  const bool decidable = q.state == store::ItemState::flagged || q.state == store::ItemState::stored;

  Data data;
  data.set("state", std::string{store::state_name(q.state)});
  data.set("heading", heading_of(q.state));
  data.set("total", std::to_string(listing->total));
  data.set("outlets", choices(*outlets, q.outlet));
  data.set("languages", choices(*languages, q.language));
  data.set("since", q.since_day.value_or(""));
  data.set("min_score", q.min_score ? decimal(*q.min_score) : std::string{});
  data.set("sorts", sorts(q.sort));
  data.set("csrf", context.session->csrf);
  data.set("back", back);
  data.set("decidable", decidable);
  data.set("detail_heading", detail_heading(q.state));
  data.set("empty", listing->items.empty());
  data.set("filtered", q.outlet || q.language || q.since_day || q.min_score);
  Data rows = Data::type::list;
  for (const auto& item : listing->items) rows.push_back(row_of(item, back));
  data.set("rows", rows);
  if (!listing->items.empty())
    data.set("range", std::to_string(q.offset + 1) + "–" + std::to_string(q.offset + listing->items.size()) + " of " +
                          std::to_string(listing->total));
  if (params->page > 1) data.set("previous_page", page_link(*params, params->page - 1));
  if (static_cast<std::int64_t>(q.offset + listing->items.size()) < listing->total)
    data.set("next_page", page_link(*params, params->page + 1));
  auto decided = count_field(query, "decided");
  auto skipped = count_field(query, "skipped");
  if (decided || skipped) {
    std::string notice = std::to_string(decided.value_or(0)) + " decided";
    if (skipped.value_or(0) > 0)
      notice += "; " + std::to_string(*skipped) + " skipped (decided by someone else meanwhile, or no longer awaiting a decision)";
    data.set("notice", notice);
  }

  auto frame = frame_for(context, heading_of(q.state), "queue", store::state_name(q.state));
  if (!frame) return store_failure(context, frame.error());
  auto aside = recent_aside(context, back);
  if (!aside) return store_failure(context, aside.error());
  return html(http::status::ok, context.views.page(*frame, context.views.render(Template::queue, data), *aside),
              context.request);
}

httpd::Response decide_selected(Context& context, const Form& form) {
  const auto verdict = review_action(form);
  if (!verdict) return message_page(context, http::status::bad_request, "Bad form", "action: expected approve or reject");
  std::vector<std::int64_t> ids;
  for (const auto& text : form.all("ids")) {
    auto id = whole_number(text);
    if (!id || *id == 0) return message_page(context, http::status::bad_request, "Bad form", "ids: expected item numbers");
    ids.push_back(*id);
  }
  auto listing = parse_back(form.get("back").value_or(""));
  if (!listing) return message_page(context, http::status::bad_request, "Bad form", listing.error());
  const std::string back = listing_query(*listing);
  if (ids.empty())
    return message_page(context, http::status::bad_request, "Nothing selected",
                        "Select items with the boxes (or x) before approving or rejecting several.", "/" + back);
  const auto note = form.non_empty("note");
  std::int64_t decided = 0, skipped = 0;
  for (std::int64_t id : ids) {
    auto outcome = store::decide_undecided(context.db, id, *verdict, note, context.session->user.name);
    if (outcome) {
      ++decided;
      log::logger("web")->info("decided item={} decision={} user={}", id, outcome->decision, context.session->user.name);
    } else if (outcome.error().code == store::Error::Code::already_decided ||
               outcome.error().code == store::Error::Code::invalid_state ||
               outcome.error().code == store::Error::Code::not_found) {
      ++skipped;
    } else {
      return store_failure(context, outcome.error());
    }
  }
  std::string location = "/" + back;
  location += back.empty() ? "?" : "&";
  location += "decided=" + std::to_string(decided) + "&skipped=" + std::to_string(skipped);
  return see_other(location, context.request);
}

}  // namespace ingest::web
