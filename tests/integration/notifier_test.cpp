// Outbound notifiers on the real binary: a level that names `notifier:sms` POSTs the documented
// JSON to the gateway with its token, retries when the gateway fails, and records the outcome
// in the incident's timeline. A local HTTP server plays the SMS gateway.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

// An SMS gateway that fails its first `failures` calls with 503 and remembers every call.
class fake_gateway {
 public:
  explicit fake_gateway(int failures) : failures_(failures), port_(free_port()) {
    server_.Post("/page", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      calls_.push_back({req.get_header_value("Authorization"), req.body});
      res.status = static_cast<int>(calls_.size()) <= failures_ ? 503 : 200;
      res.set_content("{}", "application/json");
    });
    thread_ = std::thread([this] { server_.listen("127.0.0.1", port_); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~fake_gateway() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<std::pair<std::string, std::string>> calls() {
    std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  int failures_;
  int port_;
  httplib::Server server_;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> calls_;
};

std::string notifier_yaml(int port) {
  return "notifiers:\n  - {name: sms, kind: webhook, url: \"http://127.0.0.1:" + std::to_string(port) +
         "/page\", token: gateway-secret}\n";
}

const char* sms_policy = R"(escalation_policies:
  - name: default
    levels:
      - {notify: ["schedule:primary", "notifier:sms"], after: 5m}
)";

}  // namespace

TEMPLATE_TEST_CASE("a level's webhook notifier gets the page, retried until the gateway takes it",
                   "[integration][notifier]", ONCALL_PLATFORMS) {
  fake_gateway gateway(1);
  TestType w("notifier", {}, bot_options{notifier_yaml(gateway.port()), sms_policy});
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(w.b.post("/webhooks/generic", R"({"title":"Checkout down","severity":"critical","dedup_key":"co"})")->status == 200);

  REQUIRE(eventually([&] { return gateway.calls().size() >= 2; }, std::chrono::seconds(10)));
  auto [auth, body] = gateway.calls().back();
  CHECK(auth == "Bearer gateway-secret");
  auto page = nlohmann::json::parse(body);
  CHECK(page["event"] == "page");
  CHECK(page["incident"]["id"] == 1);
  CHECK(page["incident"]["title"] == "Checkout down");
  CHECK(page["incident"]["severity"] == 1);
  CHECK(page["level"] == 1);
  REQUIRE(page["people"].size() == 1);
  CHECK(page["people"][0]["name"] == "alice");
  CHECK(gateway.calls().front().second == body);  // the retry sends the same page

  REQUIRE(eventually([&] { return w.b.timeline(1, "notify").size() == 1; }));
  CHECK(w.b.timeline(1, "notify")[0] == "notifier sms accepted the page");
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  CHECK(gateway.calls().size() == 2);
}
