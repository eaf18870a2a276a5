// Role: the Mattermost section of GET /_sim/transcript: every channel with activity as a person
// reads it: names instead of ids, attachments with their fields, buttons as [Label], replies
// under their root, edits, reactions and ephemeral posts marked.
#pragma once

#include <string>

#include "mattermost_workspace.hpp"

namespace chatsim {

// "" while no Mattermost channel has a post or an ephemeral post.
std::string render_mattermost_transcript(const mm_workspace& ws);

}  // namespace chatsim
