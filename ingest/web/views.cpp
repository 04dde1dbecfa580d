#include "ingest/web/views.h"

#include "ingest/web/embedded.h"

namespace ingest::web {

namespace mustache = kainjow::mustache;

Views::Views()
    : layout_(std::string{embedded::layout}),
      login_(std::string{embedded::login}),
      queue_(std::string{embedded::queue}),
      item_(std::string{embedded::item}),
      recent_(std::string{embedded::recent}),
      status_(std::string{embedded::status}),
      message_(std::string{embedded::message}) {}

mustache::mustache& Views::get(Template which) {
  switch (which) {
    case Template::login: return login_;
    case Template::queue: return queue_;
    case Template::item: return item_;
    case Template::recent: return recent_;
    case Template::status: return status_;
    case Template::message: break;
  }
  return message_;
}

std::string Views::render(Template which, const Data& data) { return get(which).render(data); }

std::string Views::page(const Frame& frame, const std::string& content, const std::string& aside) {
  Data data;
  data.set("title", frame.title);
  data.set("page", frame.page);
  if (frame.user) {
    Data user;
    user.set("name", frame.user->name);
    user.set("role", std::string{store::role_name(frame.user->role)});
    user.set("csrf", frame.csrf);
    user.set("tabs", frame.tabs);
    user.set("status_current", frame.status_current);
    data.set("user", user);
  }
  data.set("content", content);
  if (!aside.empty()) data.set("aside", aside);
  return layout_.render(data);
}

std::optional<std::string> Views::broken() const {
  const std::pair<const char*, const mustache::mustache*> all[] = {
      {"layout", &layout_}, {"login", &login_},   {"queue", &queue_},    {"item", &item_},
      {"recent", &recent_}, {"status", &status_}, {"message", &message_}};
  for (const auto& [name, view] : all)
    if (!view->is_valid()) return std::string{name} + ": " + view->error_message();
  return std::nullopt;
}

Data string_list(const std::vector<std::string>& values) {
  Data list = Data::type::list;
  for (const auto& value : values) list.push_back(Data{value});
  return list;
}

}  // namespace ingest::web
