// Role: the state every dialect shares, owned by main and passed by reference: options, the
// bound port, the workspace, counters, injected faults and the id source.
#pragma once

#include <string>

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
};

}  // namespace chatsim
