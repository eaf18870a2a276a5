// Role: jirasim's control API for tests, on its own port (so it keeps answering while the REST
// API is "down"):
//   GET  /_sim/issues                    every issue, flat (fields, status, comments, attachments)
//   POST /_sim/issues/{key}/status       {"status": "Done" | "In Progress" | "To Do" | category}
//   POST /_sim/fail                      {"status": 503, "count": 2, "retry_after": 1,
//                                         "after_applying": false}: the next `count` API
//                                         requests answer `status` (after doing the work when
//                                         after_applying, like a timeout after a commit);
//                                         "method" and "path" limit it to matching requests
//   POST /_sim/down, POST /_sim/up       the REST port refuses connections / listens again
//   GET  /_sim/requests                  the API requests so far: method, path, status
#pragma once

#include <functional>
#include <httplib.h>

#include "model.hpp"

namespace jirasim {

struct api_switch {
  std::function<void()> down;
  std::function<void()> up;
};

void add_control_routes(httplib::Server& server, state& st, api_switch sw);

}  // namespace jirasim
