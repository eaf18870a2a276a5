// Sends a notifier body to its URL. The outcome says whether to retry: transport failures, 429
// (with Retry-After) and 5xx are worth another try; other 4xx answers are permanent.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "bot/chat/chat_platform.hpp"
#include "bot/net/http_client.hpp"
#include "config/config.hpp"

namespace oncall {

boost::asio::awaitable<post_result> deliver_notification(http_client& http, const notifier& n,
                                                         const std::string& body);

}  // namespace oncall
