// Role: implementation of CommandResponse handling.
#include "mattermost_command_response.hpp"

#include "mattermost_json.hpp"
#include "mattermost_publish.hpp"
#include "mattermost_state.hpp"
#include "text_codec.hpp"

namespace chatsim {
namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// One CommandResponse; returns an error text when Mattermost would refuse it.
std::string apply_one(mattermost_state& mm, const mm_reply_target& target, const json& r,
                      mm_reply_outcome& outcome) {
  std::string text = string_field(r, "text");
  if (!r.value("skip_slack_parsing", false)) text = mm_slack_to_markdown(text);
  json props = r.contains("props") && r["props"].is_object() ? r["props"] : json::object();
  if (r.contains("attachments") && r["attachments"].is_array()) props["attachments"] = r["attachments"];
  bool has_attachments = props.contains("attachments") && props["attachments"].is_array() &&
                         !props["attachments"].empty();
  if (text.empty() && !has_attachments) return {};  // nothing to show
  props["from_webhook"] = "true";
  std::string channel_id = string_field(r, "channel_id");
  mm_channel* ch = mm.ws.channel_by_id(channel_id.empty() ? target.channel_id : channel_id);
  if (!ch || !ch->members.contains(target.user_id)) {
    return "api.command.command_post.forbidden.app_error: the user is not in channel " + channel_id;
  }
  if (string_field(r, "response_type") == "in_channel") {
    mm_post p;
    p.user_id = mm.ws.bot().id;
    p.root_id = target.root_id;
    p.message = std::move(text);
    p.type = string_field(r, "type");
    p.props = std::move(props);
    mm_post& stored = publish_post(mm, *ch, std::move(p));
    if (outcome.posted.is_null()) outcome.posted = mm_post_json(mm.ws, stored);
  } else {
    mm_ephemeral e;
    e.to_user = target.user_id;
    e.from_user = mm.ws.bot().id;
    e.root_id = target.root_id;
    e.message = std::move(text);
    e.props = std::move(props);
    mm_ephemeral& stored = publish_ephemeral(mm, *ch, std::move(e));
    if (outcome.ephemeral.is_null()) outcome.ephemeral = mm_ephemeral_json(stored);
  }
  return {};
}

}  // namespace

std::optional<json> mm_parse_command_response(std::string_view content_type,
                                              const std::string& body) {
  if (to_lower(content_type).starts_with("application/json")) {
    auto parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
    return parsed;
  }
  return json{{"text", body}};
}

mm_reply_outcome mm_apply_command_response(mattermost_state& mm, const mm_reply_target& target,
                                           const json& response) {
  mm_reply_outcome outcome;
  outcome.error = apply_one(mm, target, response, outcome);
  if (response.contains("extra_responses") && response["extra_responses"].is_array()) {
    for (const auto& extra : response["extra_responses"]) {
      if (!extra.is_object()) continue;
      std::string error = apply_one(mm, target, extra, outcome);
      if (outcome.error.empty()) outcome.error = error;
    }
  }
  return outcome;
}

json mm_command_failed(mattermost_state& mm, const mm_reply_target& target) {
  mm_channel* ch = mm.ws.channel_by_id(target.channel_id);
  if (!ch) return nullptr;
  mm_ephemeral e;
  e.to_user = target.user_id;
  e.root_id = target.root_id;
  e.message = "Command with a trigger of '/" + target.trigger + "' failed";
  return mm_ephemeral_json(publish_ephemeral(mm, *ch, std::move(e)));
}

std::string mm_slack_to_markdown(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    auto open = text.find('<');
    auto close = open == std::string_view::npos ? open : text.find('>', open);
    if (close == std::string_view::npos) break;
    std::string_view inner = text.substr(open + 1, close - open - 1);
    out += text.substr(0, open);
    auto bar = inner.find('|');
    if (inner == "!channel" || inner == "!here" || inner == "!all") {
      out += "@" + std::string(inner.substr(1));
    } else if (bar != std::string_view::npos && bar > 0 && bar + 1 < inner.size() &&
               inner.find('<') == std::string_view::npos) {
      out += "[" + std::string(inner.substr(bar + 1)) + "](" + std::string(inner.substr(0, bar)) + ")";
    } else {
      out += text.substr(open, close - open + 1);
    }
    text.remove_prefix(close + 1);
  }
  return out + std::string(text);
}

}  // namespace chatsim
