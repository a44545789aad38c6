#pragma once

#include "sync/client/kiosksyncconfig.h"
#include "sync/client/syncledger.h"
#include "sync/transport/httpsclient.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tapledger::sync {

/// What one round did (`tapledger sync` prints it as JSON).
struct SyncSummary
{
    std::string kioskId;
    uint64_t uploaded = 0;     ///< entries sent that HQ had not acknowledged before
    uint64_t ackedSeq = 0;     ///< HQ's acknowledged seq after the round
    uint64_t pending = 0;      ///< local entries HQ has not acknowledged (written during the round)
    uint64_t feedItems = 0;    ///< feed items read
    uint64_t applied = 0;      ///< of them adopted as hq_sync entries
    uint64_t cursor = 0;       ///< feed cursor after the round
    uint64_t alerts = 0;       ///< alerts HQ raised on this round's batches
    int64_t timeMs = 0;        ///< when the round finished (UTC ms)
    /// Feed items recorded but refused, one line each with why (a policy for another program…);
    /// in the JSON as "refused" only when there are any.
    std::vector<std::string> refused;

    std::string toJson() const;
};

/// One sync round of docs/sync-protocol.md ("A round"): hello (pin HQ's key), upload since HQ's
/// ack in batches with the signed tree head, read and apply the feed page by page, restart the
/// offline caps of the uploaded cards. Every step that committed stays committed when a later
/// one fails; the next round goes on from there.
class SyncClient
{
public:
    /// A client for the kiosk in @p dataDir with @p config (its pinned key is saved back to
    /// @p dataDir on the first round) over @p deviceKey. @p ioTimeout bounds each read and write
    /// (and the connect, at most 5 s). Errors as HttpsClient::create.
    static Result<std::unique_ptr<SyncClient>> create(std::filesystem::path dataDir, KioskSyncConfig config,
                                                      const Ed25519SecretKey &deviceKey,
                                                      std::chrono::milliseconds ioTimeout = std::chrono::seconds(30));
    ~SyncClient();

    /// Runs one round against @p ledger. Denied with HQ's reason when HQ refuses the kiosk
    /// (revoked, quarantined, HQ key changed, ledger behind HQ's copy); Io when HQ cannot be
    /// reached; Crypto for a feed that does not verify; other errors from the engine.
    Result<SyncSummary> round(SyncLedger &ledger, int64_t nowMs);

private:
    SyncClient() = default;
    std::filesystem::path m_dataDir;
    KioskSyncConfig m_config;
    std::unique_ptr<HttpsClient> m_http;
};

} // namespace tapledger::sync
