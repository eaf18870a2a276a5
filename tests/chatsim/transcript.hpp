// Role: renders every channel as a person would read it (GET /_sim/transcript; IMs as
// "DM @name"): names instead of ids, Block Kit drawn as text, buttons as [Label], thread
// replies under their parent, edits, reactions and ephemeral messages marked.
#pragma once

#include <string>
#include <string_view>

#include "workspace.hpp"

namespace chatsim {

std::string render_transcript(const workspace& ws);
// Slack mrkdwn text as shown: <@U…> -> @name, <#C…> -> #name, links, &amp; &lt; &gt; unescaped.
std::string render_mrkdwn(const workspace& ws, std::string_view text);

}  // namespace chatsim
