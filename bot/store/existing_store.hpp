// Opening the bot's storage from a command that only reads it (who, report): a storage file
// that does not exist yet is not created, since that would leave an empty database where the
// bot will later look.
#pragma once

#include <memory>
#include <string>

#include "bot/store/store.hpp"

namespace oncall {

// The store behind `url`, or nullptr when it is an SQLite file that does not exist (or
// ":memory:", which holds nothing another process could read).
std::unique_ptr<store> open_existing_store(const std::string& url);

}  // namespace oncall
