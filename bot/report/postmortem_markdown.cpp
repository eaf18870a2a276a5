#include "bot/report/postmortem_markdown.hpp"

#include <kainjow/mustache.hpp>

#include "bot/core/severity.hpp"
#include "bot/report/markdown_text.hpp"
#include "bot/report/postmortem_json.hpp"
#include "bot/report/postmortem_template.hpp"
#include "bot/report/zoned_format.hpp"

namespace oncall {

namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

data flag(bool b) { return b ? data(data::type::bool_true) : data(data::type::bool_false); }

std::string joined(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

class view_builder {
 public:
  // `lists`: whether the template iterates over timeline / key_events itself. Those lists cost
  // about 2 KB per entry as mustache data; the built-in template uses the pre-rendered
  // timeline_markdown instead, which keeps a 50,000-entry export small and fast.
  view_builder(const postmortem& d, bool lists) : d_(d), times_(d.timezone), lists_(lists) {}

  data build() {
    data root;
    const auto& inc = d_.inc;
    root.set("id", std::to_string(inc.id));
    root.set("display_id", inc.display_id());
    root.set("title", md(inc.title));
    root.set("severity", std::to_string(inc.severity));
    root.set("severity_label", severity_label(inc.severity));
    root.set("state", to_string(inc.state));
    root.set("source", md(inc.source));
    root.set("lead", inc.lead.empty() ? std::string("not set") : md(inc.lead));
    root.set("timezone", md(d_.timezone));
    root.set("generated", at(d_.generated_at));
    root.set("moments", moments());
    root.set("time_to_ack", span(time_to_ack(d_.times), "not acknowledged"));
    root.set("time_to_resolve", span(time_to_resolve(d_.times), "not resolved yet"));
    root.set("responders", responders());
    root.set("paged", paged());
    root.set("has_paged", flag(!d_.notifications.empty()));
    root.set("alerts", alerts());
    root.set("cause", cause());
    root.set("deploys", deploys());
    root.set("has_deploys", flag(!d_.deploys.empty()));
    root.set("runbook_runs", runs());
    root.set("has_runbook_runs", flag(!d_.runbook_runs.empty()));
    if (lists_) {
      root.set("key_events", entries(true));
      root.set("timeline", entries(false));
    }
    bool any_key = false;
    root.set("key_events_markdown", entries_markdown(true, any_key));
    root.set("has_key_events", flag(any_key));
    root.set("timeline_markdown", entries_markdown(false, any_key));
    root.set("followups", followups());
    root.set("prompts", prompts());
    return root;
  }

 private:
  static std::string md(const std::string& s) { return markdown_text(s); }

  data at(time_point t) {
    auto z = times_.format(t);
    data o;
    o.set("utc", std::move(z.utc));
    o.set("local", std::move(z.local));
    o.set("utc_iso", std::move(z.utc_iso));
    o.set("local_iso", std::move(z.local_iso));
    return o;
  }

  static std::string span(const std::optional<duration>& d, const char* missing) {
    return d ? format_duration(*d) : std::string(missing);
  }

  data moments() {
    data list{data::type::list};
    auto add = [&](const char* name, const std::optional<time_point>& t) {
      data row;
      row.set("name", name);
      auto z = t ? times_.format(*t) : zoned_text{"-", "-", "", ""};
      row.set("utc", z.utc);
      row.set("local", z.local);
      list.push_back(row);
    };
    add("Started", d_.times.started);
    add("Detected", d_.times.detected);
    add("Acknowledged", d_.times.acknowledged);
    add("Mitigated", d_.times.mitigated);
    add("Resolved", d_.times.resolved);
    return list;
  }

  data responders() {
    data list{data::type::list};
    for (const auto& r : d_.responders) {
      data row;
      row.set("name", md(r.name));
      row.set("roles", md(joined(r.roles, ", ")));
      list.push_back(row);
    }
    return list;
  }

  data paged() {
    data list{data::type::list};
    for (const auto& n : d_.notifications) {
      data row;
      row.set("at", at(n.at));
      row.set("person", md(n.person.empty() ? n.target : n.person));
      row.set("target", md(n.target));
      row.set("level", std::to_string(n.level + 1));
      row.set("reason", md(n.reason));
      list.push_back(row);
    }
    return list;
  }

  static data links(const std::vector<link>& ls) {
    data list{data::type::list};
    for (const auto& l : ls) {
      data row;
      auto target = markdown_link_target(l.url);
      row.set("label", md(l.label.empty() ? std::string("link") : l.label));
      row.set("url", target);
      row.set("text", md(l.url));
      row.set("has_url", flag(!target.empty()));
      list.push_back(row);
    }
    return list;
  }

  data alerts() {
    data list{data::type::list};
    for (const auto& a : d_.alerts) {
      data row;
      row.set("title", md(a.title));
      row.set("severity_label", severity_label(a.severity));
      row.set("status", a.status == alert_status::firing ? "firing" : "resolved");
      row.set("links", links(a.links));
      list.push_back(row);
    }
    return list;
  }

  data cause() {
    data o;
    o.set("category", to_string(d_.inc.cause));
    o.set("meaning", md(root_cause_meaning(d_.inc.cause)));
    o.set("text", md(d_.inc.cause_text));
    o.set("has_text", flag(!d_.inc.cause_text.empty()));
    o.set("is_deploy", flag(d_.inc.cause == root_cause::deploy));
    return o;
  }

  data deploys() {
    data list{data::type::list};
    for (const auto& dep : d_.deploys) {
      data row;
      auto target = markdown_link_target(dep.url);
      row.set("at", at(dep.at));
      row.set("service", md(dep.service));
      row.set("version", md(dep.version));
      row.set("commit", md(dep.commit));
      row.set("author", md(dep.author));
      row.set("url", target);
      row.set("has_url", flag(!target.empty()));
      list.push_back(row);
    }
    return list;
  }

  data runs() {
    data list{data::type::list};
    for (const auto& r : d_.runbook_runs) {
      std::vector<std::string> params;
      for (const auto& [k, v] : r.params) params.push_back(k + "=" + v);
      data row;
      row.set("runbook", md(r.runbook));
      row.set("requested_by", md(r.requested_by));
      row.set("params", params.empty() ? std::string("-") : md(joined(params, " ")));
      row.set("started", r.started_at ? times_.format(*r.started_at).utc : std::string("not started"));
      row.set("state", md(r.state + (r.timed_out ? " (timed out)" : "")));
      row.set("exit_code", r.exit_code    ? std::to_string(*r.exit_code)
                           : r.signal     ? "signal " + std::to_string(*r.signal)
                                          : std::string("-"));
      list.push_back(row);
    }
    return list;
  }

  data entries(bool key_events_only) {
    data list{data::type::list};
    for (const auto& e : d_.timeline) {
      if (key_events_only && !e.key_event) continue;
      data row;
      row.set("at", at(e.at));
      row.set("kind", md(e.kind));
      row.set("author", md(e.author));
      row.set("text", md(e.text));
      row.set("key_event", flag(e.key_event));
      list.push_back(row);
    }
    return list;
  }

  // The same lines the built-in template's list items would give, written directly.
  std::string entries_markdown(bool key_events_only, bool& any) {
    std::string out;
    any = false;
    for (const auto& e : d_.timeline) {
      if (key_events_only && !e.key_event) continue;
      any = true;
      auto z = times_.format(e.at);
      out += "- " + z.utc + " (" + z.local + ") **" + md(e.author) + "** [" + md(e.kind) + "]: " + md(e.text) + "\n";
    }
    return out;
  }

  data followups() {
    data list{data::type::list};
    for (const auto& f : d_.followups) {
      data row;
      row.set("id", f.display_id());
      row.set("text", md(f.text));
      row.set("owner", f.owner.empty() ? std::string("nobody yet") : md(f.owner));
      row.set("done", flag(f.done()));
      list.push_back(row);
    }
    return list;
  }

  static data prompts() {
    data o;
    o.set("impact", prompt_impact);
    o.set("went_well", prompt_went_well);
    o.set("went_badly", prompt_went_badly);
    o.set("lucky", prompt_lucky);
    return o;
  }

  const postmortem& d_;
  zoned_formatter times_;
  bool lists_;
};

bool iterates(std::string_view tmpl, std::string_view list) {
  for (std::string_view open : {"{{#", "{{^", "{{ #", "{{ ^"}) {
    if (tmpl.find(std::string(open) + std::string(list)) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

result<std::string> render_postmortem_markdown(const postmortem& d, std::string_view template_text) {
  mustache tmpl{std::string(template_text.empty() ? default_postmortem_template() : template_text)};
  if (!tmpl.is_valid()) {
    return error{"the postmortem template is not a valid mustache template: " + tmpl.error_message(),
                 "postmortems.template"};
  }
  // The view holds Markdown-escaped text already; HTML-escaping it again would show &amp;lt;.
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  const std::string_view text = template_text.empty() ? default_postmortem_template() : template_text;
  const bool lists = iterates(text, "timeline") || iterates(text, "key_events");
  return tmpl.render(view_builder(d, lists).build());
}

}  // namespace oncall
