// JSON codecs for the map- and list-valued columns of the store.
#pragma once

#include <string>
#include <vector>

#include "bot/core/alert.hpp"

namespace oncall {

std::string labels_to_json(const label_map& labels);
label_map labels_from_json(const std::string& json);
std::string links_to_json(const std::vector<link>& links);
std::vector<link> links_from_json(const std::string& json);

}  // namespace oncall
