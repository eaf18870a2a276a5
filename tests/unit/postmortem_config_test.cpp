// postmortems.timezone and postmortems.template in the config: a user template is read and
// parsed at load, and a file that cannot be read or parsed is a config error naming the file.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "config_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

std::string temp_file(const std::string& text) {
  char name[] = "/tmp/oncallbot-pm-template-XXXXXX";
  int fd = mkstemp(name);
  REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(name) << text;
  return name;
}

}  // namespace

TEST_CASE("a postmortem template is read at config load", "[unit][config][postmortem]") {
  auto path = temp_file("# {{display_id}} {{title}}\n");
  auto r = load("postmortems:\n  template: " + path + "\n  timezone: Europe/Berlin\n");
  INFO(all_messages(r));
  REQUIRE(r.cfg);
  CHECK(r.cfg->postmortems.template_text == "# {{display_id}} {{title}}\n");
  CHECK(r.cfg->postmortems.timezone == "Europe/Berlin");
  std::remove(path.c_str());
}

TEST_CASE("an unparsable postmortem template is a config error naming the file", "[unit][config][postmortem]") {
  auto path = temp_file("{{#timeline}} never closed\n");
  auto e = only_error(load("postmortems:\n  template: " + path + "\n"), 2, "postmortems.template");
  CHECK(e.message.find(path) != std::string::npos);
  CHECK(e.message.find("not a valid mustache template") != std::string::npos);
  std::remove(path.c_str());
}

TEST_CASE("a missing postmortem template is a config error naming the file", "[unit][config][postmortem]") {
  auto e = only_error(load("postmortems:\n  template: /nonexistent/pm.md\n"), 2, "postmortems.template");
  CHECK(e.message.find("/nonexistent/pm.md") != std::string::npos);
  only_error(load("postmortems:\n  timezone: Mars/Olympus\n"), 2, "postmortems.timezone");
}
