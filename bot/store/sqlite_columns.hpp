// Reading and binding the column types every SQLite table of the store shares: instants as
// milliseconds since the epoch, NULL for "not set".
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>

#include "bot/core/time.hpp"

namespace oncall::sqlite_columns {

inline std::int64_t millis(time_point t) { return static_cast<std::int64_t>(to_millis(t)); }

inline std::optional<time_point> optional_time(SQLite::Column c) {
  if (c.isNull()) return std::nullopt;
  return from_millis(c.getInt64());
}

inline void bind_optional_time(SQLite::Statement& st, int index, const std::optional<time_point>& t) {
  if (t) {
    st.bind(index, millis(*t));
  } else {
    st.bind(index);  // NULL
  }
}

}  // namespace oncall::sqlite_columns
