#pragma once
// What the console's pages share: the frame around them (the state tabs with their counts,
// the user, the logout form), the side list of one's last decisions, and the message page
// that answers errors and refusals.
#include <boost/beast/http/status.hpp>

#include <string>
#include <vector>

#include "ingest/web/context.h"
#include "ingest/web/form.h"
#include "store/error.h"
#include "store/review.h"

namespace ingest::web {

// The frame for a page (with the user and the tabs when someone is logged in); `state_tab` marks the current tab (a state
// name), if any. Counting the states can fail.
std::expected<Frame, store::Error> frame_for(Context& context, std::string title, std::string page,
                                             std::string_view state_tab = {});

// The logged-in user's last decisions, rendered for the aside; `back` is the listing's query string.
std::expected<std::string, store::Error> recent_aside(Context& context, const std::string& back);

// A page that says one thing, with a link onward, at the given status.
httpd::Response message_page(Context& context, boost::beast::http::status status, const std::string& heading,
                             const std::string& message, const std::string& back = "/",
                             const std::string& back_label = "back to the queue",
                             const std::vector<std::string>& details = {});

// 500, naming what failed in the store; logged too.
httpd::Response store_failure(Context& context, const store::Error& error);

// A link target for a URL from outside: the URL when it is http or https, else empty (a
// "javascript:" or "data:" URL is shown as text, never made a link).
std::string safe_href(const std::string& url);

// A decision form's `action` (approve or reject), or nullopt for anything else.
std::optional<store::ReviewAction> review_action(const Form& form);

// A score or weight as the pages show it: two decimals.
std::string decimal(double value);

}  // namespace ingest::web
