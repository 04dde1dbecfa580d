#pragma once
// The last step of every answer: its length, and for a HEAD the head a GET would get without
// the body.
#include "httpd/server.h"

namespace httpd {

// Sets Content-Length from the body; for a HEAD request keeps that length and drops the body.
void finish_framing(Response& response, const Request& request);

}  // namespace httpd
