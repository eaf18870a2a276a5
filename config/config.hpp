// The configuration as the program uses it (SPEC §2): plain values, already validated by
// config/loader. Nothing here knows YAML.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/alert.hpp"
#include "bot/core/time.hpp"

namespace oncall {

enum class chat_platform_kind { slack, mattermost };
enum class incident_room_mode { thread, channel };

struct slack_config {
  std::string app_token;        // xapp-…
  std::string bot_token;        // xoxb-…
  std::string api_url = "https://slack.com/api/";  // always ends with '/'
  std::string signing_secret;   // empty: HTTP mode refused
};

struct mattermost_config {
  std::string url;              // no trailing '/'
  std::string token;
  std::string team;
  std::string command_token;
};

struct chat_config {
  chat_platform_kind platform = chat_platform_kind::slack;
  std::string alerts_channel;   // name ("#alerts" or "alerts") or id
  incident_room_mode incident_rooms = incident_room_mode::thread;
  slack_config slack;
  mattermost_config mattermost;
};

struct http_config {
  std::string listen = "127.0.0.1:8080";  // host:port
  std::string public_url;                  // default "http://{listen}"
  std::vector<std::string> webhook_tokens;
  std::size_t max_body = 16u * 1024 * 1024;
};

struct backup_config {
  duration every{0};
  int keep = 0;
  std::string dir;
};

struct storage_config {
  std::string url = "sqlite:oncallbot.db";  // "sqlite:PATH" or "postgresql://…"
  std::optional<backup_config> backup;
};

struct log_config {
  std::string level = "info";   // trace | debug | info | warn | error
  std::string format = "text";  // text | json
};

struct person {
  std::string name;
  std::string slack;        // Slack user id
  std::string mattermost;   // Mattermost username
  std::string jira;
  std::string timezone = "UTC";
  std::vector<std::string> roles;
};

struct schedule_override {
  std::string person;
  time_point from;
  time_point to;
};

struct schedule {
  std::string name;
  std::string timezone = "UTC";
  time_point start;
  duration shift{0};
  std::vector<std::string> members;
  std::string handover_channel;
  duration handover_accept{0};  // 0: no "I have it" reminder
  std::vector<schedule_override> overrides;
};

// "schedule:primary", "person:carol", "notifier:sms"
struct notify_target {
  enum class kind { schedule, person, notifier } type;
  std::string name;
  bool operator==(const notify_target&) const = default;
};

struct escalation_level {
  std::vector<notify_target> notify;
  duration after{0};
};

struct escalation_policy {
  std::string name;
  std::vector<escalation_level> levels;
  int repeat = 0;
};

struct route {
  label_map match;  // empty: matches everything
  std::string policy;
  std::string channel;  // where its pages are announced; empty: chat.alerts_channel
};

struct notifier {
  std::string name;
  std::string kind;  // webhook | pagerduty
  std::string url;
  std::string token;
  std::string routing_key;
};

struct tracker_config {
  std::string kind;  // jira
  std::string url;
  std::string project;
  std::string user;
  std::string token;
  std::string issue_type = "Incident";
  std::string followup_type = "Task";
  duration sync_every{60'000};  // how often follow-up states are read back from the tracker
};

struct postmortem_config {
  std::string dir = "postmortems/";
  bool git = false;
  std::string timezone;       // IANA zone for local times; empty: the first schedule's, else UTC
  std::string template_file;  // user Markdown template (mustache); empty: the built-in one
  std::string template_text;  // its contents, read and checked when the config loads
};

struct runbook_param {
  std::string name;
  std::string pattern;
  std::optional<std::string> default_value;
  std::size_t max_length = 256;
};

struct runbook {
  std::string name;
  std::string description;
  std::vector<std::string> command;  // argv template; "{param}" is replaced as a whole element
  std::vector<runbook_param> params;
  duration timeout{60'000};
  std::vector<std::string> roles;
  bool confirm = false;
};

struct config {
  chat_config chat;
  http_config http;
  storage_config storage;
  log_config log;
  std::vector<person> people;
  std::vector<schedule> schedules;
  std::vector<escalation_policy> escalation_policies;
  std::vector<route> routes;
  std::vector<notifier> notifiers;
  std::optional<tracker_config> tracker;
  postmortem_config postmortems;
  std::vector<runbook> runbooks;

  const person* find_person(const std::string& name) const;
  const escalation_policy* find_policy(const std::string& name) const;
  const schedule* find_schedule(const std::string& name) const;
  // The person whose chat id (Slack user id or Mattermost username) is `chat_user`.
  const person* person_by_chat_user(const std::string& chat_user) const;
  // The policy of the first route whose labels all match; empty when no route matches.
  std::string route_policy(const label_map& labels) const;
  // The channel the first matching route announces in, else chat.alerts_channel.
  std::string route_channel(const label_map& labels) const;
};

}  // namespace oncall
