// Role: REST v4 post reads: one post, a thread, and a channel's posts as a PostList (newest
// first, paged by page/per_page, before/after a post, or everything changed since a time).
#include <algorithm>
#include <charconv>

#include "mattermost_json.hpp"
#include "mattermost_rest_calls.hpp"
#include "mattermost_state.hpp"

namespace chatsim {
namespace {

constexpr int per_page_default = 60;
constexpr int per_page_max = 200;
constexpr std::size_t since_max = 1000;

std::optional<long long> number(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  long long value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size()) return std::nullopt;
  return value;
}

// Adds the roots of replies on the page to the map (not the order), as Mattermost does, and
// the cursor hints around the page.
void finish_page(const mm_workspace& ws, const std::vector<const mm_post*>& live, mm_post_page& page) {
  for (const mm_post* p : page.order) {
    if (p->root_id.empty()) continue;
    bool listed = std::any_of(page.order.begin(), page.order.end(), [&](const mm_post* q) { return q->id == p->root_id; }) ||
                  std::any_of(page.extra.begin(), page.extra.end(), [&](const mm_post* q) { return q->id == p->root_id; });
    const mm_post* root = ws.find_post(p->root_id);
    if (!listed && root && !root->deleted()) page.extra.push_back(root);
  }
  if (page.order.empty()) return;
  auto position = [&](const mm_post* p) { return std::find(live.begin(), live.end(), p) - live.begin(); };
  auto newest = position(page.order.front());
  auto oldest = position(page.order.back());
  if (newest + 1 < static_cast<long>(live.size())) page.next_post_id = live[newest + 1]->id;
  if (oldest > 0) page.prev_post_id = live[oldest - 1]->id;
}

}  // namespace

http_reply mm_get_channel_posts(mm_rest_call& c) {
  if (!mm_valid_id(c.params[0])) return c.invalid_url_param("channel_id");
  mm_channel* ch = c.mm.ws.channel_by_id(c.params[0]);
  if (!ch || !ch->members.contains(c.caller.id)) return c.forbidden();
  long long per_page = number(c.query("per_page")).value_or(per_page_default);
  if (per_page < 0) per_page = per_page_default;
  per_page = std::min<long long>(per_page, per_page_max);
  long long page_number = std::max(0LL, number(c.query("page")).value_or(0));
  std::size_t skip = static_cast<std::size_t>(page_number * per_page);

  mm_post_page page;
  if (auto since = number(c.query("since")); since && *since > 0) {
    // Everything created, edited or deleted after `since` (deleted posts included).
    for (auto it = ch->posts.rbegin(); it != ch->posts.rend() && page.order.size() < since_max; ++it) {
      if (it->update_at > *since) page.order.push_back(&*it);
    }
    return json_reply(mm_post_list_json(c.mm.ws, page));
  }
  std::vector<const mm_post*> live;  // oldest first
  for (const auto& p : ch->posts) {
    if (!p.deleted()) live.push_back(&p);
  }
  std::string before = c.query("before").value_or(""), after = c.query("after").value_or("");
  std::vector<const mm_post*> candidates;  // in the order they are taken
  if (!after.empty()) {
    auto anchor = std::find_if(live.begin(), live.end(), [&](const mm_post* p) { return p->id == after; });
    if (anchor != live.end()) candidates.assign(anchor + 1, live.end());
  } else {
    auto end = live.end();
    if (!before.empty()) end = std::find_if(live.begin(), live.end(), [&](const mm_post* p) { return p->id == before; });
    if (before.empty() || end != live.end()) candidates.assign(std::make_reverse_iterator(end), live.rend());
  }
  for (std::size_t i = skip; i < candidates.size() && page.order.size() < static_cast<std::size_t>(per_page); ++i) {
    page.order.push_back(candidates[i]);
  }
  if (!after.empty()) std::reverse(page.order.begin(), page.order.end());  // newest first
  finish_page(c.mm.ws, live, page);
  return json_reply(mm_post_list_json(c.mm.ws, page));
}

http_reply mm_get_post(mm_rest_call& c) {
  if (!mm_valid_id(c.params[0])) return c.invalid_url_param("post_id");
  const mm_post* p = c.mm.ws.find_post(c.params[0]);
  if (!p || p->deleted()) return c.error(404, "app.post.get.app_error", "Unable to get the post.");
  const mm_channel* ch = c.mm.ws.channel_by_id(p->channel_id);
  if (!ch->members.contains(c.caller.id)) return c.forbidden();
  return json_reply(mm_post_json(c.mm.ws, *p));
}

http_reply mm_get_thread(mm_rest_call& c) {
  if (!mm_valid_id(c.params[0])) return c.invalid_url_param("post_id");
  const mm_post* p = c.mm.ws.find_post(c.params[0]);
  if (!p || p->deleted()) return c.error(404, "app.post.get.app_error", "Unable to get the post.");
  if (!c.mm.ws.channel_by_id(p->channel_id)->members.contains(c.caller.id)) return c.forbidden();
  mm_post_page page;
  page.order = c.mm.ws.thread(p->id);
  std::reverse(page.order.begin(), page.order.end());
  return json_reply(mm_post_list_json(c.mm.ws, page));
}

}  // namespace chatsim
