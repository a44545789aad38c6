#pragma once

#include "core/crm/cardliveness.h"
#include "core/crm/crmanalysis.h"
#include "core/crm/memberactivity.h"
#include "core/result.h"
#include "core/uuid.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/hqreadtx.h"

#include <vector>

namespace tapledger::sync {

/// A card seen in the merged entries and where it was last used.
struct CrmCard
{
    Uuid card, member;
    int64_t lastUseDay = 0; ///< local day of its last entry up to the as-of day
};

/// Everything HQ's CRM analyses, gathered from one read transaction (docs/crm.md): per member
/// the imported purchases and the kiosks' merged purchase, pay and return entries (read with
/// core's purchaseEffect), on local days of the venue.
struct CrmDataset
{
    std::vector<crm::MemberActivity> members; ///< ordered by MemberActivity::member
    std::vector<Uuid> memberIds;              ///< parallel to members
    std::vector<CrmCard> cards;               ///< cards with an entry up to the as-of day, by card id

    /// Reads @p tx; entries after the end of @p asOfDay are left out. Kiosk entries in a currency
    /// other than the venue's are not counted. Corrupt for an entry whose extra is unreadable.
    static Result<CrmDataset> load(HqReadTx &tx, const HqVenue &venue, int64_t asOfDay);

    /// Card liveness at @p asOfDay (the day this dataset was loaded for) over @p aliveDays days:
    /// each card weighs its member's P(alive) in @p analysis (an analysis of `members`), 0 for a
    /// member not analysed or without a model (docs/crm.md, "card liveness").
    crm::CardLiveness cardLiveness(const crm::Analysis &analysis, int64_t asOfDay, int64_t aliveDays) const;
};

} // namespace tapledger::sync
