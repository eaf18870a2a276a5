// Role: the /_sim control API (see control.hpp).
#include "control.hpp"

namespace jirasim {

namespace {

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

json body_of(const httplib::Request& req) {
  auto j = json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
  return j.is_object() ? j : json::object();
}

}  // namespace

void add_control_routes(httplib::Server& server, state& st, api_switch sw) {
  server.Get("/_sim/issues", [&st](const httplib::Request&, httplib::Response& res) {
    std::lock_guard guard(st.lock);
    json out = json::array();
    for (const auto& i : st.issues) out.push_back(st.control_json(i));
    reply(res, 200, {{"issues", out}});
  });
  server.Post(R"(/_sim/issues/([^/]+)/status)", [&st](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard guard(st.lock);
    issue* i = st.find_issue(req.matches[1]);
    const status_def* s = state::find_status(body_of(req).value("status", ""));
    if (!i || !s) return reply(res, 404, {{"error", "no such issue or status"}});
    i->status_id = s->id;
    i->updated = now_iso();
    reply(res, 200, st.control_json(*i));
  });
  server.Post("/_sim/fail", [&st](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard guard(st.lock);
    auto b = body_of(req);
    st.fail_status = b.value("status", 503);
    st.fail_count = b.value("count", 1);
    st.fail_retry_after = b.value("retry_after", 0);
    st.fail_after_applying = b.value("after_applying", false);
    st.fail_method = b.value("method", "");
    st.fail_path = b.value("path", "");
    reply(res, 200, {{"ok", true}});
  });
  server.Post("/_sim/down", [sw](const httplib::Request&, httplib::Response& res) {
    sw.down();
    reply(res, 200, {{"ok", true}});
  });
  server.Post("/_sim/up", [sw](const httplib::Request&, httplib::Response& res) {
    sw.up();
    reply(res, 200, {{"ok", true}});
  });
  server.Get("/_sim/requests", [&st](const httplib::Request&, httplib::Response& res) {
    std::lock_guard guard(st.lock);
    reply(res, 200, {{"requests", st.requests}});
  });
}

}  // namespace jirasim
