#include "ingest/web/status_page.h"

#include "ingest/log/log.h"
#include "ingest/web/pages.h"
#include "ingest/web/responses.h"
#include "store/export.h"
#include "store/items.h"
#include "store/sources.h"

namespace ingest::web {
namespace {

namespace http = boost::beast::http;

// `ingest serve` runs no passes: the newest source check tells when the daemon last worked.
std::string newest_check(const std::vector<store::SourceState>& sources) {
  std::string newest;
  for (const auto& s : sources) {
    for (const auto* at : {&s.last_ok, &s.error_since})
      if (*at && *at > newest) newest = **at;
  }
  return newest.empty() ? "No source has been checked yet." : "Newest source check: " + newest + ".";
}

}  // namespace

httpd::Response show_status(Context& context) {
  auto sources = store::list_sources(context.db);
  if (!sources) return store_failure(context, sources.error());
  auto counts = store::count_by_state(context.db);
  if (!counts) return store_failure(context, counts.error());
  auto dedup = store::count_dedup(context.db);
  if (!dedup) return store_failure(context, dedup.error());

  Data data;
  std::optional<std::string> last_pass = context.settings.last_pass ? context.settings.last_pass() : std::nullopt;
  data.set("last_pass", last_pass ? *last_pass : newest_check(*sources));
  Data state_rows = Data::type::list;
  std::int64_t approved = 0;
  for (const auto& [state, count] : *counts) {
    Data row;
    row.set("state", std::string{store::state_name(state)});
    row.set("count", std::to_string(count));
    state_rows.push_back(row);
    if (state == store::ItemState::approved) approved = count;
  }
  data.set("counts", state_rows);
  Data dedup_rows = Data::type::list;
  for (const auto& [kind, count] : *dedup) {
    Data row;
    row.set("kind", std::string{store::duplicate_kind_name(kind)});
    row.set("count", std::to_string(count));
    dedup_rows.push_back(row);
  }
  data.set("dedup", dedup_rows);
  Data source_rows = Data::type::list;
  for (const auto& s : *sources) {
    Data row;
    row.set("outlet", s.outlet);
    row.set("url", s.url);
    row.set("kind", s.kind);
    row.set("last_ok", s.last_ok.value_or("never"));
    if (s.error_kind || s.last_error) {
      row.set("error_kind", std::string{s.error_kind ? store::failure_kind_name(*s.error_kind) : "other"});
      row.set("last_error", log::bounded(s.last_error.value_or(""), 300));
      row.set("error_count", std::to_string(s.error_count));
      row.set("error_since", s.error_since.value_or("?"));
    }
    row.set("failing", s.error_count > 0);
    row.set("next_check", s.next_check.value_or("at the next pass"));
    source_rows.push_back(row);
  }
  data.set("sources", source_rows);
  if (context.session->user.role == store::Role::admin) {
    data.set("admin", true);
    data.set("csrf", context.session->csrf);
    data.set("approved", std::to_string(approved));
    data.set("corpus", context.settings.corpus.empty() ? std::string{"(no corpus folder configured)"}
                                                       : context.settings.corpus.string());
    data.set("can_export", approved > 0 && !context.settings.corpus.empty());
  }
  auto frame = frame_for(context, "Status", "status");
  if (!frame) return store_failure(context, frame.error());
  frame->status_current = true;
  return html(http::status::ok, context.views.page(*frame, context.views.render(Template::status, data)),
              context.request);
}

httpd::Response export_now(Context& context) {
  const store::User& me = context.session->user;
  if (me.role != store::Role::admin)
    return message_page(context, http::status::forbidden, "Admins only", "Only an admin can start an export.",
                        "/status", "back to the status");
  if (context.settings.corpus.empty())
    return message_page(context, http::status::conflict, "No corpus folder",
                        "The config names no [store] corpus folder to export to.", "/status", "back to the status");
  auto report = store::export_corpus(context.db, context.settings.corpus);
  if (!report)
    return message_page(context, http::status::internal_server_error, "Export failed", report.error().message,
                        "/status", "back to the status");
  log::logger("web")->info("exported files={} adopted={} refused={} user={}", report->written.size(),
                           report->adopted.size(), report->refused.size(), me.name);
  std::vector<std::string> details = report->written;
  for (const auto& a : report->adopted) details.push_back(a + " (adopted from an interrupted export)");
  for (const auto& r : report->refused) details.push_back("not written: " + r);
  const std::string summary = std::to_string(report->written.size()) + " file(s) written to " +
                              context.settings.corpus.string() + (details.empty() ? "; nothing was approved." : ":");
  return message_page(context, http::status::ok, "Exported", summary, "/status", "back to the status", details);
}

}  // namespace ingest::web
