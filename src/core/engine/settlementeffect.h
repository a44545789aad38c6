#pragma once

#include "core/ledger/ledgerentry.h"

#include <cstdint>
#include <optional>
#include <string>

namespace tapledger {

/// What one entry adds to a settlement (docs/engine.md, "Shifts"; docs/crm.md, "Reports"): the
/// single reading of entries for money taken in and paid out by pay method, used by the kiosk's
/// shift report and by HQ's settlement report. Amounts are minor units, points are points.
struct SettlementEffect
{
    /// The pay method the entry's money went through: a policy pay method, "stored_value" (pay,
    /// refund) or "" when the entry names none; nullopt when the entry moves no money by a pay
    /// method (it is then not counted under any method).
    std::optional<std::string> payMethod;
    int64_t topUps = 0;         ///< deposit taken in by a top-up (its deposit delta)
    int64_t purchases = 0;      ///< charged: purchase, pay, membership fee, a redemption's cash part
    int64_t refunds = 0;        ///< paid back: a return's net amount, a stored-value refund's deposit
    int64_t bonusGranted = 0;   ///< bonus credited by a top-up tier or a variable reward
    int64_t pointsIssued = 0;   ///< earn entries' points
    int64_t pointsRedeemed = 0; ///< points spent on rewards (>= 0)
    int64_t pointsAdjusted = 0; ///< staff adjustments' points (signed)
};

/// Reads @p entry for a settlement. An extra that is not a JSON object reads as empty (the shift
/// report has always counted such an entry's deltas only); kinds that settle nothing give a
/// default (empty) effect.
SettlementEffect settlementEffect(const LedgerEntry &entry);

} // namespace tapledger
