#pragma once
// The console's pages from the compiled-in mustache templates (kainjow mustache, which
// escapes every {{value}} for HTML: '&', '<', '>', '"' and '\''). Only {{{content}}} and
// {{{aside}}} of the layout are unescaped, and they hold what these templates rendered.
#include <kainjow/mustache.hpp>

#include <optional>
#include <string>

#include "store/users.h"

namespace ingest::web {

using Data = kainjow::mustache::data;

enum class Template { login, queue, item, recent, status, message };

// What the layout shows around a page.
struct Frame {
  std::string title;
  std::string page;  // body's data-page: login, queue, item, status, message (the script reads it)
  std::optional<store::User> user;
  std::string csrf;
  Data tabs = Data::type::list;  // the state tabs (see tabs() in console.cpp)
  bool status_current = false;
};

class Views {
 public:
  // Parses every template; a template that does not parse is a bug caught by the tests
  // (Views::broken names it).
  Views();

  std::string render(Template which, const Data& data);
  std::string page(const Frame& frame, const std::string& content, const std::string& aside = {});

  // The first template that failed to parse and why, if any.
  std::optional<std::string> broken() const;

 private:
  kainjow::mustache::mustache& get(Template which);

  kainjow::mustache::mustache layout_, login_, queue_, item_, recent_, status_, message_;
};

// A list of strings as mustache data.
Data string_list(const std::vector<std::string>& values);

}  // namespace ingest::web
