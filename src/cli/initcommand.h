#pragma once

#include <CLI/CLI.hpp>

namespace tapledger::cli {

/// Adds `tapledger init --data DIR [--kiosk-id ID]`: creates a kiosk data directory.
void addInitCommand(CLI::App &app);

} // namespace tapledger::cli
