// A link to an incident's announcement (its room) that people can open from anywhere: the
// handover message and tracker tickets carry it.
#pragma once

#include <string>

#include "bot/core/incident.hpp"
#include "config/config.hpp"

namespace oncall {

// Mattermost: {url}/{team}/pl/{post id}; Slack: https://slack.com/archives/{channel}/p{ts
// without the dot}. Empty until the announcement is posted.
std::string incident_permalink(const config& cfg, const incident& inc);

}  // namespace oncall
