#include "sync/hq/rewardstock_p.h"

#include "core/engine/policyparser.h"
#include "sync/protocol/feedpage.h"

#include <nlohmann/json.hpp>

namespace tapledger::sync {

Result<std::optional<int64_t>> RewardStock::stockOf(HqReadTx &tx, const std::string &rewardId)
{
    auto policies = tx.publishedPolicies();
    if (!policies)
        return std::move(policies).error();
    for (const auto &rec : *policies) {
        auto policy = PolicyParser::parse(rec.policyJson);
        if (!policy)
            return fail(ErrorCode::Corrupt, "published policy " + rec.policyId + "@" + std::to_string(rec.version) +
                                                " no longer parses: " + policy.error().message);
        if (const Reward *r = policy->reward(rewardId); r && r->stock)
            return std::optional<int64_t>{*r->stock};
    }
    return std::optional<int64_t>{};
}

Result<void> RewardStock::publish(HqWriteTx &tx, const Ed25519SecretKey &hqKey, const std::string &rewardId)
{
    auto stock = stockOf(tx, rewardId);
    if (!stock)
        return std::move(stock).error();
    if (!*stock)
        return {};
    auto rows = tx.rewardRedemptions(rewardId);
    if (!rows)
        return std::move(rows).error();
    int64_t redeemed = 0;
    nlohmann::json sources = nlohmann::json::object();
    for (const auto &row : *rows) {
        redeemed += row.redeemed;
        sources[row.kioskId] = row.lastSeq;
    }
    const std::string body = nlohmann::json{{"reward", rewardId},
                                            {"stock", **stock},
                                            {"redeemed", redeemed},
                                            {"remaining", **stock - redeemed},
                                            {"sources", std::move(sources)}}
                                 .dump();
    auto item = tx.appendFeed("stock", rewardId, body, false, [&](HqFeedItem &i) { signFeedItem(i, hqKey); });
    if (!item)
        return std::move(item).error();
    return {};
}

} // namespace tapledger::sync
