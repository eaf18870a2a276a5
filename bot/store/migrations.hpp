// Numbered schema migrations, applied in order at start inside one transaction each.
#pragma once

#include <string>
#include <vector>

namespace oncall {

// migrations()[i] brings the schema from version i to i + 1.
const std::vector<std::string>& sqlite_migrations();

}  // namespace oncall
