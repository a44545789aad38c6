#pragma once

#include "core/engine/policy.h"
#include "core/engine/venuecalendar.h"
#include "core/result.h"
#include "core/uuid.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tapledger {

/// One points line of a purchase (docs/engine.md, "Points"): what becomes one `earn` entry.
struct EarnLine
{
    /// The earn entry's extra as JSON: `line` (earn, visit, threshold, promo), rule id and
    /// version, the rule's inputs, `purchase` (the purchase entry's seq), `day` (local day),
    /// `expires_ms` (absent = never) and, when a cap cut it, `capped_from`, `cap`, `cap_points`.
    std::string extraJson;
    std::string ruleRef;   ///< "rule:<id>@<version>" of the rule that earned it
    int64_t points = 0;    ///< whole points after the caps, >= 0
    /// False for a line of 0 points with nothing to explain (no cap, no promotion): the engine
    /// writes no entry for it.
    bool recorded = true;
};

/// What one purchase earns, as the engine computes it for a kiosk purchase.
struct PurchasePointsInput
{
    Uuid member;
    std::string tier;                    ///< the member's tier id ("" = the first level)
    int64_t nowMs = 0;                   ///< the purchase instant, UTC ms
    int64_t total = 0;                   ///< what the purchase charged, minor units (>= 0)
    std::vector<std::string> categories; ///< the categories of its lines (promotions by category)
    uint64_t purchaseSeq = 0;            ///< seq of the purchase entry on its chain (extra `purchase`)
};

/// The engine's named counters of the member's earlier earn entries (docs/engine.md, counter
/// keys `promo:<rule>:<member>`, `visit:<member>`, `capday:<member>`, `cappoints:<member>`);
/// 0 for a counter never set.
using EarnCounters = std::function<Result<int64_t>(const std::string &key)>;

/// The points rules of a purchase (policy `points`: spend × rate × tier × promotions, visit,
/// thresholds, promotion bonuses, then the per-purchase and per-day caps; docs/policy.md). One
/// computation for the kiosk engine and for HQ's point-of-sale purchases: pure, no I/O.
class PurchasePoints
{
public:
    /// The lines @p in earns under @p policy, in the order the engine writes them. Errors:
    /// overflow (InvalidArgument), a counter that cannot be read (its error).
    static Result<std::vector<EarnLine>> compute(const Policy &policy, const VenueCalendar &calendar,
                                                 const PurchasePointsInput &in, const EarnCounters &counters);
};

} // namespace tapledger
