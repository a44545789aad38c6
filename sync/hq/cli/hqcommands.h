#pragma once

#include <CLI/CLI.hpp>

namespace tapledger::sync::cli {

/// `init`, `serve`, `enrol-kiosk`, `revoke-kiosk` (docs/operations.md, "HQ").
void addAdminCommands(CLI::App &app);
/// `publish-policy`, `publish-offers`: signed feed items for every kiosk.
void addFeedCommands(CLI::App &app);
/// `alerts`, `deny-list`, `balances`, `verify`, `verify-entry`: JSON lines on stdout.
void addReportCommands(CLI::App &app);
/// `import purchases`, `analytics`, `members` (docs/crm.md).
void addCrmCommands(CLI::App &app);
/// `enrol-pos`, `revoke-pos`: point-of-sale client certificates (docs/pos-api.md).
void addPosCommands(CLI::App &app);

} // namespace tapledger::sync::cli
