#pragma once

#include "core/engine/venuecalendar.h"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace tapledger::sync::cli {

/// `init`, `serve`, `enrol-kiosk`, `revoke-kiosk` (docs/operations.md, "HQ").
void addAdminCommands(CLI::App &app);
/// `publish-policy`, `publish-offers`: signed feed items for every kiosk.
void addFeedCommands(CLI::App &app);
/// `alerts`, `deny-list`, `balances`, `verify`, `verify-entry`: JSON lines on stdout.
void addReportCommands(CLI::App &app);
/// `report NAME --data DIR --out DIR`: NAME.csv and NAME.html (docs/crm.md, "Reports").
void addReportFilesCommand(CLI::App &app);
/// `import purchases`, `analytics`, `members` (docs/crm.md).
void addCrmCommands(CLI::App &app);
/// `feedback`, `complaints`, `complaint answer|close` (docs/crm.md, "Feedback and complaints").
void addFeedbackCommands(CLI::App &app);
/// `duplicates`, `merge-members` (docs/crm.md, "Duplicates and merge").
void addMergeCommands(CLI::App &app);
/// `profile set`, `profile show` (docs/crm.md, "Member profiles").
void addProfileCommands(CLI::App &app);

/// The local day of `--as-of YYYY-MM-DD` @p asOf in @p calendar, today's when empty; throws a
/// usage CommandError for anything else.
int64_t asOfLocalDay(const VenueCalendar &calendar, const std::string &asOf);
/// `enrol-pos`, `revoke-pos`: point-of-sale client certificates (docs/pos-api.md).
void addPosCommands(CLI::App &app);

} // namespace tapledger::sync::cli
