// Role: Catch2 entry point for chatsim_tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
