// Role: implementation of the prefix router; unknown paths get a 404 JSON error.
#include "router.hpp"

namespace chatsim {

void router::add(std::string prefix, request_handler handler) {
  routes_.push_back({std::move(prefix), std::move(handler)});
}

boost::asio::awaitable<http_reply> router::dispatch(const http_request& request) const {
  const route* best = nullptr;
  for (const auto& r : routes_) {
    if (request.path.compare(0, r.prefix.size(), r.prefix) == 0 &&
        (!best || r.prefix.size() > best->prefix.size())) {
      best = &r;
    }
  }
  if (!best) co_return error_reply(404, "no such path: " + request.path);
  co_return co_await best->handler(request);
}

}  // namespace chatsim
