// Dedicated incident channel names: inc-<id>-<slug> within both platforms' naming rules.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>

#include "bot/core/room_name.hpp"

using namespace oncall;

namespace {

// Both platforms' rules at once: lowercase letters, digits and '-', at most 64, starting and
// ending with a letter or digit.
bool valid_everywhere(const std::string& name) {
  auto alnum = [](unsigned char c) { return std::islower(c) || std::isdigit(c); };
  return !name.empty() && name.size() <= 64 && alnum(name.front()) && alnum(name.back()) &&
         std::all_of(name.begin(), name.end(), [&](unsigned char c) { return alnum(c) || c == '-'; });
}

}  // namespace

TEST_CASE("a room name is inc-<id>-<slug of the title>", "[unit][rooms]") {
  CHECK(incident_room_name(42, "Checkout latency on web-1") == "inc-42-checkout-latency-on-web-1");
  CHECK(incident_room_name(7, "  HighCPU:  p99 > 2s!! ") == "inc-7-highcpu-p99-2s");
  CHECK(incident_room_name(3, "Ünïcode ⚠️ only") == "inc-3-n-code-only");
  CHECK(incident_room_name(9, "⚠️⚠️") == "inc-9");
  CHECK(valid_everywhere(incident_room_name(3, "Ünïcode ⚠️ only")));
}

TEST_CASE("a long title is cut to the platforms' limit without a trailing dash", "[unit][rooms]") {
  auto name = incident_room_name(12345, std::string(30, 'a') + " " + std::string(60, 'b'));
  CHECK(name.size() <= max_room_name_length);
  CHECK(valid_everywhere(name));
  CHECK(incident_room_name(1, std::string(58, 'x') + " y").back() != '-');
}

TEST_CASE("a taken name gets a numbered suffix, still within the limit", "[unit][rooms]") {
  CHECK(incident_room_name_retry("inc-4-db-down", 1) == "inc-4-db-down-2");
  CHECK(incident_room_name_retry("inc-4-db-down", 8) == "inc-4-db-down-9");
  auto long_name = incident_room_name(1, std::string(80, 'z'));
  auto retry = incident_room_name_retry(long_name, 1);
  CHECK(retry.size() <= max_room_name_length);
  CHECK(retry.substr(retry.size() - 2) == "-2");
  CHECK(valid_everywhere(retry));
}
