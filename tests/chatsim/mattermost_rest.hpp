// Role: the Mattermost REST v4 endpoint (/api/v4/…): matches the route, counts the call, applies
// injected faults (method name "POST /api/v4/posts", the route as listed), the optional rate
// limit and the token check, then runs the handler.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http_types.hpp"

namespace chatsim {

struct mattermost_state;

class mattermost_rest {
 public:
  explicit mattermost_rest(mattermost_state& mm) : mm_(mm) {}
  boost::asio::awaitable<http_reply> handle(const http_request& request);

 private:
  mattermost_state& mm_;
};

}  // namespace chatsim
