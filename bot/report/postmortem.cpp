#include "bot/report/postmortem.hpp"

#include <cctype>

#include "bot/report/postmortem_json.hpp"
#include "bot/report/postmortem_markdown.hpp"
#include "bot/report/postmortem_model.hpp"

namespace oncall {

namespace {

// Long enough to recognise the incident, short enough for any file system and chat preview.
constexpr std::size_t max_slug_length = 40;

std::string slug(const std::string& title) {
  std::string out;
  for (unsigned char c : title) {
    if (std::isalnum(c) && c < 0x80) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= max_slug_length) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "incident" : out;
}

}  // namespace

std::optional<postmortem_format> postmortem_format_from_string(std::string_view text) {
  if (text == "md" || text == "markdown") return postmortem_format::markdown;
  if (text == "json") return postmortem_format::json;
  return std::nullopt;
}

result<std::string> render_postmortem(store& st, const config& cfg, std::int64_t incident_id,
                                      postmortem_format format, time_point now) {
  auto draft = build_postmortem(st, cfg, incident_id, now);
  if (!draft) return draft.err();
  if (format == postmortem_format::json) return render_postmortem_json(*draft);
  return render_postmortem_markdown(*draft, cfg.postmortems.template_text);
}

std::string postmortem_file_name(const incident& inc, postmortem_format format) {
  return "postmortem-" + std::to_string(inc.id) + "-" + slug(inc.title) +
         (format == postmortem_format::json ? ".json" : ".md");
}

}  // namespace oncall
