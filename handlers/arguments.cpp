// Argument splitting and incident-id resolution shared by the handlers.
#include "handlers/arguments.hpp"

#include <algorithm>
#include <cctype>

namespace oncall {

std::vector<std::string> split_arguments(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  bool in_quotes = false;
  bool have_word = false;
  for (char c : text) {
    if (c == '"') {
      in_quotes = !in_quotes;
      have_word = true;
    } else if ((c == ' ' || c == '\t' || c == '\n' || c == '\r') && !in_quotes) {
      if (have_word) words.push_back(std::move(current));
      current.clear();
      have_word = false;
    } else {
      current += c;
      have_word = true;
    }
  }
  if (in_quotes) {
    throw command_error("a double quote is not closed; write values with spaces as key=\"a b\"");
  }
  if (have_word) words.push_back(std::move(current));
  return words;
}

incident resolve_incident(command_context& ctx, const std::optional<std::int64_t>& id) {
  if (id) {
    auto inc = ctx.engine.find(*id);
    if (!inc) {
      throw command_error("there is no incident #" + std::to_string(*id) +
                          "; /oncall incidents lists the open ones");
    }
    return *inc;
  }
  std::vector<incident> here;
  for (auto& inc : ctx.engine.open_incidents()) {
    if (inc.channel == ctx.channel) here.push_back(inc);
  }
  if (here.size() == 1) return here.front();
  if (here.empty()) {
    throw command_error("no incident is open in this channel; name one, like #42 (/oncall incidents lists them)");
  }
  std::string ids;
  for (const auto& inc : here) ids += (ids.empty() ? "" : ", ") + inc.display_id();
  throw command_error("which incident? Open here: " + ids + "; name one, like " + here.front().display_id());
}

namespace {

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

const person* parse_person(const config& cfg, std::string_view word) {
  if (word.size() > 3 && word.substr(0, 2) == "<@" && word.back() == '>') {
    word = word.substr(2, word.size() - 3);
    word = word.substr(0, word.find('|'));  // <@U123|alice>: the id is what counts
  }
  if (!word.empty() && word.front() == '@') word.remove_prefix(1);
  if (word.empty()) return nullptr;
  for (const auto& p : cfg.people) {
    if (same_text(word, p.name) || (!p.slack.empty() && word == p.slack) ||
        (!p.mattermost.empty() && same_text(word, p.mattermost))) {
      return &p;
    }
  }
  return nullptr;
}

std::optional<time_point> parse_instant(std::string_view word, time_point now) {
  if (same_text(word, "now")) return now;
  return parse_iso8601(std::string(word));
}

std::string join_words(const std::vector<std::string>& words, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

}  // namespace oncall
