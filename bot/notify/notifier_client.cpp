#include "bot/notify/notifier_client.hpp"

#include "bot/notify/notifier_payload.hpp"

namespace oncall {

boost::asio::awaitable<post_result> deliver_notification(http_client& http, const notifier& n,
                                                         const std::string& body) {
  http_request request;
  request.url = notifier_url(n);
  request.headers = {{"Content-Type", "application/json"}};
  if (n.kind == "webhook" && !n.token.empty()) {
    request.headers.emplace_back("Authorization", "Bearer " + n.token);
  }
  request.body = body;
  auto response = co_await http.send(request);
  post_result r;
  r.channel = n.name;
  if (response.ok()) {
    r.ok = true;
    co_return r;
  }
  if (!response.error.empty()) {
    r.error = response.error;
    co_return r;
  }
  r.error = "HTTP " + std::to_string(response.status);
  if (response.status == 429) r.retry_after = response.retry_after();
  r.permanent = response.status >= 400 && response.status < 500 && response.status != 429 &&
                response.status != 408;
  co_return r;
}

}  // namespace oncall
