// The platforms every integration test body runs on.
#pragma once

#include "chat_view.hpp"

#define ONCALL_PLATFORMS oncall::testing::slack_world, oncall::testing::mattermost_world
