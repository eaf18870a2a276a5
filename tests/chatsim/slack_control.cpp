// Role: implementation of the Slack control routes; commands and clicks can wait for the bot's
// ack without blocking the io thread (a timer the ack cancels).
#include "slack_control.hpp"

#include "control_support.hpp"
#include "slack_interactions.hpp"
#include "slack_people.hpp"
#include "log.hpp"
#include "slack_state.hpp"

namespace chatsim {
namespace {

using namespace std::chrono_literals;

constexpr int max_command_burst = 10000;

interaction_ids issue_ids(slack_state& slack, reply_target target) {
  sim_context& ctx = slack.ctx;
  std::string url_id = slack.response_urls.issue(ctx.ids, std::move(target), ctx.ws.now_micros());
  return {ctx.ids.trigger_id(), ctx.base_url() + "/_sim/response_url/" + url_id};
}

// `count` (default 1) sends that many identical commands at once, so a benchmark can measure a
// burst without its own control requests spreading it out.
std::optional<int> command_count(const nlohmann::json& body) {
  if (!body.contains("count")) return 1;
  const auto& count = body["count"];
  if (!count.is_number_integer() || count.get<std::int64_t>() < 1 ||
      count.get<std::int64_t>() > max_command_burst) {
    return std::nullopt;
  }
  return count.get<int>();
}

}  // namespace

boost::asio::awaitable<http_reply> slack_control::handle(const http_request& request) {
  auto path = path_segments(request.path);  // {"_sim", "slack", verb} or {"_sim", "envelopes", …}
  if (path.size() >= 2 && path[1] == "envelopes" && request.method == "GET") {
    co_return envelopes(path);
  }
  auto body = json_body(request);
  if (path.size() == 3 && path[2] == "files" && request.method == "GET") {
    co_return json_reply({{"files", slack_files_json(slack_.files)}});
  }
  if (path.size() != 3 || request.method != "POST") {
    co_return error_reply(404, "no such control endpoint: " + request.method + " " + request.path);
  }
  if (!body) co_return error_reply(400, "body must be a JSON object");
  const std::string& verb = path[2];
  if (verb == "command") co_return co_await command(*body);
  if (verb == "click") co_return co_await click(*body);
  if (verb == "message") co_return person_posts(slack_, *body);
  if (verb == "edit") co_return person_edits(slack_, *body);
  if (verb == "delete") co_return person_deletes(slack_, *body);
  if (verb == "react") co_return person_reacts(slack_, *body);
  if (verb == "disconnect") co_return disconnect(*body);
  if (verb == "drop_sockets") {
    co_return json_reply({{"ok", true}, {"dropped", slack_.sockets.drop_all()}});
  }
  co_return error_reply(404, "no such control endpoint: POST " + request.path);
}

boost::asio::awaitable<http_reply> slack_control::command(const nlohmann::json& body) {
  person_target a = resolve_person(slack_, body, nullptr, false);
  if (a.error) co_return *a.error;
  auto count = command_count(body);
  if (!count) {
    co_return error_reply(400, "count must be a whole number from 1 to " +
                                   std::to_string(max_command_burst));
  }
  std::shared_ptr<envelope_record> last;
  auto envelope_ids = nlohmann::json::array();
  for (int i = 0; i < *count; ++i) {
    last = submit_command(a, body);
    envelope_ids.push_back(last->envelope_ids.front());
  }
  nlohmann::json extra{{"envelope_ids", std::move(envelope_ids)}};
  co_return co_await wait_and_report(last, body, std::move(extra));
}

std::shared_ptr<envelope_record> slack_control::submit_command(const person_target& a,
                                                               const nlohmann::json& body) {
  reply_target target{a.where->id, a.who->id, ""};
  interaction_ids ids = issue_ids(slack_, target);
  std::string command = optional_field(body, "command").value_or("/oncall");
  auto payload = slash_command_payload(slack_.ctx.ws.team(), *a.where, *a.who, command,
                                       field_string(body, "text"), ids);
  return slack_.envelopes.submit(
      "slash_commands", std::move(payload), true, ids.trigger_id,
      [slack = &slack_, target](const envelope_record& r) {
        // A slash command's ack payload is its reply message.
        if (!r.ack_payload.is_object() || r.ack_payload.empty()) return;
        if (auto error = apply_reply(*slack, target, r.ack_payload)) {
          log_line("slash command reply not recorded: " + *error);
        }
      });
}

boost::asio::awaitable<http_reply> slack_control::click(const nlohmann::json& body) {
  workspace& ws = slack_.ctx.ws;
  person_target a = resolve_person(slack_, body, "message_ts", false);
  if (a.error) co_return *a.error;
  message* m = a.what;
  auto button = find_button(m->content.blocks, field_string(body, "action_id"),
                            optional_field(body, "value"));
  if (!button) co_return error_reply(404, "no button with action_id " + field_string(body, "action_id"));
  interaction_ids ids = issue_ids(slack_, {a.where->id, a.who->id, m->ts});
  auto payload = block_actions_payload(ws, *a.where, *m, *a.who, *button, ids, ws.next_ts());
  auto record = slack_.envelopes.submit("interactive", std::move(payload), false, ids.trigger_id);
  co_return co_await wait_and_report(record, body);
}

boost::asio::awaitable<http_reply> slack_control::wait_and_report(
    std::shared_ptr<envelope_record> record, const nlohmann::json& body, nlohmann::json extra) {
  co_await slack_.envelopes.wait_for_ack(record, field_millis(body, "wait_ms", 0ms));
  nlohmann::json out{{"envelope_id", record->envelope_ids.front()},
                     {"trigger_id", record->trigger_id},
                     {"response_url", record->payload.value("response_url", "")},
                     {"acked", record->acked},
                     {"ack_payload", record->ack_payload},
                     {"deliveries", record->deliveries}};
  if (extra.is_object()) out.update(extra);
  co_return json_reply(out);
}

http_reply slack_control::envelopes(const std::vector<std::string>& path) {
  if (path.size() == 2) {
    auto list = nlohmann::json::array();
    for (const auto& record : slack_.envelopes.all()) list.push_back(record->summary());
    return json_reply({{"envelopes", list}});
  }
  auto record = path.size() == 3 ? slack_.envelopes.find(path[2]) : nullptr;
  if (!record) return error_reply(404, "no such envelope");
  nlohmann::json out = record->summary();
  out["payload"] = record->payload;
  return json_reply(out);
}

http_reply slack_control::disconnect(const nlohmann::json& body) {
  std::string reason = optional_field(body, "reason").value_or("refresh_requested");
  auto grace = field_millis(body, "grace_ms", slack_.ctx.options.refresh_grace);
  std::size_t sockets = slack_.sockets.disconnect_all(reason, grace);
  return json_reply({{"ok", true}, {"sockets", sockets}});
}

}  // namespace chatsim
