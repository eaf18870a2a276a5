// URL splitting and form encoding (bot/net/url) and reconnect backoff (bot/net/backoff).
#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "bot/net/backoff.hpp"
#include "bot/net/url.hpp"

using namespace oncall;
using namespace std::chrono_literals;

namespace {

struct parts {
  std::string scheme, host, port, target;
  bool operator==(const parts&) const = default;
};

std::ostream& operator<<(std::ostream& os, const parts& p) {
  return os << p.scheme << " " << p.host << " " << p.port << " " << p.target;
}

std::optional<parts> split(std::string_view url) {
  auto u = parse_url(url);
  if (!u) return std::nullopt;
  return parts{u->scheme, u->host, u->port, u->target};
}

}  // namespace

TEST_CASE("URLs split into what a connection needs, ports defaulted from the scheme",
          "[unit][net]") {
  CHECK(split("https://slack.com/api/") == parts{"https", "slack.com", "443", "/api/"});
  CHECK(split("http://127.0.0.1:8080") == parts{"http", "127.0.0.1", "8080", "/"});
  CHECK(split("wss://wss-primary.slack.com/link/?ticket=12&app_id=A1") ==
        parts{"wss", "wss-primary.slack.com", "443", "/link/?ticket=12&app_id=A1"});
  CHECK(split("ws://localhost:9000?x=1") == parts{"ws", "localhost", "9000", "/?x=1"});
  CHECK(split("HTTPS://Slack.com") == parts{"https", "Slack.com", "443", "/"});
  CHECK(split("http://[::1]:8080/hooks") == parts{"http", "::1", "8080", "/hooks"});
  CHECK(split("https://[::1]/") == parts{"https", "::1", "443", "/"});
}

TEST_CASE("the scheme decides whether a connection uses TLS", "[unit][net]") {
  CHECK(parse_url("https://x")->tls());
  CHECK(parse_url("wss://x")->tls());
  CHECK_FALSE(parse_url("http://x")->tls());
  CHECK_FALSE(parse_url("ws://x")->tls());
}

TEST_CASE("URLs without a supported scheme, a host or a port are refused", "[unit][net]") {
  for (const char* url :
       {"", "slack.com/api", "ftp://slack.com", "file:///etc/passwd", "https://", "https:///path",
        "http://:8080/", "http://host:/", "https://user:secret@slack.com/", "http://[::1/"}) {
    INFO(url);
    CHECK_FALSE(parse_url(url));
  }
}

TEST_CASE("form encoding escapes everything but unreserved characters and decodes back",
          "[unit][net]") {
  CHECK(url_encode("AZaz09-_.~") == "AZaz09-_.~");
  CHECK(url_encode("a b&c=d/e+f") == "a%20b%26c%3Dd%2Fe%2Bf");
  CHECK(url_encode("é🔥") == "%C3%A9%F0%9F%94%A5");
  CHECK(url_decode("a+b%20c%26%3d") == "a b c&=");
  CHECK(url_decode("%C3%A9") == "é");
  // Broken escapes are kept as they are.
  CHECK(url_decode("100%") == "100%");
  CHECK(url_decode("%zz%4") == "%zz%4");
  for (const char* s :
       {"", "text=/oncall ack #42 for 30m", "a+b", "<!channel> & \"q\"", "line\nbreak\t🔥"}) {
    CHECK(url_decode(url_encode(s)) == s);
  }
}

TEST_CASE("reconnect delays grow with jitter up to the cap and start over after a reset",
          "[unit][net]") {
  std::mt19937_64 rng{42};
  backoff b{1s, 30s};
  const std::vector<duration> ceilings = {1s, 2s, 4s, 8s, 16s, 30s, 30s, 30s};
  for (int round = 0; round < 50; ++round) {
    for (std::size_t i = 0; i < ceilings.size(); ++i) {
      auto d = b.next(rng);
      INFO("round " << round << ", failure " << i << ": " << d.count() << "ms");
      CHECK(d >= ceilings[i] / 2);
      CHECK(d <= ceilings[i]);
    }
    CHECK(b.failures() == static_cast<int>(ceilings.size()));
    b.reset();
    CHECK(b.failures() == 0);
  }
}

TEST_CASE("reconnect delays are jittered, not the same every time", "[unit][net]") {
  std::mt19937_64 rng{7};
  backoff b{10s, 10s};
  std::set<long long> seen;
  for (int i = 0; i < 20; ++i) seen.insert(b.next(rng).count());
  CHECK(seen.size() > 10);
}

TEST_CASE("reconnect delays stay at the cap after very many failures", "[unit][net]") {
  std::mt19937_64 rng{1};
  backoff b{1h, 2h};
  for (int i = 0; i < 200; ++i) {
    auto d = b.next(rng);
    REQUIRE(d >= duration{0});
    REQUIRE(d <= duration{2h});
  }
  CHECK(b.next(rng) >= duration{1h});
}
