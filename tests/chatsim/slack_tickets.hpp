// Role: single-use Socket Mode tickets: apps.connections.open issues one per call, the websocket
// upgrade redeems it once.
#pragma once

#include <set>
#include <string>

#include "ids.hpp"

namespace chatsim {

class ticket_book {
 public:
  std::string issue(id_source& ids) {
    std::string ticket = ids.uuid();
    open_.insert(ticket);
    return ticket;
  }
  bool redeem(const std::string& ticket) { return open_.erase(ticket) == 1; }

 private:
  std::set<std::string> open_;
};

}  // namespace chatsim
