#pragma once
// Private to HQ: the fleet-wide stock of rewards (docs/sync-protocol.md, feed item `stock`).

#include "core/crypto/ed25519secretkey.h"
#include "sync/hq/hqwritetx.h"

#include <optional>
#include <string>

namespace tapledger::sync {

/// Remaining reward stock across the fleet: the stock of the newest published policy
/// (publish-policy) minus every merged redemption of the reward, per kiosk with the seq of its
/// last counted redemption, so a kiosk subtracts only its own redemptions HQ has not counted.
class RewardStock
{
public:
    /// The stock the newest published version of any policy gives @p rewardId (the first policy
    /// id in order that has it with a stock); nullopt when none does (kiosks then count alone).
    static Result<std::optional<int64_t>> stockOf(HqReadTx &tx, const std::string &rewardId);
    /// Appends a signed `stock` item for @p rewardId (replacing its older one in the feed) when a
    /// published policy gives it a stock; nothing otherwise.
    static Result<void> publish(HqWriteTx &tx, const Ed25519SecretKey &hqKey, const std::string &rewardId);
};

} // namespace tapledger::sync
