#include "ingest/web/item_page.h"

#include "flag/frame_text.h"
#include "flag/term_spans.h"
#include "ingest/log/log.h"
#include "ingest/web/listing_params.h"
#include "ingest/web/pages.h"
#include "ingest/web/responses.h"
#include "store/history.h"
#include "store/items.h"
#include "store/listing.h"
#include "store/review.h"

namespace ingest::web {
namespace {

namespace http = boost::beast::http;

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// The sentence in parts, the matched terms marked: the template escapes each part.
Data evidence_of(const flag::Evidence& evidence, flag::WordFolder& folder) {
  auto [here, nearby] = flag::split_terms(evidence.sentence, evidence.terms, folder);
  Data parts = Data::type::list;
  std::size_t at = 0;
  auto add = [&parts](std::string_view text, bool mark) {
    if (text.empty()) return;
    Data part;
    part.set("text", std::string{text});
    part.set("mark", mark);
    parts.push_back(part);
  };
  const std::string_view sentence = evidence.sentence;
  for (const auto& span : flag::term_spans(sentence, here, folder)) {
    add(sentence.substr(at, span.begin - at), false);
    add(sentence.substr(span.begin, span.end - span.begin), true);
    at = span.end;
  }
  add(sentence.substr(at), false);
  Data out;
  out.set("weight", decimal(evidence.weight));
  out.set("parts", parts);
  if (!nearby.empty()) out.set("nearby", joined(nearby));
  if (!evidence.not_parties.empty()) out.set("not_parties", joined(evidence.not_parties));
  if (std::string frame = flag::frame_text(evidence); !frame.empty()) out.set("frame", frame);
  return out;
}

// The item's standing decision, the last not undone.
const store::Decision* standing_decision(const store::ItemRecord& item) {
  for (auto d = item.decisions.rbegin(); d != item.decisions.rend(); ++d)
    if (!d->undone_at) return &*d;
  return nullptr;
}

Data history_of(const store::ItemHistory& history) {
  Data list = Data::type::list;
  std::string previous_title;
  for (const auto& e : history.events) {
    Data event;
    event.set("at", e.at);
    event.set("what", store::history_event_name(e));
    event.set("detail", store::history_event_detail(e, previous_title));
    if (e.version) previous_title = e.version->title;
    list.push_back(event);
  }
  return list;
}

Data ids(const std::vector<std::int64_t>& values) {
  Data list = Data::type::list;
  for (auto v : values) list.push_back(Data{std::to_string(v)});
  return list;
}

std::string listing_label(store::ItemState state) {
  return state == store::ItemState::flagged ? "queue" : std::string{store::state_name(state)} + " items";
}

}  // namespace

httpd::Response show_item(Context& context, std::int64_t id, const ListingParams& listing,
                          const std::optional<Notice>& notice, http::status status) {
  auto history = store::item_history(context.db, id);
  if (!history) return store_failure(context, history.error());
  if (!*history)
    return message_page(context, http::status::not_found, "No such item",
                        "There is no item " + std::to_string(id) + " in this store.");
  const store::ItemRecord& item = (*history)->item;
  auto around = store::neighbours(context.db, listing.query, id);
  if (!around) return store_failure(context, around.error());
  auto repeated_by = store::duplicates_of(context.db, id);
  if (!repeated_by) return store_failure(context, repeated_by.error());
  const std::string back = listing_query(listing);
  const store::User& me = context.session->user;

  Data data;
  data.set("id", std::to_string(item.id));
  data.set("query", back);
  data.set("back", back);
  data.set("csrf", context.session->csrf);
  data.set("listing", listing_label(listing.query.state));
  if (around->previous) data.set("previous", std::to_string(*around->previous));
  if (around->next) data.set("next", std::to_string(*around->next));
  if (notice) {
    data.set("notice", notice->text);
    data.set("notice_kind", notice->kind);
  }
  data.set("title", item.title.empty() ? "(no title)" : item.title);
  data.set("outlet", item.outlet);
  data.set("published", item.published.value_or("unknown"));
  data.set("authors", item.authors.empty() ? std::string{"unknown"} : joined(item.authors));
  data.set("language", item.language.value_or("unknown"));
  data.set("state", std::string{store::state_name(item.state)});
  data.set("url", item.canonical_url);
  if (auto href = safe_href(item.canonical_url); !href.empty()) data.set("href", href);

  const bool awaiting = item.state == store::ItemState::flagged || item.state == store::ItemState::stored;
  data.set("decidable", awaiting);
  if (const auto* decision = standing_decision(item); decision && !awaiting) {
    Data decided;
    decided.set("decision", decision->decision);
    decided.set("by", decision->user.value_or("(not recorded)"));
    decided.set("at", decision->decided_at);
    if (decision->note) decided.set("note", *decision->note);
    const bool open = item.state == store::ItemState::approved || item.state == store::ItemState::rejected;
    decided.set("undoable", open && (decision->user == me.name || me.role == store::Role::admin));
    data.set("decided", decided);
  }

  const bool judged = item.seed_text.has_value();
  data.set("has_verdict", judged && item.state != store::ItemState::duplicate);
  data.set("score", decimal(item.score));
  data.set("rules_version", item.rules_version.value_or("unknown"));
  flag::WordFolder folder;
  Data evidence = Data::type::list;
  for (const auto& e : item.evidence) evidence.push_back(evidence_of(e, folder));
  data.set("evidence", evidence);

  const bool linked = item.duplicate_of || item.duplicate_file || item.translation_of || !item.translations.empty() ||
                      !repeated_by->empty() || !item.revisions.empty() || !item.other_urls.empty();
  data.set("has_links", linked);
  if (item.duplicate_of) data.set("duplicate_item", std::to_string(*item.duplicate_of));
  if (item.duplicate_file) data.set("duplicate_file", *item.duplicate_file);
  if (item.duplicate_kind) data.set("duplicate_kind", std::string{store::duplicate_kind_name(*item.duplicate_kind)});
  if (item.similarity) data.set("similarity", decimal(*item.similarity));
  if (item.translation_of) data.set("translation_of", std::to_string(*item.translation_of));
  data.set("translations", ids(item.translations));
  data.set("duplicates", ids(*repeated_by));
  Data revisions = Data::type::list;
  for (const auto& r : item.revisions) {
    Data revision;
    revision.set("number", std::to_string(r.number));
    revision.set("replaced_at", r.replaced_at);
    revision.set("title", r.title);
    revisions.push_back(revision);
  }
  data.set("revisions", revisions);
  Data other_urls = Data::type::list;
  for (const auto& u : item.other_urls) {
    Data url;
    url.set("url", u.url);
    url.set("kind", std::string{store::duplicate_kind_name(u.kind)});
    other_urls.push_back(url);
  }
  data.set("other_urls", other_urls);
  data.set("has_document", judged);
  if (item.seed_text) data.set("document", *item.seed_text);
  if (item.last_error && item.state == store::ItemState::failed) {
    Data failure;
    failure.set("error_kind", std::string{item.error_kind ? store::failure_kind_name(*item.error_kind) : "other"});
    failure.set("error", *item.last_error);
    data.set("failure", failure);
  }
  data.set("history", history_of(**history));

  auto frame = frame_for(context, item.title.empty() ? "item " + std::to_string(id) : item.title, "item",
                         store::state_name(listing.query.state));
  if (!frame) return store_failure(context, frame.error());
  auto aside = recent_aside(context, back);
  if (!aside) return store_failure(context, aside.error());
  return html(status, context.views.page(*frame, context.views.render(Template::item, data), *aside), context.request);
}

httpd::Response decide_item(Context& context, std::int64_t id, const Form& form) {
  const auto verdict = review_action(form);
  if (!verdict) return message_page(context, http::status::bad_request, "Bad form", "action: expected approve or reject");
  auto listing = parse_back(form.get("back").value_or(""));
  if (!listing) return message_page(context, http::status::bad_request, "Bad form", listing.error());
  const std::string back = listing_query(*listing);
  // Where to go next is read before deciding: the decided item then leaves the listing.
  auto around = store::neighbours(context.db, listing->query, id);
  if (!around) return store_failure(context, around.error());
  const std::string& user = context.session->user.name;
  auto outcome = store::decide_undecided(context.db, id, *verdict, form.non_empty("note"), user);
  if (!outcome) {
    switch (outcome.error().code) {
      case store::Error::Code::not_found:
        return message_page(context, http::status::not_found, "No such item", outcome.error().message);
      case store::Error::Code::already_decided:
      case store::Error::Code::invalid_state:
        return show_item(context, id, *listing, Notice{outcome.error().message, "conflict"}, http::status::conflict);
      default: return store_failure(context, outcome.error());
    }
  }
  log::logger("web")->info("decided item={} decision={} user={}", id, outcome->decision, user);
  const auto next = around->next ? around->next : around->previous;
  return see_other(next ? "/items/" + std::to_string(*next) + back : "/" + back, context.request);
}

httpd::Response undo_item(Context& context, std::int64_t id, const Form& form) {
  auto listing = parse_back(form.get("back").value_or(""));
  if (!listing) return message_page(context, http::status::bad_request, "Bad form", listing.error());
  const std::string back = listing_query(*listing);
  const store::User& me = context.session->user;
  auto undone = store::undo_decision(context.db, id, me.name, me.role == store::Role::admin);
  if (!undone) {
    switch (undone.error().code) {
      case store::Error::Code::not_found:
        return message_page(context, http::status::not_found, "No such item", undone.error().message);
      case store::Error::Code::forbidden:
        return show_item(context, id, *listing, Notice{undone.error().message, "error"}, http::status::forbidden);
      case store::Error::Code::invalid_state:
        return show_item(context, id, *listing, Notice{undone.error().message, "conflict"}, http::status::conflict);
      default: return store_failure(context, undone.error());
    }
  }
  log::logger("web")->info("undone item={} decision={} user={}", id, undone->undone, me.name);
  return see_other("/items/" + std::to_string(id) + back, context.request);
}

}  // namespace ingest::web
