#pragma once

#include "core/crm/crmanalysis.h"
#include "core/engine/offer.h"
#include "core/result.h"
#include "core/uuid.h"
#include "sync/hq/crm/hqvenue.h"

#include <map>
#include <string>
#include <vector>

namespace tapledger::sync {

class HqStore;
class Reconciler;

/// One member's offers from the segment rules (for `--dry-run` and `--json`).
struct MemberSegmentOffers
{
    std::string member;        ///< external reference or member id, as the analysis names it
    Uuid memberId;
    std::vector<Offer> offers; ///< ranked, highest first
    bool atKiosks = false;     ///< the member is known at HQ from a kiosk (can be sent offers)
};

/// What a run of the segment offers did (docs/crm.md, "Offers from segments").
struct SegmentOffersReport
{
    size_t analysed = 0;                 ///< members in the analysis
    size_t qualified = 0;                ///< members with at least one offer
    size_t offers = 0;                   ///< offers over all members
    std::map<std::string, size_t> byOffer; ///< offer id → members qualifying
    size_t published = 0;                ///< members whose offers feed item was written
    size_t unchanged = 0;                ///< members whose last published offers are the same
    size_t withdrawn = 0;                ///< members whose earlier segment offers were withdrawn
    size_t importedOnly = 0;             ///< qualifying members no kiosk knows yet (nothing sent)
    std::vector<MemberSegmentOffers> members; ///< every qualifying member, analysis order
};

/// HQ's offers from segments: the programs' HQ-evaluated offer rules (HqRuleOffers, core) over
/// the CRM analysis, sent to each member's kiosks as their `offers` feed item. Offers published
/// by hand (`publish-offers`) whose id is no segment rule are kept beside them.
class SegmentOffers
{
public:
    /// Evaluates the rules of @p venue's programs for every member of @p analysis as of local day
    /// @p asOfDay (offers valid from its start to the end of day asOfDay + validDays - 1, @p validDays
    /// >= 1) and, unless @p dryRun, publishes through @p reconciler each member whose offers changed.
    /// @p idOf maps the analysis's member names to member ids. A second run on the same day and
    /// data publishes nothing. Store errors are returned; what was published before them stays.
    static Result<SegmentOffersReport> run(HqStore &store, Reconciler &reconciler, const HqVenue &venue,
                                           const crm::Analysis &analysis, const std::map<std::string, Uuid> &idOf,
                                           int64_t asOfDay, int64_t validDays, bool dryRun);
};

} // namespace tapledger::sync
