// Role: the dialect-neutral part of the JSON control API under /_sim/: health, stats,
// transcript, channels and users, channel and DM readback, and fault injection.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http_types.hpp"

namespace chatsim {

struct sim_context;

class control_api {
 public:
  explicit control_api(sim_context& ctx) : ctx_(ctx) {}
  boost::asio::awaitable<http_reply> handle(const http_request& request);

 private:
  http_reply route(const http_request& request);
  http_reply channels(const http_request& request, const std::vector<std::string>& path);
  http_reply dms(const http_request& request, const std::vector<std::string>& path);
  http_reply users(const http_request& request);
  http_reply faults(const http_request& request);

  sim_context& ctx_;
};

}  // namespace chatsim
