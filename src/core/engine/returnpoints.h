#pragma once

#include "core/engine/rational.h"
#include "core/result.h"

#include <cstdint>
#include <vector>

namespace tapledger {

/// A threshold bonus a purchase earned (an earn line `threshold`).
struct EarnedThreshold
{
    int64_t points = 0;   ///< whole points it earned
    int64_t minSpend = 0; ///< the rule's minimum spend, minor units
};

/// A return of (part of) a purchase, as the points rule of returns sees it (docs/engine.md,
/// "Returns").
struct ReturnPointsInput
{
    int64_t earned = 0;                      ///< every point the purchase earned
    std::vector<EarnedThreshold> thresholds; ///< its threshold lines (part of earned)
    Rational share;                          ///< cumulative share of the purchase returned, 0..1
    bool complete = false;                   ///< everything is returned now
    int64_t remaining = 0;                   ///< net amount kept after this return, minor units
    int64_t remainingBefore = 0;             ///< net amount kept before it, minor units
    int64_t pointsBefore = 0;                ///< points earlier returns of the purchase took back
    int64_t balance = 0;                     ///< the member's points balance now
    bool allowNegative = false;              ///< policy points.allow_negative
};

/// The points a return takes back.
struct ReturnPointsResult
{
    int64_t pointsSoFar = 0; ///< taken back by every return of the purchase up to this one
    int64_t owed = 0;        ///< this return owes (>= 0)
    int64_t reversed = 0;    ///< this return takes (owed, or the balance when it may not go negative)
    int64_t shortfall = 0;   ///< owed − reversed
    /// Indices into ReturnPointsInput::thresholds of the bonuses that go back with this return.
    std::vector<size_t> thresholdsNow;
};

/// The points rule of returns: threshold bonuses go back whole once the rest of the purchase is
/// below their minimum spend; everything else goes back by the share, floor(earned × share)
/// cumulatively, so any sequence of returns ends at exactly what was earned. Pure: one rule for
/// the kiosk engine and HQ's point-of-sale returns.
class ReturnPoints
{
public:
    static Result<ReturnPointsResult> compute(const ReturnPointsInput &in);
};

} // namespace tapledger
