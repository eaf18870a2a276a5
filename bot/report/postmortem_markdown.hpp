// The postmortem draft as Markdown: the model turned into mustache variables (every text escaped
// for Markdown first) and rendered with the built-in template or the user's.
#pragma once

#include <string>
#include <string_view>

#include "bot/core/result.hpp"
#include "bot/report/postmortem_model.hpp"

namespace oncall {

// `template_text` empty: the built-in template. An error names the template's problem.
result<std::string> render_postmortem_markdown(const postmortem& d, std::string_view template_text);

}  // namespace oncall
