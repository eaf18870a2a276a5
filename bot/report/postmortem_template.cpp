// Every variable is already escaped for Markdown (markdown_text.hpp), so {{x}} and {{{x}}} are
// the same and a template cannot let a message's text through as Markdown by mistake.
#include "bot/report/postmortem_template.hpp"

namespace oncall {

namespace {

constexpr std::string_view text = R"md(# Postmortem draft: {{display_id}} {{title}}

> Drafted by oncallbot from the incident room on {{generated.utc}} ({{generated.local}}).
> Fill in the prompts in *italics* and check the facts before you share it.

| | |
|---|---|
| Severity | {{severity_label}} |
| State | {{state}} |
| Source | {{source}} |
| Lead | {{lead}} |
| Root cause | {{cause.category}} |
| Times | UTC and {{timezone}} |

## Impact

*{{prompts.impact}}*

## Key times

| Moment | UTC | {{timezone}} |
|---|---|---|
{{#moments}}
| {{name}} | {{utc}} | {{local}} |
{{/moments}}

- Time to acknowledge: {{time_to_ack}}
- Time to resolve: {{time_to_resolve}}

## Responders

{{#responders}}
- **{{name}}**: {{roles}}
{{/responders}}
{{^responders}}
- Nobody is recorded as having taken part.
{{/responders}}

{{#has_paged}}
Paged:

{{#paged}}
- {{at.utc}} ({{at.local}}): **{{person}}** via {{target}}, level {{level}} ({{reason}})
{{/paged}}

{{/has_paged}}
## Contributing alerts

{{#alerts}}
- {{title}} ({{severity_label}}, {{status}}){{#links}} · {{#has_url}}[{{label}}]({{url}}){{/has_url}}{{^has_url}}{{label}}: {{text}}{{/has_url}}{{/links}}
{{/alerts}}
{{^alerts}}
- No alerts: the incident was opened by hand.
{{/alerts}}

## Root cause

Category: **{{cause.category}}** ({{cause.meaning}})

{{#cause.has_text}}
{{cause.text}}
{{/cause.has_text}}
{{^cause.has_text}}
*What caused it? What made it possible?*
{{/cause.has_text}}

{{#has_deploys}}
Deploys of this service in the two hours before detection:

{{#deploys}}
- {{at.utc}} ({{at.local}}): **{{service}}** {{version}} ({{commit}}) by {{author}}{{#has_url}} · [details]({{url}}){{/has_url}}
{{/deploys}}

{{/has_deploys}}
## Runbooks run

{{#has_runbook_runs}}
| Runbook | Requested by | Parameters | Started | Outcome | Exit code |
|---|---|---|---|---|---|
{{#runbook_runs}}
| {{runbook}} | {{requested_by}} | {{params}} | {{started}} | {{state}} | {{exit_code}} |
{{/runbook_runs}}
{{/has_runbook_runs}}
{{^has_runbook_runs}}
No runbooks were run.
{{/has_runbook_runs}}

## Key events

{{{key_events_markdown}}}
{{^has_key_events}}
- None marked. React with :pushpin: in the incident room to mark one.
{{/has_key_events}}

## Timeline

{{{timeline_markdown}}}

## Follow-up action items

{{#followups}}
- [{{#done}}x{{/done}}{{^done}} {{/done}}] {{id}} {{text}} (owner: {{owner}})
{{/followups}}
{{^followups}}
- *What will we do so that this does not happen again, or hurts less?*
{{/followups}}

## What went well

*{{prompts.went_well}}*

## What went badly

*{{prompts.went_badly}}*

## Where we got lucky

*{{prompts.lucky}}*
)md";

}  // namespace

std::string_view default_postmortem_template() { return text; }

}  // namespace oncall
