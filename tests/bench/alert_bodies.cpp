// Role: building Alertmanager webhook bodies with nlohmann::json.
#include "alert_bodies.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace oncall::bench {

namespace {

using nlohmann::json;

const char* starts_at = "2026-12-04T10:00:00.000Z";
const char* never = "0001-01-01T00:00:00Z";

std::string fingerprint(int n) {
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016x", static_cast<unsigned>(n) * 2654435761u);
  return buffer;
}

json group(const std::string& alertname, const json& common_labels, const json& common_annotations,
           bool firing, json alerts) {
  return {{"version", "4"},
          {"groupKey", "{}:{alertname=\"" + alertname + "\"}"},
          {"truncatedAlerts", 0},
          {"status", firing ? "firing" : "resolved"},
          {"receiver", "oncallbot"},
          {"groupLabels", {{"alertname", alertname}}},
          {"commonLabels", common_labels},
          {"commonAnnotations", common_annotations},
          {"externalURL", "http://alertmanager.example:9093"},
          {"alerts", std::move(alerts)}};
}

}  // namespace

std::string single_alert_body(const std::string& alertname, bool firing, int lane) {
  json labels = {{"alertname", alertname}, {"severity", "critical"}, {"job", "api"},
                 {"instance", "api-1:9100"}};
  if (lane >= 0) labels["bench_lane"] = std::to_string(lane);
  json annotations = {{"summary", alertname + " is failing"},
                      {"description", "The error rate of " + alertname + " is above 5% for 5m."}};
  json alert = {{"status", firing ? "firing" : "resolved"},
                {"labels", labels},
                {"annotations", annotations},
                {"startsAt", starts_at},
                {"endsAt", firing ? never : "2026-12-04T10:05:00.000Z"},
                {"generatorURL", "http://prometheus.example:9090/graph?g0.expr=up%3D%3D0"},
                {"fingerprint", fingerprint(static_cast<int>(std::hash<std::string>{}(alertname)))}};
  return group(alertname, labels, annotations, firing, json::array({alert})).dump();
}

std::string big_group_body(int alerts, const std::string& group_suffix) {
  const std::string alertname = "HostDown" + group_suffix;
  json list = json::array();
  for (int i = 0; i < alerts; ++i) {
    char host[32];
    std::snprintf(host, sizeof host, "node-%05d", i);
    std::string instance = std::string(host) + ".eu1:9100";
    list.push_back(
        {{"status", "firing"},
         {"labels", {{"alertname", alertname}, {"severity", "critical"}, {"job", "node-exporter"},
                     {"cluster", "prod-eu-1"}, {"instance", instance}}},
         {"annotations", {{"summary", std::string(host) + " is down"}}},
         {"startsAt", starts_at},
         {"endsAt", never},
         {"generatorURL", "http://prometheus.example:9090/graph?g0.expr=up+%3D%3D+0"},
         {"fingerprint", fingerprint(i)}});
  }
  json common_labels = {{"alertname", alertname}, {"severity", "critical"}, {"job", "node-exporter"},
                        {"cluster", "prod-eu-1"}};
  return group(alertname, common_labels, json::object(), true, std::move(list)).dump();
}

}  // namespace oncall::bench
