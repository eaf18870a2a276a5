// What people do in the alerts channel and its threads, per platform, through chatsim's control
// API: say, edit, delete, pin (:pushpin:). Each returns or takes the message's ref (Slack ts,
// Mattermost post id). Shared by the room-timeline and postmortem tests.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "platforms.hpp"

namespace oncall::testing {

inline std::string say(slack_world& w, const std::string& person, const std::string& root, const std::string& text) {
  auto r = w.sim.post("/_sim/slack/message", {{"user", person}, {"channel", "alerts"}, {"text", text}, {"thread_ts", root}});
  REQUIRE(r.value("ok", false));
  return r["ts"];
}
inline std::string say(mattermost_world& w, const std::string& person, const std::string& root, const std::string& text) {
  auto r = w.sim.post("/_sim/mattermost/message",
                      {{"user", person}, {"channel", "alerts"}, {"message", text}, {"root_id", root}});
  REQUIRE(r.value("ok", false));
  return r["post"]["id"];
}
inline void edit(slack_world& w, const std::string& person, const std::string& ref, const std::string& text) {
  REQUIRE(w.sim.post("/_sim/slack/edit", {{"user", person}, {"channel", "alerts"}, {"ts", ref}, {"text", text}}).value("ok", false));
}
inline void edit(mattermost_world& w, const std::string& person, const std::string& ref, const std::string& text) {
  REQUIRE(w.sim.post("/_sim/mattermost/edit", {{"user", person}, {"post_id", ref}, {"message", text}}).value("ok", false));
}
inline void erase(slack_world& w, const std::string& person, const std::string& ref) {
  REQUIRE(w.sim.post("/_sim/slack/delete", {{"user", person}, {"channel", "alerts"}, {"ts", ref}}).value("ok", false));
}
inline void erase(mattermost_world& w, const std::string& person, const std::string& ref) {
  REQUIRE(w.sim.post("/_sim/mattermost/delete", {{"user", person}, {"post_id", ref}}).value("ok", false));
}
inline void pin(slack_world& w, const std::string& person, const std::string& ref, bool remove = false) {
  REQUIRE(w.sim.post("/_sim/slack/react", {{"user", person}, {"channel", "alerts"}, {"ts", ref},
                                           {"reaction", "pushpin"}, {"remove", remove}}).value("ok", false));
}
inline void pin(mattermost_world& w, const std::string& person, const std::string& ref, bool remove = false) {
  REQUIRE(w.sim.post("/_sim/mattermost/react", {{"user", person}, {"post_id", ref}, {"emoji_name", "pushpin"},
                                                {"remove", remove}}).value("ok", false));
}
inline std::string say_top_level(slack_world& w, const std::string& person, const std::string& text) {
  return w.sim.post("/_sim/slack/message", {{"user", person}, {"channel", "alerts"}, {"text", text}})["ts"];
}
inline std::string say_top_level(mattermost_world& w, const std::string& person, const std::string& text) {
  return w.sim.post("/_sim/mattermost/message", {{"user", person}, {"channel", "alerts"}, {"message", text}})["post"]["id"];
}

}  // namespace oncall::testing
