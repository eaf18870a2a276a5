// The command line (SPEC §1) and the wiring of every part; the only place that knows them all.
#pragma once

namespace oncall {

// Parses argv, runs the chosen command and returns the process exit code (0, 1 or 2).
int run_cli(int argc, char** argv);

}  // namespace oncall
