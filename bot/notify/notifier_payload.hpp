// The bodies oncallbot sends to outbound notifiers (SPEC §2 notifiers): a documented JSON for
// `kind: webhook` (SMS and voice gateways), a PagerDuty Events v2 trigger for `kind: pagerduty`.
#pragma once

#include <string>
#include <vector>

#include "bot/core/incident.hpp"
#include "config/config.hpp"

namespace oncall {

struct page_notice {
  const incident& inc;
  int level = 0;                      // 0-based
  std::vector<const person*> people;  // who this level reaches
  time_point at;
};

// The JSON body for `n` (docs/notifiers.md describes the webhook shape).
std::string notifier_body(const notifier& n, const page_notice& notice);

// The URL a notifier posts to: its `url`, or PagerDuty's Events v2 endpoint.
std::string notifier_url(const notifier& n);

}  // namespace oncall
