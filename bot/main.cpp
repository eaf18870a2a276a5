// oncallbot's entry point: hands the command line to the CLI in bot/app.
#include "bot/app.hpp"

int main(int argc, char** argv) { return oncall::run_cli(argc, argv); }
