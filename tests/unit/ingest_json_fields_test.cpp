// Shared JSON helpers of the ingest parsers: body reading, streaming, URLs and titles.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "bot/ingest/json_body.hpp"
#include "bot/ingest/json_fields.hpp"

using namespace oncall;
using namespace oncall::ingest;

TEST_CASE("a streamed array hands over its elements in order and stays empty in the root",
          "[unit][ingest]") {
  std::vector<std::string> seen;
  auto root = parse_json_object_streaming(
      R"({"before": 1, "alerts": [{"n": "a", "alerts": [1]}, "b", [3], null], "after": {"x": 2}})",
      "alerts", [&](std::size_t index, json& element) {
        seen.push_back(std::to_string(index) + "=" + element.dump());
      });
  REQUIRE(root.ok());
  CHECK(seen == std::vector<std::string>{R"(0={"alerts":[1],"n":"a"})", R"(1="b")", "2=[3]",
                                         "3=null"});
  CHECK(*root == json::parse(R"({"before": 1, "alerts": [], "after": {"x": 2}})"));
}

TEST_CASE("a streamed member that is not an array stays in the root", "[unit][ingest]") {
  int calls = 0;
  auto root = parse_json_object_streaming(R"({"alerts": {"a": [1, 2]}})", "alerts",
                                          [&](std::size_t, json&) { ++calls; });
  REQUIRE(root.ok());
  CHECK(calls == 0);
  CHECK((*root)["alerts"]["a"] == json::array({1, 2}));
}

TEST_CASE("a syntax error after streamed elements still fails the body", "[unit][ingest]") {
  int calls = 0;
  auto root = parse_json_object_streaming(R"({"alerts": [1, 2], "x": })", "alerts",
                                          [&](std::size_t, json&) { ++calls; });
  REQUIRE_FALSE(root.ok());
  CHECK(calls == 2);
  CHECK_THAT(root.err().message, Catch::StartsWith("the body is not valid JSON: "));
  auto trailing = parse_json_object(R"({"a": 1} {"b": 2})");
  REQUIRE_FALSE(trailing.ok());
  CHECK_THAT(trailing.err().message, Catch::Contains("expected end of input"));
}

TEST_CASE("invalid UTF-8 in a body is malformed JSON", "[unit][ingest]") {
  auto root = parse_json_object("{\"title\": \"\xff\"}");
  REQUIRE_FALSE(root.ok());
  CHECK_THAT(root.err().message, Catch::Contains("UTF-8"));
}

TEST_CASE("only absolute http and https URLs are links", "[unit][ingest]") {
  for (const char* url : {"https://example.com", "http://127.0.0.1:9090/graph?g0.expr=up",
                          "HTTPS://EXAMPLE.COM/x", "https://grafana.example.com/d/abc#panel"}) {
    INFO(url);
    CHECK(is_http_url(url));
  }
  for (const char* url : {"", "javascript:alert(1)", "JavaScript://example.com/%0aalert(1)",
                          "data:text/html,hi", "file:///etc/passwd", "ftp://example.com",
                          "//example.com", "/relative", "https://", "https:///path",
                          "https://exa mple.com", "https://example.com/\nx", "example.com"}) {
    INFO(url);
    CHECK_FALSE(is_http_url(url));
  }
}

TEST_CASE("titles are one trimmed line", "[unit][ingest]") {
  CHECK(one_line_title("  Disk full\r\n  on db-1\t(97%)  ") == "Disk full on db-1 (97%)");
  CHECK(one_line_title("") == "");
  CHECK(one_line_title(" \n\t ") == "");
  CHECK(one_line_title(std::string(max_title_chars, 'x')) == std::string(max_title_chars, 'x'));
  auto cut = one_line_title(std::string(max_title_chars + 1, 'x'));
  CHECK(cut == std::string(max_title_chars - 1, 'x') + "\u2026");
}

TEST_CASE("field errors name the JSON path", "[unit][ingest]") {
  auto object = json::parse(R"({"a": {"b": 1}, "n": 1.5, "big": 18446744073709551615})");
  CHECK(required_string(object, "missing", "alerts[3]").err() ==
        error{"alerts[3].missing is missing", "alerts[3].missing"});
  CHECK(optional_string_map(object, "a").err().message == "a.b must be a string, not a number");
  CHECK(optional_integer(object, "n", 0, 10).err().message ==
        "n must be a whole number, not 1.5");
  CHECK(optional_integer(object, "big", 0, 10).err().field == "big");
  CHECK(optional_integer(object, "absent", 0, 10).value() == std::nullopt);
}
