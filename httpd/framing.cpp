#include "httpd/framing.h"

#include <boost/beast/http/verb.hpp>

namespace httpd {

void finish_framing(Response& response, const Request& request) {
  if (request.method() == boost::beast::http::verb::head) {
    response.content_length(response.body().size());
    response.body().clear();
    return;
  }
  response.prepare_payload();
}

}  // namespace httpd
