// Role: the state every dialect shares, owned by main and passed by reference: options, the
// bound port, the workspace, counters, injected faults, the id source and the transcript
// sections of other dialects.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "faults.hpp"
#include "ids.hpp"
#include "options.hpp"
#include "stats.hpp"
#include "workspace.hpp"

namespace chatsim {

struct sim_context {
  sim_context(boost::asio::any_io_executor ex, sim_options opts)
      : executor(std::move(ex)), options(std::move(opts)) {}

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port); }

  boost::asio::any_io_executor executor;
  sim_options options;
  unsigned short port = 0;
  workspace ws;
  sim_stats stats;
  fault_registry faults;
  id_source ids;
  // Sections other dialects add to GET /_sim/transcript after the Slack channels.
  std::vector<std::function<std::string()>> transcript_sections;
};

}  // namespace chatsim
