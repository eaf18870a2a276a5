// What the handler tests share: an engine with incidents announced in the alerts channel, a way
// to type /oncall commands and click buttons, and a footprint of every table.
#pragma once

#include <catch2/catch.hpp>

#include "engine_test_support.hpp"
#include "handlers/arguments.hpp"
#include "handlers/buttons.hpp"
#include "handlers/commands.hpp"
#include "handlers/registry.hpp"

namespace oncall::test {

inline const std::string alerts_channel = "C0ALERTS";

// An engine with incidents announced in the alerts channel, and a way to type commands.
struct handler_fixture : engine_fixture {
  using engine_fixture::engine_fixture;
  // Opens an incident from an alert and records its announcement at `ref`.
  std::int64_t incident_announced_at(const std::string& ref,
                                     const std::string& channel = alerts_channel) {
    auto out =
        engine.ingest(batch("group-" + ref, {firing("fp-" + ref, "alert " + ref)}, "Alert " + ref));
    REQUIRE(out.opened.size() == 1);
    announced(out.opened.front(), channel, ref);
    return out.opened.front();
  }

  command_reply run(const actor& who, const std::string& text,
                    const std::string& channel = alerts_channel) {
    command_context ctx{engine, who, channel};
    return oncall_commands().dispatch(ctx, text);
  }
  std::string say(const actor& who, const std::string& text,
                  const std::string& channel = alerts_channel) {
    auto reply = run(who, text, channel);
    CHECK_FALSE(reply.in_channel);
    return plain_text(reply.message);
  }

  std::optional<std::string> click(const actor& who, const std::string& action,
                                   const std::string& value, const std::string& message_ref) {
    command_context ctx{engine, who, alerts_channel};
    auto reply = handle_button(ctx, {action, value, alerts_channel, message_ref});
    if (!reply) return std::nullopt;
    return plain_text(*reply);
  }

  // Row counts of every table: equal before and after means nothing changed.
  std::vector<std::int64_t> footprint() {
    std::vector<std::int64_t> out;
    for (const char* t : {"incidents", "alerts", "timeline", "effects", "inbound", "overrides",
                          "handover_notes", "handovers", "notifications", "followups"}) {
      out.push_back(store.count_rows(t));
    }
    return out;
  }
};


}  // namespace oncall::test
