// result<T>: a value or an error that says what went wrong and how to fix it. Used where
// failure is an expected outcome (bad input, refused transitions), instead of exceptions.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace oncall {

struct error {
  std::string message;  // one sentence naming the problem and, where possible, the fix
  std::string field;    // the offending input field or key path, when there is one
  bool operator==(const error&) const = default;
};

template <typename T>
class [[nodiscard]] result {
 public:
  result(T value) : v_(std::move(value)) {}
  result(error e) : v_(std::move(e)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const error& err() const { return std::get<1>(v_); }

 private:
  std::variant<T, error> v_;
};

struct ok_t {
  bool operator==(const ok_t&) const = default;
};
using status = result<ok_t>;
inline status ok_status() { return ok_t{}; }

}  // namespace oncall
