// Argument forms of the incident-record commands.
#include "handlers/note_arguments.hpp"

#include "handlers/arguments.hpp"

namespace oncall {

std::optional<std::int64_t> take_leading_hash_id(std::vector<std::string>& words) {
  if (words.empty() || words.front().empty() || words.front().front() != '#') return std::nullopt;
  auto id = parse_incident_id(words.front());
  if (id) words.erase(words.begin());
  return id;
}

std::optional<std::int64_t> optional_incident_id(const std::vector<std::string>& args,
                                                 std::size_t index) {
  if (index >= args.size()) return std::nullopt;
  auto id = parse_incident_id(args[index]);
  if (!id)
    throw command_error("'" + args[index] + "' is not an incident id; write it like 42 or #42");
  return id;
}

const person& mentioned_person(const config& cfg, const std::string& word) {
  if (const person* p = parse_person(cfg, word)) return *p;
  throw command_error("'" + word +
                      "' is not in oncallbot's people list; mention someone who is, like @alice");
}

bool looks_like_mention(const std::string& word) {
  return word.size() > 1 && (word.front() == '@' || word.rfind("<@", 0) == 0);
}

span person_span(incident_engine& engine, const std::string& name) {
  auto handle = engine.chat_handle(name);
  return handle.empty() ? rt::bold(name) : rt::mention(handle);
}

std::string shorten(const std::string& text, std::size_t max_characters) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // inside a character
    if (seen++ == max_characters) return text.substr(0, i) + "…";
  }
  return text;
}

}  // namespace oncall
