// Capped runbook output (bot/runbook/output_cap), the concurrent-run limit
// (bot/runbook/run_slots) and the one-line outcome summary (bot/runbook/run_outcome).
#include <signal.h>

#include <catch2/catch.hpp>

#include "bot/runbook/output_cap.hpp"
#include "bot/runbook/run_outcome.hpp"
#include "bot/runbook/run_slots.hpp"

using namespace oncall;
using namespace std::chrono_literals;

TEST_CASE("runbook output under the cap is kept whole, however it arrives", "[unit][runbook]") {
  capped_output out(8, 8);
  out.append("hello ");
  out.append("");
  out.append("world\n");
  CHECK(out.text() == "hello world\n");
  CHECK(out.total_bytes() == 12);
  CHECK(out.cut_bytes() == 0);
}

TEST_CASE("runbook output over the cap keeps the head and the tail and says what was cut",
          "[unit][runbook]") {
  capped_output out(4, 6);
  for (char c = 'a'; c <= 'z'; ++c) out.append(std::string(1, c));
  CHECK(out.total_bytes() == 26);
  CHECK(out.cut_bytes() == 16);
  CHECK(out.kept_bytes() == 10);
  CHECK(out.text() ==
        "abcd\n[… 16 bytes of output cut; showing the first 4 bytes "
        "and the last 6 bytes …]\nuvwxyz");
}

TEST_CASE("runbook output: a chunk larger than the whole budget keeps only its ends",
          "[unit][runbook]") {
  capped_output out(3, 3);
  out.append("0123456789");
  out.append("ABCDEFGHIJ");
  CHECK(out.total_bytes() == 20);
  CHECK(out.cut_bytes() == 14);
  CHECK_THAT(out.text(), Catch::StartsWith("012\n[… 14 bytes"));
  CHECK_THAT(out.text(), Catch::EndsWith("…]\nHIJ"));
}

TEST_CASE("runbook output: the tail ring wraps correctly across many small writes",
          "[unit][runbook]") {
  capped_output out(0, 5);
  for (int i = 0; i < 1000; ++i) out.append(std::to_string(i % 10));
  CHECK(out.kept_bytes() == 5);
  CHECK_THAT(out.text(), Catch::EndsWith("…]\n56789"));
}

TEST_CASE("runbook output: cut points never split a UTF-8 character", "[unit][runbook]") {
  capped_output out(5, 5);
  // "aaaa" + "é" puts the first byte of é at the head's last place; the tail starts inside "€".
  out.append("aaaa\u00e9");
  out.append(std::string(100, 'x'));
  out.append("\u20ac\u20acz");  // 7 bytes: the tail holds the last 5 (2 bytes of the first €)
  const std::string text = out.text();
  CHECK_THAT(text, Catch::StartsWith("aaaa\n[…"));
  CHECK_THAT(text, Catch::EndsWith("…]\n\u20acz"));
  CHECK_THAT(text, Catch::Contains("[… 105 bytes of output cut"));  // with the split bytes
}

TEST_CASE("runbook output sizes read as people write them", "[unit][runbook]") {
  CHECK(human_bytes(1) == "1 byte");
  CHECK(human_bytes(512) == "512 bytes");
  CHECK(human_bytes(64 * 1024) == "64.0 KB");
  CHECK(human_bytes(50u * 1024 * 1024 - 128 * 1024) == "49.9 MB");
}

TEST_CASE("runbook slots: no more than the limit at once, and a finished run frees its slot",
          "[unit][runbook]") {
  run_slots slots(2);
  auto a = slots.try_take();
  auto b = slots.try_take();
  REQUIRE(a);
  REQUIRE(b);
  CHECK_FALSE(slots.try_take());
  CHECK(slots.in_use() == 2);
  a.reset();
  CHECK(slots.in_use() == 1);
  auto c = slots.try_take();
  CHECK(c);
  auto moved = std::move(*c);  // a moved-from slot gives nothing back
  c.reset();
  CHECK(slots.in_use() == 2);
}

TEST_CASE("runbook outcome summary says how it ended", "[unit][runbook]") {
  run_outcome ok;
  ok.exit_code = 0;
  ok.elapsed = 2300ms;
  CHECK(ok.succeeded());
  CHECK(ok.summary(60s) == "exit 0 after 2s");
  run_outcome killed;
  killed.signal = SIGKILL;
  killed.timed_out = true;
  killed.elapsed = 65s;
  CHECK_FALSE(killed.succeeded());
  CHECK(killed.summary(60s) == "killed by SIGKILL at the 1m timeout after 1m5s");
  run_outcome failed;
  failed.exit_code = 3;
  failed.elapsed = 40ms;
  CHECK(failed.summary(60s) == "exit 3 after 40ms");
}
