// Hostile text in the Markdown export: whatever people typed in the incident room renders as
// those words, pings nobody, injects no Markdown or HTML, and keeps the document's structure.
#include <catch2/catch.hpp>

#include "bot/report/markdown_text.hpp"
#include "bot/report/postmortem.hpp"
#include "bot/store/sqlite_store.hpp"
#include "engine_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

// A line of the rendered draft that contains `needle`.
std::string line_with(const std::string& doc, const std::string& needle) {
  auto p = doc.find(needle);
  REQUIRE(p != std::string::npos);
  auto begin = doc.rfind('\n', p) + 1;
  return doc.substr(begin, doc.find('\n', p) - begin);
}

}  // namespace

TEST_CASE("mentions are neutralised: no <!channel>, <@U…>, @here or ~channel survives", "[unit][postmortem][hostile]") {
  auto out = markdown_text("<!channel> <!here|here> <@U0ALICE> @here @all @alice ~town-square");
  CHECK(out.find("<!") == std::string::npos);
  CHECK(out.find("<@") == std::string::npos);
  CHECK(out.find("@here") == std::string::npos);
  CHECK(out.find("@all") == std::string::npos);
  CHECK(out.find("@alice") == std::string::npos);
  CHECK(out.find(" ~town") == std::string::npos);  // escaped: \~town
  CHECK(out == "&lt;\\!channel&gt; &lt;\\!here\\|here&gt; &lt;&#64;U0ALICE&gt; &#64;here &#64;all "
               "&#64;alice \\~town-square");
}

TEST_CASE("Markdown and HTML injection renders as text", "[unit][postmortem][hostile]") {
  CHECK(markdown_text("**bold** _it_ `code` [x](http://evil) ![i](http://evil/i.png)") ==
        "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[x\\]\\(http://evil\\) \\!\\[i\\]\\(http://evil/i.png\\)");
  CHECK(markdown_text("<script>alert(1)</script><img src=x onerror=alert(1)>") ==
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt;&lt;img src=x onerror=alert\\(1\\)&gt;");
  CHECK(markdown_text("a | b") == "a \\| b");
  CHECK(markdown_text("&lt;") == "&amp;lt;");
  // A newline cannot start a heading, a quote or a list item: the text stays on its line.
  CHECK(markdown_text("one\n# heading\n> quote\r\n- item") ==
        "one<br>\\# heading<br>&gt; quote<br>- item");
}

TEST_CASE("emoji and right-to-left text pass through; bidi overrides and controls do not", "[unit][postmortem][hostile]") {
  CHECK(markdown_text("🔥 deploy 👍🏽 שלום עולם مرحبا") == "🔥 deploy 👍🏽 שלום עולם مرحبا");
  CHECK(markdown_text("abc\u202Egnp.exe\u2066x\u2069") == "abcgnp.exex");
  CHECK(markdown_text(std::string("a\x01" "b\x1b[31mc\x7f", 10)) == "ab\\[31mc");
  CHECK(markdown_text("bad \xC3\x28 utf8 \xF0\x9F") == "bad \xEF\xBF\xBD\\( utf8 \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("link targets are http(s) only, with the characters that end a target encoded", "[unit][postmortem][hostile]") {
  CHECK(markdown_link_target("https://x.example/a b)c") == "https://x.example/a%20b%29c");
  CHECK(markdown_link_target("javascript:alert(1)").empty());
  CHECK(markdown_link_target("data:text/html,hi").empty());
}

TEST_CASE("a hostile room renders as text in the whole Markdown draft", "[unit][postmortem][hostile]") {
  sqlite_store st(":memory:");
  incident inc;
  inc.key = "generic:x";
  inc.title = "<!channel> **Outage** @here";
  inc.source = "generic";
  inc.opened_at = test_start();
  inc.cause_text = "[click](javascript:alert(1))";
  auto id = st.insert_incident(inc);
  const std::string big(40 * 1024, 'A');
  const std::vector<std::string> texts = {
      "<!channel> wake up", "<@U0ALICE> look", "@here now", "# Not a heading\n## nor this",
      "<img src=x onerror=alert(1)>", "| table | break |", big, "🔥🚒 שלום \u202Eevil", "```\nfence"};
  for (std::size_t i = 0; i < texts.size(); ++i) {
    timeline_entry e;
    e.incident_id = id;
    e.at = test_start() + std::chrono::seconds(i);
    e.kind = "message";
    e.author = i == 0 ? "<@U0MALLORY>" : "alice";
    e.text = texts[i];
    e.key_event = i == 1;
    st.append_timeline(e);
  }
  auto md = render_postmortem(st, config{}, id, postmortem_format::markdown, test_start());
  REQUIRE(md);
  for (const char* bad : {"<!channel>", "<@U0", "@here", "<img", "\u202E", "```", "](javascript"}) {
    INFO(bad);
    CHECK(md->find(bad) == std::string::npos);
  }
  // Every message is one list item of the timeline: no line of the draft starts with user text.
  CHECK(line_with(*md, "Not a heading").starts_with("- "));
  CHECK(line_with(*md, "table \\| break").starts_with("- "));
  auto big_line = line_with(*md, big.substr(0, 100));
  CHECK(big_line.starts_with("- "));
  CHECK(big_line.find(big) != std::string::npos);  // whole, not cut
  CHECK(md->find("🔥🚒 שלום evil") != std::string::npos);
  CHECK(md->find("# Postmortem draft: #1 &lt;\\!channel&gt; \\*\\*Outage\\*\\* &#64;here\n") == 0);
}
