#pragma once

#include <CLI/CLI.hpp>

namespace tapledger::cli {

/// `provision` (certificate request, then certificate install) and `sync` (one round with HQ),
/// docs/operations.md "Connecting a kiosk to HQ".
void addSyncCommands(CLI::App &app);

} // namespace tapledger::cli
