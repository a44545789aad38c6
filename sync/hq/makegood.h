#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/result.h"
#include "core/uuid.h"
#include "sync/hq/hqwritetx.h"

#include <cstdint>
#include <string>

namespace tapledger::sync {

/// The reason HQ writes on a make-good adjust entry (docs/crm.md, "Make-good points").
inline constexpr const char *kMakeGoodReason = "make_good";

/// The ref a make-good adjust entry carries for complaint @p complaintId: "complaint:<id>".
inline std::string makeGoodRef(const std::string &complaintId)
{
    return "complaint:" + complaintId;
}

/// Grants @p points make-good points to @p member for complaint @p complaintId inside @p tx,
/// through the master ledger: an adjust entry on HQ's chain signed with @p hqKey (reason
/// "make_good", ref makeGoodRef(id), time @p nowMs UTC ms), merged like HQ's compensating entries
/// (master balance, the member's merge order and their snapshot in the feed, so their kiosks get
/// the points at their next sync). InvalidArgument for points <= 0; NotFound for a member HQ has
/// never merged; Conflict when the complaint already has make-good points.
Result<void> grantMakeGood(HqWriteTx &tx, const Ed25519SecretKey &hqKey, int64_t nowMs, const Uuid &member,
                           int64_t points, const std::string &complaintId);

} // namespace tapledger::sync
