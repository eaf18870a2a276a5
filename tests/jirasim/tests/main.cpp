// Role: Catch2 entry point for jirasim_tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
