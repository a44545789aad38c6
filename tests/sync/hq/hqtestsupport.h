#pragma once
// Real HQ and real kiosks for the sync fault tests: an HqServer over mutual TLS on 127.0.0.1 in
// this process (or `tapledger-hq serve` as a child), Engine kiosks in temp data dirs, enrolled
// through the CA like `tapledger provision` + `tapledger-hq enrol-kiosk` do.
#include "core/engine/engine.h"
#include "core/engine/manualclock.h"
#include "core/engine/policy.h"
#include "support/testsupport.h"
#include "sync/client/syncclient.h"
#include "sync/hq/hqdatadir.h"
#include "sync/hq/hqserver.h"
#include "sync/protocol/uploadbatch.h"
#include "sync/transport/httpsclient.h"
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tapledger::test {

/// 2026-03-01T10:00:00Z, the HQ and kiosk clocks' start in UTC ms.
inline constexpr int64_t kHqTestStartMs = 1772359200000;

/// An HQ data directory and, while started, its HqServer on 127.0.0.1:port() on a thread. Its
/// clock is a ManualClock, so two runs of the same traffic write the same master state.
class TestHq
{
public:
    /// Initialises a fresh HQ directory under @p dir (fails the test otherwise).
    explicit TestHq(const std::filesystem::path &dir);
    /// Opens a copy of @p other's directory (stopped) at @p dir: the same keys, CA and store.
    TestHq(const std::filesystem::path &dir, TestHq &other);
    ~TestHq();
    /// Starts the server (on @p port, 0 = ephemeral) with @p threads worker threads. Fails the
    /// test when it cannot.
    void start(int port = 0, size_t threads = 8);
    /// Stops the server and joins its thread (no-op when stopped).
    void stop();
    int port() const noexcept { return m_port; }
    const std::filesystem::path &path() const noexcept { return m_path; }
    sync::HqDataDir &dir() { return *m_dir; }
    /// Stops the server and closes the store (for a child `tapledger-hq` on the directory).
    void close();
    /// Reopens the directory (after a child `tapledger-hq` wrote it); the server must be stopped.
    void reopen();
    /// Enrols @p kioskId with @p deviceKey and returns its certificate PEM.
    std::string enrol(const std::string &kioskId, const Ed25519SecretKey &deviceKey);
    /// Revokes @p kioskId.
    void revoke(const std::string &kioskId);
    /// The server's log lines so far, joined by '\n'.
    std::string log() const;
    /// True when one log line contains every one of @p parts, waiting up to 5 s for it: HQ may
    /// log a refused handshake after the client has already seen it fail (TLS 1.3 checks the
    /// client's certificate after the client's Finished).
    bool logged(const std::vector<std::string> &parts) const;
    /// Master state as text: kiosks, each chain's merged entries (all but hq_sync, by hash),
    /// balances, members, alerts, deny-list and the feed's newest item per key, all without times
    /// (a feed body's "time_ms" is blanked), for before/after comparisons.
    std::string masterState();
    /// verifyMasterState() over the store; "" when it holds, else the problem.
    std::string verify();

private:
    std::filesystem::path m_path;
    std::unique_ptr<sync::HqDataDir> m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<sync::HqServer> m_server;
    std::thread m_thread;
    int m_port = 0;
    mutable std::mutex m_logMutex;
    std::vector<std::string> m_log;
};

/// A kiosk: an Engine on a fresh data dir, provisioned for a TestHq (hq.json, hq-ca.pem, kiosk.pem).
class TestKiosk
{
public:
    /// A kiosk @p kioskId under @p dir on @p policy, enrolled at @p hq.
    TestKiosk(const std::filesystem::path &dir, const std::string &kioskId, const Policy &policy, TestHq &hq);
    /// A copy of @p other (its data directory, device key included) under @p dir, syncing with @p hq.
    TestKiosk(const std::filesystem::path &dir, TestKiosk &other, TestHq &hq);
    /// An HttpsClient with this kiosk's certificate to HQ at @p port (0 = the HQ's port).
    std::unique_ptr<sync::HttpsClient> httpClient(int port = 0);
    /// The batch of entries @p fromSeq .. @p toSeq of this kiosk's ledger, with its head when @p withHead.
    sync::UploadBatch batch(uint64_t fromSeq, uint64_t toSeq, bool withHead);
    /// One sync round to HQ at @p port (0 = the HQ's own port, else e.g. a FaultProxy's).
    Result<sync::SyncSummary> round(int port = 0);
    /// Rounds until one succeeds (at most @p attempts); the last error when none did.
    Result<sync::SyncSummary> roundUntilOk(int port, int attempts);
    Engine &engine() { return *m_engine; }
    const std::string &id() const noexcept { return m_id; }
    const std::filesystem::path &dataDir() const noexcept { return m_data; }
    ManualClock &clock() { return *m_clock; }
    /// Closes the engine (e.g. to copy its directory as a backup) and opens it again.
    void close();
    void open();

private:
    std::string m_id;
    std::filesystem::path m_data;
    Policy m_policy;
    TestHq &m_hq;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
};

/// The lines of @p text (e.g. TestHq::masterState) that start with @p prefix.
std::vector<std::string> linesStarting(const std::string &text, const std::string &prefix);

/// The policy the sync tests run (tests/data/engine/policies/base.policy.json).
Policy syncTestPolicy();

/// Enrols a member at @p kiosk with a card; the member and card ids.
std::pair<Uuid, Uuid> enrolWithCard(Engine &kiosk, const std::string &handle);

/// A purchase of one @p sku by @p member presenting @p card (nil = none), paid with @p payMethod
/// ("stored_value" with PIN 1234, or a policy pay method).
PurchaseRequest purchaseOf(const Uuid &member, const Uuid &card, const std::string &sku, const std::string &payMethod);

} // namespace tapledger::test
