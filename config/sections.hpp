// Readers for the top-level sections of oncallbot.yaml (SPEC §2). Each reads its section from
// the document root into `cfg` and reports problems through the yaml_reader. loader.cpp calls
// them so that names are known before they are referred to: people and notifiers before
// schedules and escalation policies, policies before routes.
#pragma once

#include <yaml-cpp/yaml.h>

#include "config/config.hpp"
#include "config/yaml_reader.hpp"

namespace oncall {

void read_chat(yaml_reader& r, const YAML::Node& root, config& cfg);

void read_http(yaml_reader& r, const YAML::Node& root, config& cfg);
void read_storage(yaml_reader& r, const YAML::Node& root, config& cfg);
void read_log(yaml_reader& r, const YAML::Node& root, config& cfg);
void read_tracker(yaml_reader& r, const YAML::Node& root, config& cfg);
void read_postmortems(yaml_reader& r, const YAML::Node& root, config& cfg);

void read_people(yaml_reader& r, const YAML::Node& root, config& cfg);
void read_schedules(yaml_reader& r, const YAML::Node& root, config& cfg);

void read_notifiers(yaml_reader& r, const YAML::Node& root, config& cfg);
void read_escalation_policies(yaml_reader& r, const YAML::Node& root, config& cfg);
void read_routes(yaml_reader& r, const YAML::Node& root, config& cfg);

void read_runbooks(yaml_reader& r, const YAML::Node& root, config& cfg);

}  // namespace oncall
