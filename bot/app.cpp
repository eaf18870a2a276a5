// Temporary stub, replaced by the real CLI.
#include "bot/app.hpp"

namespace oncall {
int run_cli(int, char**) { return 0; }
}  // namespace oncall
