#pragma once

#include <CLI/CLI.hpp>

namespace tapledger::cli {

/// `tapledger sim --policy FILE --script FILE [--data DIR] [--batch N] [--no-history]`:
/// runs a JSON Lines event script through the loyalty engine and prints the state as JSON.
void addSimCommand(CLI::App &app);

} // namespace tapledger::cli
