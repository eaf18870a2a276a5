// The built-in Markdown template of the postmortem draft (mustache). A user template
// (postmortems.template) gets the same variables; docs/postmortems.md lists them.
#pragma once

#include <string_view>

namespace oncall {

std::string_view default_postmortem_template();

}  // namespace oncall
