#pragma once

#include "config/kioskconfig.h"
#include "core/crypto/ed25519.h"
#include "core/crypto/ed25519secretkey.h"
#include "core/result.h"
#include "services/syncbackoff.h"
#include "sync/client/syncclient.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <stop_token>
#include <thread>
#include <vector>

namespace tapledger::kiosk {

class EngineService;
class StatusService;

/// The kiosk's background sync with HQ (docs/operations.md, "Sync with HQ"): a worker thread
/// runs sync::SyncClient rounds, the first at start(), then one every interval after a success,
/// after a failure one after SyncBackoff's wait (1 s doubling to 5 min, ±20 %).
///
/// Threads: the network I/O runs on the worker, so a tap never waits for HQ. The engine is not
/// thread-safe and lives on the GUI thread, so every ledger read and feed write of a round is
/// posted to the GUI thread's event loop and the worker waits for its answer (a short local
/// SQLite call between taps); the worker stops waiting when stop() is asked, so stop() never
/// deadlocks against a GUI thread that is joining it. stop() waits at most for the network call
/// in flight (bounded by the client's timeouts).
///
/// After each round, on the GUI thread: StatusService learns online/offline, the last sync time
/// and HQ's acknowledged height (hence the pending uploads and the engine's deny-list age and
/// offline caps); after a feed, the fleet's active kiosk keys go to the fleet-keys handler (the
/// card-token verifier's trusted signers). The last successful round's time and HQ's
/// acknowledged height are stored in the engine (Engine::recordSyncRound) and handed to
/// StatusService at construction, so "last synced" and the deny-list age survive a restart.
class SyncService : public QObject
{
    Q_OBJECT

public:
    /// The sync client for @p hq over the provisioned files of @p dataDir (`tapledger provision`:
    /// hq.json, hq-ca.pem, kiosk.pem, device.key). The configuration and the data directory must
    /// agree: NotFound "not provisioned" without hq.json; InvalidArgument when `url` differs from
    /// hq.json's or `key_file` is not the data directory's device.key (the certificate certifies
    /// the device key). `ca_file` and `cert_file` are the files used. Other errors as
    /// sync::SyncClient::create (a certificate for another key: Crypto).
    static Result<std::unique_ptr<sync::SyncClient>> clientFor(const KioskConfig::Hq &hq,
                                                               const std::filesystem::path &dataDir,
                                                               const Ed25519SecretKey &deviceKey,
                                                               std::chrono::milliseconds ioTimeout = std::chrono::seconds(15));

    /// Syncs @p engine through @p client every @p interval (> 0) and reports to @p status.
    /// @p seed seeds the backoff jitter.
    SyncService(EngineService &engine, StatusService &status, std::unique_ptr<sync::SyncClient> client,
                std::chrono::milliseconds interval, uint64_t seed = std::random_device{}(), QObject *parent = nullptr);
    /// Stops the worker (stop()).
    ~SyncService() override;

    /// Starts the worker; its first round runs at once (idempotent).
    void start();
    /// Asks the worker to stop and joins it (idempotent).
    void stop();
    /// Runs the next round now instead of at its time (no effect while one runs).
    void syncNow();

    /// Receives the active fleet kiosks' device keys after a round that read the feed (GUI thread).
    void setFleetKeysHandler(std::function<void(std::vector<Ed25519PublicKey>)> handler)
    {
        m_onFleetKeys = std::move(handler);
    }

    /// Hands the fleet-keys handler this kiosk's own device key plus the active kiosk keys of
    /// HQ's last feed (engine_fleet_keys), when HQ has published any and they changed since the
    /// last call (GUI thread; after each successful round, and once at start-up by main.cpp).
    void refreshFleetKeys();

    /// Rounds finished, successful or not (GUI thread's view).
    int rounds() const noexcept { return m_rounds; }
    /// Consecutive failed rounds (0 after a success).
    int failures() const noexcept { return m_failures; }
    /// The wait the worker chose after the last round, in ms.
    qint64 nextDelayMs() const noexcept { return m_nextDelayMs; }
    /// The last round's error, "" after a success.
    QString lastError() const { return m_lastError; }
    /// The last successful round.
    const sync::SyncSummary &lastSummary() const noexcept { return m_lastSummary; }
    /// True while the worker is inside a round (any thread).
    bool roundInProgress() const noexcept { return m_inRound.load(); }

Q_SIGNALS:
    /// A round finished; the getters above describe it.
    void roundFinished(bool ok);

private:
    class EngineThreadLedger;
    void run(std::stop_token stop, const std::string &kioskId);
    void finished(Result<sync::SyncSummary> result, int failures, std::chrono::milliseconds delay);

    EngineService &m_engine;
    StatusService &m_status;
    std::unique_ptr<sync::SyncClient> m_client;
    std::chrono::milliseconds m_interval;
    SyncBackoff m_backoff; // worker only
    std::function<void(std::vector<Ed25519PublicKey>)> m_onFleetKeys;
    std::vector<Ed25519PublicKey> m_publishedKeys; // GUI thread

    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    bool m_wakeRequested = false;
    std::atomic<bool> m_inRound{false};
    std::jthread m_worker;

    // GUI thread.
    int m_rounds = 0;
    int m_failures = 0;
    qint64 m_nextDelayMs = 0;
    QString m_lastError;
    sync::SyncSummary m_lastSummary;
};

} // namespace tapledger::kiosk
