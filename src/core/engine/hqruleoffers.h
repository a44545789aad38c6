#pragma once

#include "core/engine/offer.h"
#include "core/engine/policy.h"
#include "core/engine/venuecalendar.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tapledger {

/// What HQ's CRM knows of one member, as the policy's segment conditions read it (docs/crm.md,
/// "Offers from segments").
struct HqMemberSegments
{
    std::string quadrant;       ///< "A".."D"; "" = no visit in the analysis window
    std::string pyramid;        ///< "vip", "major", "ordinary" or "small"
    bool churnRisk = false;     ///< P(alive) below the threshold or visit gap beyond the member's rhythm
    int64_t daysSinceVisit = 0; ///< local days from the last visit to the as-of day, >= 0
    std::string birthday;       ///< "YYYY-MM-DD", "" = unknown
    std::string name;           ///< for the `{name}` placeholder
    std::string tier;           ///< the member's tier id at HQ, "" = unknown
};

/// The policy's offer rules that need HQ's segments (OfferRule::evaluatedAtHq), evaluated for one
/// member: the kiosk skips those rules and shows what HQ ships in the change feed. The same policy
/// types, birthday and limit-period rules as the kiosk's own offers (offerlimits.h).
class HqRuleOffers
{
public:
    /// The offers of @p policy's HQ-evaluated rules whose every condition @p member meets at
    /// @p asOfMs (UTC ms), highest priority first: each carries its rule id and version, the
    /// reason filled in English with the policy's translations of title and reason per locale,
    /// validity [@p asOfMs, @p validUntilMs], the rule's per-member limit and the limit period key
    /// at @p asOfMs. A voucher grant takes the voucher rule's value, minimum spend and expiry
    /// counted from @p asOfMs. Requires validUntilMs >= asOfMs (asserted).
    static std::vector<Offer> evaluate(const Policy &policy, const VenueCalendar &calendar,
                                       const HqMemberSegments &member, int64_t asOfMs, int64_t validUntilMs);
};

} // namespace tapledger
