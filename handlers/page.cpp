// /oncall page <summary> [--sev N] [--policy P] — opens an incident by hand and pages.
#include "bot/core/severity.hpp"
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"

namespace oncall {

namespace {

command_reply run_page(command_context& ctx, const std::vector<std::string>& args) {
  std::vector<std::string> summary;
  int severity = default_severity;
  std::string policy;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--sev" || args[i] == "--policy") {
      if (i + 1 >= args.size()) throw command_error(args[i] + " needs a value");
      const auto& value = args[++i];
      if (args[i - 1] == "--policy") {
        policy = value;
        continue;
      }
      auto sev = parse_severity(value);
      if (!sev) throw command_error("severity must be 1 to 4 (1 = worst), not '" + value + "'");
      severity = *sev;
    } else {
      summary.push_back(args[i]);
    }
  }
  if (summary.empty()) throw command_error("say what is wrong");
  auto inc = ctx.engine.page(join_words(summary), severity, policy, ctx.caller);
  if (!inc) throw command_error(inc.err().message);
  return reply_text({rt::text("Opened "), rt::bold(inc->display_id()),
                     rt::text(" and paged the on-call responders.")});
}

}  // namespace

command_spec page_command() {
  return {"page", "page <summary> [--sev N] [--policy P]", "opens an incident by hand and pages",
          true, run_page};
}

}  // namespace oncall
