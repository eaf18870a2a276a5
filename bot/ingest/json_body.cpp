// A SAX handler that builds the DOM of a body, except for one top-level array whose elements it
// builds one at a time and hands over (see json_body.hpp for why).
#include "bot/ingest/json_body.hpp"

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oncall::ingest {

namespace {

// What nlohmann names after "; expected " (lexer::token_type_name): a fixed set of ASCII texts.
constexpr std::array<std::string_view, 16> expected_token_names{
    "<uninitialized>", "true literal", "false literal", "null literal", "string literal",
    "number literal", "'['", "'{'", "']'", "'}'", "':'", "','", "<parse error>", "end of input",
    "'[', '{', or a literal", "unknown token"};

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 1, column 5:
// syntax error while parsing value - invalid literal; last read: '…'; expected …".
// Keep the reason, drop the prefix and the echoed input (it can be long, and it is the sender's
// own data: raw bytes, possibly invalid UTF-8, that would make the JSON error reply unwritable).
// The echo may itself contain "; expected ", so only a known token name at the very end counts.
std::string short_parse_reason(std::string_view what) {
  std::string_view reason = what;
  if (auto column = reason.find(", column "); column != std::string_view::npos) {
    if (auto colon = reason.find(": ", column); colon != std::string_view::npos) {
      reason.remove_prefix(colon + 2);
    }
  }
  auto last_read = reason.find("; last read: '");
  if (last_read == std::string_view::npos) return std::string(reason);
  std::string out(reason.substr(0, last_read));
  for (auto name : expected_token_names) {
    const std::string expected = "; expected " + std::string(name);
    if (reason.size() - last_read >= expected.size() && reason.ends_with(expected)) {
      out += expected;
      break;
    }
  }
  return out;
}

// The SAX interface nlohmann::json::sax_parse expects, as plain members (no virtual calls).
class streaming_builder {
 public:
  streaming_builder(json& root, std::string_view array_key, const element_handler* on_element)
      : root_(root), array_key_(array_key), on_element_(on_element) {}

  bool null() { return scalar(nullptr); }
  bool boolean(bool value) { return scalar(value); }
  bool number_integer(json::number_integer_t value) { return scalar(value); }
  bool number_unsigned(json::number_unsigned_t value) { return scalar(value); }
  bool number_float(json::number_float_t value, const json::string_t&) { return scalar(value); }
  bool string(json::string_t& value) { return scalar(std::move(value)); }
  bool binary(json::binary_t& value) { return scalar(json::binary(std::move(value))); }

  bool start_object(std::size_t) {
    stack_.push_back(place(json::object()));
    return true;
  }
  bool key(json::string_t& name) {
    next_is_streamed_ = on_element_ && !streaming_ && stack_.size() == 1 && name == array_key_;
    slot_ = &(*stack_.back())[std::move(name)];
    return true;
  }
  bool end_object() { return close(); }

  bool start_array(std::size_t) {
    if (next_is_streamed_) {
      *slot_ = json::array();
      outer_stack_.swap(stack_);  // elements are built as roots of their own
      streaming_ = true;
      next_is_streamed_ = false;
      index_ = 0;
      return true;
    }
    stack_.push_back(place(json::array()));
    return true;
  }
  bool end_array() {
    if (streaming_ && stack_.empty()) {
      streaming_ = false;  // the streamed array itself ends
      stack_.swap(outer_stack_);
      return true;
    }
    return close();
  }

  bool parse_error(std::size_t position, const std::string&, const json::exception& e) {
    error_ = error{"the body is not valid JSON: " + short_parse_reason(e.what()) + " at byte " +
                       std::to_string(position),
                   ""};
    return false;
  }

  std::optional<error> take_error() { return std::move(error_); }

 private:
  // Puts a new value where the parser is: the whole root, a streamed element, an array item or
  // the member whose key came last.
  json* place(json&& value) {
    next_is_streamed_ = false;
    if (stack_.empty()) {
      json& target = streaming_ ? element_ : root_;
      target = std::move(value);
      return &target;
    }
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    *slot_ = std::move(value);
    return slot_;
  }

  bool scalar(json&& value) {
    place(std::move(value));
    hand_over_if_complete();
    return true;
  }

  bool close() {
    stack_.pop_back();
    hand_over_if_complete();
    return true;
  }

  void hand_over_if_complete() {
    if (!streaming_ || !stack_.empty()) return;
    (*on_element_)(index_++, element_);
    element_ = nullptr;
  }

  json& root_;
  std::string_view array_key_;
  const element_handler* on_element_;
  std::vector<json*> stack_;  // open objects and arrays, innermost last
  std::vector<json*> outer_stack_;  // the root's while an array is streamed
  json* slot_ = nullptr;      // the member named by the last key
  json element_;              // the streamed element being built
  bool next_is_streamed_ = false;
  bool streaming_ = false;
  std::size_t index_ = 0;
  std::optional<error> error_;
};

result<json> parse_object(std::string_view body, std::string_view array_key,
                          const element_handler* on_element) {
  json root;
  streaming_builder builder(root, array_key, on_element);
  if (!json::sax_parse(body.data(), body.data() + body.size(), &builder)) {
    if (auto e = builder.take_error()) return *e;
    return error{"the body is not valid JSON", ""};
  }
  if (!root.is_object()) {
    return error{"the body must be a JSON object, not " + std::string(json_type_name(root)), ""};
  }
  return root;
}

}  // namespace

result<json> parse_json_object(std::string_view body) { return parse_object(body, {}, nullptr); }

result<json> parse_json_object_streaming(std::string_view body, std::string_view array_key,
                                         const element_handler& on_element) {
  return parse_object(body, array_key, &on_element);
}

}  // namespace oncall::ingest
