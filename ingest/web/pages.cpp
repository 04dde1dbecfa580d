#include "ingest/web/pages.h"

#include <array>
#include <cstdio>

#include "ingest/log/log.h"
#include "ingest/web/responses.h"
#include "ingest/web/listing_params.h"
#include "store/items.h"
#include "store/review.h"

namespace ingest::web {
namespace {

// The tabs, in the order a reviewer meets them.
constexpr std::array<std::pair<store::ItemState, std::string_view>, 7> kTabs = {{
    {store::ItemState::flagged, "queue"},
    {store::ItemState::stored, "not flagged"},
    {store::ItemState::approved, "approved"},
    {store::ItemState::rejected, "rejected"},
    {store::ItemState::exported, "exported"},
    {store::ItemState::duplicate, "duplicates"},
    {store::ItemState::failed, "failed"},
}};

constexpr std::size_t kRecentDecisions = 12;

}  // namespace

std::expected<Frame, store::Error> frame_for(Context& context, std::string title, std::string page,
                                             std::string_view state_tab) {
  Frame frame;
  frame.title = std::move(title);
  frame.page = std::move(page);
  if (!context.session) return frame;
  frame.user = context.session->user;
  frame.csrf = context.session->csrf;
  auto counts = store::count_by_state(context.db);
  if (!counts) return std::unexpected(counts.error());
  for (const auto& [state, label] : kTabs) {
    Data tab;
    const std::string name{store::state_name(state)};
    tab.set("href", state == store::ItemState::flagged ? std::string{"/"} : "/?state=" + name);
    tab.set("label", std::string{label});
    auto count = counts->find(state);
    tab.set("count", std::to_string(count == counts->end() ? 0 : count->second));
    tab.set("current", name == state_tab);
    frame.tabs.push_back(tab);
  }
  return frame;
}

std::expected<std::string, store::Error> recent_aside(Context& context, const std::string& back) {
  auto recent = store::recent_decisions(context.db, context.session->user.name, kRecentDecisions);
  if (!recent) return std::unexpected(recent.error());
  Data list = Data::type::list;
  for (const auto& d : *recent) {
    Data row;
    row.set("id", std::to_string(d.item_id));
    row.set("title", d.title.empty() ? "item " + std::to_string(d.item_id) : d.title);
    row.set("decision", d.decision);
    row.set("undone", d.undone_at.has_value());
    row.set("undoable", d.undoable);
    list.push_back(row);
  }
  Data data;
  data.set("decisions", list);
  data.set("none", recent->empty());
  data.set("csrf", context.session->csrf);
  data.set("back", back);
  data.set("query", back);
  return context.views.render(Template::recent, data);
}

httpd::Response message_page(Context& context, boost::beast::http::status status, const std::string& heading,
                             const std::string& message, const std::string& back, const std::string& back_label,
                             const std::vector<std::string>& details) {
  Data data;
  data.set("heading", heading);
  data.set("message", message);
  data.set("back", back);
  data.set("back_label", back_label);
  if (!details.empty()) {
    Data detail;
    detail.set("items", string_list(details));
    data.set("details", detail);
  }
  // The frame's counts are a nicety here; a store that cannot count still gets its message.
  auto frame = frame_for(context, heading, "message");
  if (!frame) {
    frame = Frame{};
    frame->title = heading;
    frame->page = "message";
    if (context.session) {
      frame->user = context.session->user;
      frame->csrf = context.session->csrf;
    }
  }
  return html(status, context.views.page(*frame, context.views.render(Template::message, data)), context.request);
}

httpd::Response store_failure(Context& context, const store::Error& error) {
  log::logger("web")->error("store failed error=\"{}\"", log::bounded(error.message));
  return message_page(context, boost::beast::http::status::internal_server_error, "The store failed",
                      error.message + ". Nothing was changed by this request; try again.");
}

std::string safe_href(const std::string& url) {
  auto starts = [&url](std::string_view scheme) {
    if (url.size() <= scheme.size()) return false;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != scheme[i]) return false;
    }
    return true;
  };
  return starts("http://") || starts("https://") ? url : std::string{};
}

std::optional<store::ReviewAction> review_action(const Form& form) {
  auto action = form.get("action");
  if (action == "approve") return store::ReviewAction::approve;
  if (action == "reject") return store::ReviewAction::reject;
  return std::nullopt;
}

std::string decimal(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

}  // namespace ingest::web
