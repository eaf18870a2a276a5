// Role: the subset of Jira's REST API (v2, plus Cloud's v3 /search/jql) that oncallbot uses,
// checked like Jira checks it: authentication, JSON content type, required and valid fields,
// the XSRF header on attachments. Every API request goes through the fault injection first.
#pragma once

#include <httplib.h>

#include "model.hpp"

namespace jirasim {

void add_rest_routes(httplib::Server& server, state& st);

}  // namespace jirasim
