// Role: what the report says besides the table: the machine (CPU model, cores, memory, kernel),
// the date, the commit and how to run the benchmark; and running a helper benchmark program.
#pragma once

#include <string>

namespace oncall::bench {

std::string describe_machine();
// The whole docs/benchmarks.md.
std::string benchmarks_document(const std::string& table, const std::string& machine,
                                const std::string& commit, int samples, int warmup);
// Runs `binary` (no shell, no arguments) to completion and returns its stdout and stderr.
std::string run_and_capture(const std::string& binary);

}  // namespace oncall::bench
