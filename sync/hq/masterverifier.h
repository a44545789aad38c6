#pragma once

#include "core/crypto/ed25519.h"
#include "sync/hq/hqreadtx.h"

#include <cstdint>
#include <string>

namespace tapledger::sync {

/// Outcome of verifyMasterState().
struct MasterVerifyReport
{
    bool ok = false;
    uint64_t chains = 0, entries = 0, members = 0;
    std::string problem; ///< the first defect, one line ("" when ok)
};

/// `tapledger-hq verify`: re-reads every stored chain (each kiosk's under its device key, HQ's
/// under @p hqKey) with core's ChainVerifier, checks each chain tip and RFC 6962 frontier, then
/// re-derives every member's master balances and debt from the master ledger (all entries but
/// hq_sync; debt from HQ's adjust entries) and compares them with the stored master balances.
MasterVerifyReport verifyMasterState(HqReadTx &tx, const Ed25519PublicKey &hqKey);

} // namespace tapledger::sync
