#pragma once

#include "core/ledger/ledgerentry.h"

#include <cstdint>
#include <optional>
#include <string>

namespace tapledger::sync {

/// What one merged entry adds to its member's master balances (docs/hq-storage.md, "Checking
/// it"): the rule `tapledger-hq verify` re-derives master_balances with, and the reports' liability.
struct MasterDelta
{
    int64_t deposit = 0, bonus = 0; ///< stored value, minor units
    int64_t points = 0;
    int64_t debt = 0;       ///< stored value owed, minor units (HQ's adjust entries only)
    int64_t pointsDebt = 0; ///< points owed (HQ's adjust entries only)
};

/// The master delta of @p entry, stored in chain @p chainId ("hq" = HQ's own chain, whose extras
/// carry debt and points_debt). nullopt for entries the master ledger does not count: hq_sync,
/// card_sync and entries about no member.
std::optional<MasterDelta> masterDelta(const LedgerEntry &entry, const std::string &chainId);

} // namespace tapledger::sync
