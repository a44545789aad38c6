#pragma once

#include <CLI/CLI.hpp>

namespace tapledger::cli {

/// Adds `tapledger ledger append|verify|export|show|head`.
void addLedgerCommands(CLI::App &app);

} // namespace tapledger::cli
