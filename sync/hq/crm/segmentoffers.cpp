#include "sync/hq/crm/segmentoffers.h"

#include "core/engine/hqoffers.h"
#include "core/engine/hqruleoffers.h"
#include "sync/hq/hqstore.h"
#include "sync/hq/reconciler.h"

#include <algorithm>
#include <set>

namespace tapledger::sync {

namespace {
/// What HQ knows of a member besides the analysis: its record and last published offers.
struct Known
{
    std::optional<MemberRecord> record;
    std::optional<MemberOffersRecord> published;
};

Result<Known> known(HqStore &store, const Uuid &member)
{
    Known out;
    TL_TRY(store.read([&](HqReadTx &tx) -> Result<void> {
        auto record = tx.member(member);
        if (!record)
            return std::move(record).error();
        out.record = std::move(*record);
        auto published = tx.memberOffers(member);
        if (!published)
            return std::move(published).error();
        out.published = std::move(*published);
        return {};
    }));
    return out;
}
} // namespace

Result<SegmentOffersReport> SegmentOffers::run(HqStore &store, Reconciler &reconciler, const HqVenue &venue,
                                               const crm::Analysis &analysis, const std::map<std::string, Uuid> &idOf,
                                               int64_t asOfDay, int64_t validDays, bool dryRun)
{
    if (validDays < 1)
        return fail(ErrorCode::InvalidArgument, "offers must be valid for at least 1 day, got " + std::to_string(validDays));
    const VenueCalendar &cal = venue.calendar();
    const int64_t fromMs = cal.startOfLocalDay(asOfDay);
    const int64_t untilMs = cal.startOfLocalDay(asOfDay + validDays) - 1;
    std::set<std::string> segmentRuleIds;
    for (const Policy &p : venue.programs()) {
        for (const OfferRule &r : p.offers) {
            if (r.evaluatedAtHq())
                segmentRuleIds.insert(r.rule.id);
        }
    }

    SegmentOffersReport report;
    report.analysed = analysis.members.size();
    for (const crm::MemberAnalysis &m : analysis.members) {
        auto id = idOf.find(m.member);
        if (id == idOf.end())
            return fail(ErrorCode::Conflict, "member '" + m.member + "' of the analysis has no id");
        auto k = known(store, id->second);
        if (!k)
            return std::move(k).error();

        HqMemberSegments seg;
        seg.quadrant = m.quadrant ? std::string(crm::quadrantName(*m.quadrant)) : std::string();
        seg.pyramid = std::string(crm::pyramidLevelName(m.pyramid));
        seg.churnRisk = m.churn.pAliveLow || m.churn.gapBeyondRhythm;
        seg.daysSinceVisit = asOfDay - m.summary.lastDay;
        if (k->record) {
            seg.birthday = k->record->birthday;
            seg.name = k->record->name;
            seg.tier = k->record->tier;
        }
        std::vector<Offer> offers;
        std::set<std::string> ids;
        for (const Policy &p : venue.programs()) {
            for (Offer &o : HqRuleOffers::evaluate(p, cal, seg, fromMs, untilMs)) {
                if (ids.insert(o.id).second)
                    offers.push_back(std::move(o));
            }
        }
        for (const Offer &o : offers)
            ++report.byOffer[o.id];
        if (!offers.empty()) {
            ++report.qualified;
            report.offers += offers.size();
            report.members.push_back({m.member, id->second, offers, k->record.has_value()});
        }
        if (!k->record) {
            report.importedOnly += offers.empty() ? 0u : 1u;
            continue;
        }

        // Offers published by hand (no segment rule id) stay; the segment ones are replaced.
        std::vector<Offer> previous;
        if (k->published) {
            auto parsed = HqOffers::parse(k->published->offersJson);
            if (!parsed)
                return fail(ErrorCode::Corrupt, "member " + id->second.toString() + ": stored offers: " + parsed.error().message);
            previous = std::move(*parsed);
        }
        std::vector<Offer> next;
        bool hadSegmentOffers = false;
        for (const Offer &o : previous) {
            if (!segmentRuleIds.count(o.id) && !ids.count(o.id))
                next.push_back(o);
            hadSegmentOffers = hadSegmentOffers || segmentRuleIds.count(o.id);
        }
        next.insert(next.end(), offers.begin(), offers.end());
        std::stable_sort(next.begin(), next.end(), [](const Offer &a, const Offer &b) {
            return a.priority != b.priority ? a.priority > b.priority : a.id < b.id;
        });
        if (next.size() > HqOffers::kMaxOffers)
            next.resize(HqOffers::kMaxOffers);
        if (!k->published && next.empty())
            continue;
        if (k->published && HqOffers::toJson(next) == k->published->offersJson) {
            ++report.unchanged;
            continue;
        }
        if (offers.empty() && hadSegmentOffers)
            ++report.withdrawn;
        else
            ++report.published;
        if (!dryRun) {
            auto written = reconciler.publishMemberOffers(id->second, next);
            if (!written)
                return std::move(written).error();
        }
    }
    return report;
}

} // namespace tapledger::sync
