#include "sync/hq/masterverifier.h"

#include "sync/hq/masterdelta.h"

#include "core/engine/memberholdings.h"
#include "core/ledger/chainverifier.h"
#include "core/ledger/merkle.h"
#include "core/ledger/merklefrontier.h"
#include "sync/protocol/protocol.h"

#include <nlohmann/json.hpp>

#include <map>

namespace tapledger::sync {

namespace {
constexpr uint64_t kPage = 1000;

struct Derived
{
    int64_t deposit = 0, bonus = 0, points = 0, debt = 0, pointsDebt = 0;
    bool operator==(const Derived &) const = default;
};

std::string describe(const Derived &d)
{
    return "deposit " + std::to_string(d.deposit) + ", bonus " + std::to_string(d.bonus) + ", points " +
           std::to_string(d.points) + ", debt " + std::to_string(d.debt) + ", points debt " + std::to_string(d.pointsDebt);
}
} // namespace

MasterVerifyReport verifyMasterState(HqReadTx &tx, const Ed25519PublicKey &hqKey)
{
    MasterVerifyReport report;
    const auto bad = [&](std::string problem) {
        report.ok = false;
        report.problem = std::move(problem);
        return report;
    };
    auto chains = tx.chains();
    if (!chains)
        return bad(chains.error().message);
    std::map<Uuid, Derived> derived;
    std::map<Uuid, uint64_t> memberEntries; // what member_entries must list per member
    // reward → kiosk → (redeem entries, seq of the last): what reward_redemptions must hold.
    std::map<std::string, std::map<std::string, std::pair<int64_t, uint64_t>>> redemptions;
    for (const auto &chainId : *chains) {
        Ed25519PublicKey key = hqKey;
        if (chainId != kHqChainId) {
            auto kiosk = tx.kiosk(chainId);
            if (!kiosk)
                return bad(kiosk.error().message);
            if (!*kiosk)
                return bad("chain " + chainId + " has no enrolled kiosk");
            key = (*kiosk)->deviceKey;
        }
        auto tip = tx.chainTip(chainId);
        if (!tip)
            return bad(tip.error().message);
        ChainVerifier chain(chainId, key);
        MerkleFrontier frontier;
        for (uint64_t from = 1;; from += kPage) {
            auto page = tx.entries(chainId, from, kPage);
            if (!page)
                return bad(page.error().message);
            for (const auto &stored : *page) {
                auto e = chain.next(stored.canonical, stored.signature);
                if (!e)
                    return bad("chain " + chainId + ": " + e.error().message);
                if (e->hash != stored.hash)
                    return bad("chain " + chainId + ": seq " + std::to_string(e->entry.seq) + ": stored hash does not match");
                frontier.push(merkle::leafHash(e->hash));
                ++report.entries;
                const LedgerEntry &x = e->entry;
                const auto delta = masterDelta(x, chainId);
                if (!delta)
                    continue;
                if (x.kind == EntryKind::Redeem) {
                    const auto j = nlohmann::json::parse(x.extra, nullptr, false);
                    if (j.is_object() && j.contains("reward") && j["reward"].is_string()) {
                        auto &r = redemptions[j["reward"].get<std::string>()][chainId];
                        ++r.first;
                        r.second = x.seq;
                    }
                }
                ++memberEntries[x.member];
                Derived &d = derived[x.member];
                d.deposit += delta->deposit;
                d.bonus += delta->bonus;
                d.points += delta->points;
                d.debt += delta->debt;
                d.pointsDebt += delta->pointsDebt;
            }
            if (page->size() < kPage)
                break;
        }
        if (chain.lastSeq() != tip->size || chain.lastHash() != tip->lastHash)
            return bad("chain " + chainId + ": the stored tip says " + std::to_string(tip->size) + " entries, " +
                       std::to_string(chain.lastSeq()) + " verify");
        if (frontier.toBytes() != tip->frontier)
            return bad("chain " + chainId + ": the stored Merkle frontier does not match the entries");
        ++report.chains;
    }
    auto stored = tx.masterBalances();
    if (!stored)
        return bad(stored.error().message);
    for (const auto &b : *stored) {
        const Derived have{b.deposit, b.bonus, b.points, b.debt, b.pointsDebt};
        const auto it = derived.find(b.member);
        const Derived want = it == derived.end() ? Derived{} : it->second;
        if (have != want)
            return bad("member " + b.member.toString() + ": master balances say " + describe(have) +
                       ", the master ledger gives " + describe(want));
        if (b.deposit < 0 || b.bonus < 0 || b.points < 0)
            return bad("member " + b.member.toString() + ": negative master balance (" + describe(have) + ")");
        // The snapshot's vouchers and batches: member_entries lists each merged entry once, and its
        // replay's batches add up to the master points.
        auto history = tx.memberEntries(b.member);
        if (!history)
            return bad(history.error().message);
        if (history->size() != memberEntries[b.member])
            return bad("member " + b.member.toString() + ": member_entries lists " + std::to_string(history->size()) +
                       " entries, the master ledger has " + std::to_string(memberEntries[b.member]));
        auto holdings = MemberHoldings::create(b.member);
        if (!holdings)
            return bad(holdings.error().message);
        for (const auto &e : *history) {
            if (auto step = holdings->apply(e.entry); !step)
                return bad("member " + b.member.toString() + ": " + step.error().message);
        }
        auto batches = holdings->batches();
        auto batchDebt = holdings->batchDebt();
        if (!batches || !batchDebt)
            return bad("member " + b.member.toString() + ": cannot read the replayed point batches");
        int64_t inBatches = 0;
        for (const auto &batch : *batches)
            inBatches += batch.remaining;
        if (inBatches - *batchDebt != b.points)
            return bad("member " + b.member.toString() + ": the replayed point batches hold " + std::to_string(inBatches) +
                       " − debt " + std::to_string(*batchDebt) + ", the master points are " + std::to_string(b.points));
        if (it != derived.end())
            derived.erase(it);
        ++report.members;
    }
    for (const auto &[member, d] : derived) {
        if (d != Derived{})
            return bad("member " + member.toString() + " has entries (" + describe(d) + ") but no master balance");
    }
    for (const auto &[reward, byKiosk] : redemptions) {
        auto rows = tx.rewardRedemptions(reward);
        if (!rows)
            return bad(rows.error().message);
        std::map<std::string, std::pair<int64_t, uint64_t>> have;
        for (const auto &row : *rows)
            have[row.kioskId] = {row.redeemed, row.lastSeq};
        if (have != byKiosk)
            return bad("reward " + reward + ": the stored redemption counts do not match the redeem entries");
    }
    report.ok = true;
    return report;
}

} // namespace tapledger::sync
