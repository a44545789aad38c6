#include "sync/hq/crm/crmdataset.h"

#include "core/engine/purchaseeffect.h"
#include "sync/hq/membermerge.h"

#include <algorithm>
#include <map>

namespace tapledger::sync {

namespace {
constexpr uint64_t kPage = 4096;

struct Gathered
{
    std::map<Uuid, crm::MemberActivity> members;
    std::map<Uuid, CrmCard> cards;
};

Result<void> readChain(HqReadTx &tx, const std::string &chain, const HqVenue &venue, int64_t asOfDay, Gathered &out)
{
    const std::string_view currency = venue.currency().code();
    for (uint64_t from = 1;;) {
        auto page = tx.entries(chain, from, kPage);
        if (!page)
            return std::move(page).error();
        for (const StoredEntry &stored : *page) {
            const LedgerEntry &e = stored.entry;
            const int64_t day = venue.calendar().localDay(e.timeMs);
            if (day > asOfDay)
                continue;
            if (!e.card.isNil()) {
                CrmCard &card = out.cards[e.card];
                card.card = e.card;
                if (!e.member.isNil())
                    card.member = e.member;
                card.lastUseDay = std::max(card.lastUseDay, day);
            }
            auto effect = purchaseEffect(e);
            if (!effect)
                return fail(effect.error().code, chain + ": " + effect.error().message);
            if (!*effect || (!e.currency.empty() && e.currency != currency))
                continue;
            out.members[e.member].purchases.push_back({day, (*effect)->amountMinor, (*effect)->isReturn});
        }
        if (page->size() < kPage)
            return {};
        from = page->back().entry.seq + 1;
    }
}
} // namespace

Result<CrmDataset> CrmDataset::load(HqReadTx &tx, const HqVenue &venue, int64_t asOfDay)
{
    Gathered g;
    auto chains = tx.chains();
    if (!chains)
        return std::move(chains).error();
    for (const std::string &chain : *chains)
        TL_TRY(readChain(tx, chain, venue, asOfDay, g));

    auto imported = tx.purchases();
    if (!imported)
        return std::move(imported).error();
    for (const PurchaseRecord &p : *imported) {
        if (p.currency != venue.currency().code())
            continue;
        g.members[p.member].purchases.push_back({venue.calendar().localDay(p.timeMs), p.amountMinor, false});
    }

    // A merged-away member's purchases and cards are its surviving member's (docs/crm.md, "Duplicates and merge").
    auto aliases = MemberMerge::resolvedAliases(tx);
    if (!aliases)
        return std::move(aliases).error();
    for (const auto &[merged, end] : *aliases) {
        if (auto it = g.members.find(merged); it != g.members.end()) {
            std::vector<crm::DayAmount> moved = std::move(it->second.purchases);
            g.members.erase(it);
            auto &to = g.members[end].purchases;
            to.insert(to.end(), moved.begin(), moved.end());
            std::stable_sort(to.begin(), to.end(), [](const auto &x, const auto &y) { return x.day < y.day; });
        }
        for (auto &[id, card] : g.cards)
            if (card.member == merged)
                card.member = end;
    }

    std::map<Uuid, std::string> refs;
    auto crmMembers = tx.crmMembers();
    if (!crmMembers)
        return std::move(crmMembers).error();
    for (const CrmMemberRecord &m : *crmMembers)
        refs[m.member] = m.ref;

    CrmDataset out;
    std::vector<std::pair<crm::MemberActivity, Uuid>> members;
    for (auto &[id, activity] : g.members) {
        auto ref = refs.find(id);
        activity.member = ref != refs.end() ? ref->second : id.toString();
        auto profile = tx.member(id);
        if (!profile)
            return std::move(profile).error();
        if (*profile)
            activity.birthday = (*profile)->birthday;
        members.emplace_back(std::move(activity), id);
    }
    std::sort(members.begin(), members.end(), [](const auto &x, const auto &y) { return x.first.member < y.first.member; });
    for (auto &[activity, id] : members) {
        out.members.push_back(std::move(activity));
        out.memberIds.push_back(id);
    }
    for (const auto &[id, card] : g.cards)
        out.cards.push_back(card);
    return out;
}

crm::CardLiveness CrmDataset::cardLiveness(const crm::Analysis &analysis, int64_t asOfDay, int64_t aliveDays) const
{
    std::map<std::string, double> pAliveByName;
    for (const auto &m : analysis.members)
        pAliveByName[m.member] = m.pAlive.value_or(0.0);
    std::map<Uuid, double> pAlive;
    for (size_t i = 0; i < memberIds.size(); ++i) {
        const auto p = pAliveByName.find(members[i].member);
        pAlive[memberIds[i]] = p == pAliveByName.end() ? 0.0 : p->second;
    }
    std::vector<crm::CardUseDay> uses;
    for (const CrmCard &c : cards) {
        const auto p = pAlive.find(c.member);
        uses.push_back({c.lastUseDay, p == pAlive.end() ? 0.0 : p->second});
    }
    return crm::cardLiveness(uses, asOfDay, aliveDays);
}

} // namespace tapledger::sync
