// What HQ publishes beside policies (docs/sync-protocol.md): reward stock across the fleet
// (`stock` items, minus this kiosk's own redemptions HQ has not counted) and per-member offers
// (`offers` items).
#include "core/engine/engine_p.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/hqoffers.h"
#include "core/engine/sql_p.h"
#include "core/ledger/canonicalcodec.h"

namespace tapledger {

Result<int64_t> Engine::Impl::stockLeft(const Reward &reward) const
{
    auto hq = sql::prepared(db(), "SELECT remaining, own_seq FROM engine_hq_stock WHERE reward = ?", reward.rule.id);
    if (!hq)
        return std::move(hq).error();
    auto row = hq->step();
    if (!row)
        return std::move(row).error();
    if (!*row) {
        auto redeemed = counter("reward:" + reward.rule.id);
        if (!redeemed)
            return std::move(redeemed).error();
        return reward.stock.value_or(0) - *redeemed;
    }
    const int64_t remaining = hq->int64At(0), ownSeq = hq->int64At(1);
    // This kiosk's redemptions of the reward after the last of its entries HQ had merged.
    auto mine = sql::prepared(db(), "SELECT body FROM entries WHERE kind = ? AND seq > ?",
                              int64_t{static_cast<uint16_t>(EntryKind::Redeem)}, ownSeq);
    if (!mine)
        return std::move(mine).error();
    int64_t since = 0;
    Result<void> bad;
    TL_TRY(sql::forEachRow(*mine, [&] {
        auto e = CanonicalCodec::decode(mine->blobAt(0));
        if (!e) {
            bad = std::move(e).error();
            return;
        }
        auto x = extra::of(*e);
        if (x && extra::str(*x, "reward") == reward.rule.id)
            ++since;
    }));
    TL_TRY(bad);
    return remaining - since;
}

Result<std::optional<int64_t>> Engine::rewardStockLeft(const std::string &rewardId) const
{
    d->refreshPolicy();
    const Reward *reward = d->policy.reward(rewardId);
    if (!reward)
        return fail(ErrorCode::NotFound, "unknown reward '" + rewardId + "'");
    if (!reward->stock)
        return std::optional<int64_t>{};
    auto left = d->stockLeft(*reward);
    if (!left)
        return std::move(left).error();
    return std::optional<int64_t>{*left};
}

Result<std::vector<Offer>> Engine::Impl::adoptedOffers(const Uuid &member) const
{
    auto stmt = sql::prepared(db(), "SELECT offers FROM engine_hq_offers WHERE member = ?", member);
    if (!stmt)
        return std::move(stmt).error();
    auto row = stmt->step();
    if (!row)
        return std::move(row).error();
    if (!*row)
        return std::vector<Offer>{};
    auto offers = HqOffers::parse(stmt->textAt(0));
    if (!offers)
        return fail(ErrorCode::Corrupt, "adopted HQ offers of " + member.toString() + ": " + offers.error().message);
    return offers;
}

} // namespace tapledger
