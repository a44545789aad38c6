#include "services/syncservice.h"

#include "core/device/datadir.h"
#include "core/fileio.h"
#include "services/engineservice.h"
#include "services/statusservice.h"

#include <QMetaObject>
#include <QtGlobal>

#include <future>
#include <mutex>

using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace tapledger::kiosk {

/// sync::SyncLedger whose every call runs on the GUI thread (where the Engine lives): the call is
/// posted to the service's event loop and the worker waits for the answer. When the worker is
/// asked to stop it stops waiting and cancels the posted call: the Result calls then fail with Io
/// "kiosk stopping" and the plain ones answer 0, so the round ends there.
class SyncService::EngineThreadLedger final : public sync::SyncLedger
{
public:
    EngineThreadLedger(SyncService &service, std::stop_token stop, std::string kioskId)
        : m_service(service), m_stop(std::move(stop)), m_kioskId(std::move(kioskId))
    {
    }

    std::string kioskId() override { return m_kioskId; }
    uint64_t size() override
    {
        return call([this] { return engine().ledger().size(); }).value_or(0);
    }
    Result<std::vector<StoredEntry>> entries(uint64_t fromSeq, uint64_t limit) override
    {
        return orStopped(call([this, fromSeq, limit] { return engine().ledger().entries(fromSeq, limit); }));
    }
    Result<SignedTreeHead> treeHead(int64_t timeMs) override
    {
        return orStopped(call([this, timeMs] { return engine().ledger().treeHead(timeMs); }));
    }
    uint64_t feedCursor() override
    {
        return call([this] { return engine().hqFeedCursor(); }).value_or(0);
    }
    Result<HqSyncOutcome> applyFeed(std::span<const HqFeedItem> items, uint64_t next) override
    {
        return orStopped(call([this, items, next] { return engine().applyHqFeed(items, next); }));
    }
    Result<void> markCardsReconciled(std::span<const Uuid> cards) override
    {
        return orStopped(call([this, cards] { return engine().markCardsReconciled(cards); }));
    }
    /// The engine clock, UTC ms.
    Result<int64_t> nowMs()
    {
        return orStopped(call([this] { return Result<int64_t>(m_service.m_engine.nowMs()); }));
    }

private:
    Engine &engine() { return m_service.m_engine.engine(); }

    /// Runs @p f on the GUI thread and waits for it; nullopt when asked to stop first. A call
    /// given up on is cancelled under the same lock that runs it, so it never runs after the
    /// worker has left (its arguments may live on the worker's stack).
    template <class F>
    auto call(F f) -> std::optional<decltype(f())>
    {
        using R = decltype(f());
        struct Pending
        {
            std::mutex mutex;
            bool cancelled = false;
            std::promise<R> promise;
        };
        auto pending = std::make_shared<Pending>();
        auto answer = pending->promise.get_future();
        QMetaObject::invokeMethod(
            &m_service,
            [pending, f = std::move(f)]() mutable {
                std::lock_guard lock(pending->mutex);
                if (!pending->cancelled)
                    pending->promise.set_value(f());
            },
            Qt::QueuedConnection);
        while (answer.wait_for(20ms) != std::future_status::ready) {
            if (m_stop.stop_requested()) {
                std::lock_guard lock(pending->mutex);
                if (answer.wait_for(0ms) == std::future_status::ready)
                    break;
                pending->cancelled = true;
                return std::nullopt;
            }
        }
        return answer.get();
    }

    template <class R>
    static R orStopped(std::optional<R> r)
    {
        if (!r)
            return fail(ErrorCode::Io, "kiosk stopping: sync round abandoned");
        return std::move(*r);
    }

    SyncService &m_service;
    std::stop_token m_stop;
    std::string m_kioskId;
};

Result<std::unique_ptr<sync::SyncClient>> SyncService::clientFor(const KioskConfig::Hq &hq, const fs::path &dataDir,
                                                                  const Ed25519SecretKey &deviceKey,
                                                                  std::chrono::milliseconds ioTimeout)
{
    auto config = sync::KioskSyncConfig::load(dataDir);
    if (!config) {
        if (config.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::NotFound, "[hq] url is set but " + dataDir.string() +
                                                 " is not provisioned for HQ (no hq.json): run `tapledger provision`");
        return std::move(config).error();
    }
    if (config->url != hq.url)
        return fail(ErrorCode::InvalidArgument, "[hq] url " + hq.url + " is not the url " + dataDir.string() +
                                                    " was provisioned with (hq.json: " + config->url + ")");
    std::error_code ec;
    const fs::path deviceKeyFile = dataDir / DataDir::kPrivateKeyFile;
    if (!fs::equivalent(hq.keyFile, deviceKeyFile, ec))
        return fail(ErrorCode::InvalidArgument, "[hq] key_file " + hq.keyFile.string() + " must be the device key " +
                                                    deviceKeyFile.string() +
                                                    ": the kiosk certificate certifies the device key");
    auto certificate = readSmallFile(hq.certFile, "[hq] cert_file");
    if (!certificate)
        return std::move(certificate).error();
    config->caFile = hq.caFile;
    config->certificatePem = std::move(*certificate);
    return sync::SyncClient::create(dataDir, std::move(*config), deviceKey, ioTimeout);
}

SyncService::SyncService(EngineService &engine, StatusService &status, std::unique_ptr<sync::SyncClient> client,
                         std::chrono::milliseconds interval, uint64_t seed, QObject *parent)
    : QObject(parent), m_engine(engine), m_status(status), m_client(std::move(client)),
      m_interval(std::max(interval, std::chrono::milliseconds{1})), m_backoff(seed)
{
    // "Last synced" (and so the deny-list age) from the last successful round before a restart.
    if (const Engine::SyncRound last = m_engine.engine().lastSyncRound(); last.timeMs > 0)
        m_status.setSynced(last.timeMs, static_cast<qint64>(last.ackedSeq));
}

SyncService::~SyncService()
{
    stop();
}

void SyncService::start()
{
    if (m_worker.joinable())
        return;
    m_worker = std::jthread([this, kioskId = m_engine.kioskId().toStdString()](std::stop_token st) {
        run(std::move(st), kioskId);
    });
}

void SyncService::stop()
{
    if (!m_worker.joinable())
        return;
    m_worker.request_stop();
    m_worker.join();
}

void SyncService::syncNow()
{
    {
        std::lock_guard lock(m_mutex);
        m_wakeRequested = true;
    }
    m_wake.notify_all();
}

void SyncService::run(std::stop_token stop, const std::string &kioskId)
{
    std::chrono::milliseconds delay{0};
    while (!stop.stop_requested()) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, stop, delay, [this] { return m_wakeRequested; });
            if (stop.stop_requested())
                return;
            m_wakeRequested = false;
        }
        m_inRound = true;
        EngineThreadLedger ledger(*this, stop, kioskId);
        auto result = [&]() -> Result<sync::SyncSummary> {
            auto now = ledger.nowMs();
            if (!now)
                return std::move(now).error();
            return m_client->round(ledger, *now);
        }();
        m_inRound = false;
        if (stop.stop_requested())
            return;
        if (result) {
            m_backoff.succeeded();
            delay = m_interval;
        } else {
            delay = m_backoff.failed();
        }
        auto shared = std::make_shared<Result<sync::SyncSummary>>(std::move(result));
        QMetaObject::invokeMethod(
            this, [this, shared, failures = m_backoff.failures(), delay] { finished(std::move(*shared), failures, delay); },
            Qt::QueuedConnection);
    }
}

void SyncService::finished(Result<sync::SyncSummary> result, int failures, std::chrono::milliseconds delay)
{
    ++m_rounds;
    m_failures = failures;
    m_nextDelayMs = delay.count();
    const bool ok = result.ok();
    if (ok) {
        m_lastError.clear();
        m_lastSummary = *result;
        m_status.setOnline(true);
        m_status.setSynced(result->timeMs, static_cast<qint64>(result->ackedSeq));
        if (auto kept = m_engine.engine().recordSyncRound(result->timeMs, result->ackedSeq); !kept)
            qWarning("tapledger-kiosk: last sync time not stored (shown until restart): %s",
                     kept.error().message.c_str());
        if (result->applied > 0)
            m_engine.notifyWritten();
        refreshFleetKeys();
    } else {
        m_lastError = qs(result.error().message);
        m_status.setOnline(false);
        qWarning("tapledger-kiosk: sync failed (%d in a row, next attempt in %lld ms): %s", failures,
                 static_cast<long long>(delay.count()), qPrintable(m_lastError));
    }
    Q_EMIT roundFinished(ok);
}

void SyncService::refreshFleetKeys()
{
    if (!m_onFleetKeys)
        return;
    auto fleet = m_engine.engine().fleetKeys();
    if (!fleet) {
        qWarning("tapledger-kiosk: fleet keys unreadable: %s", fleet.error().message.c_str());
        return;
    }
    if (fleet->empty())
        return; // HQ has published none yet: keep trusting this kiosk's own key only
    std::vector<Ed25519PublicKey> trusted{m_engine.engine().deviceKey().publicKey()};
    for (const auto &k : *fleet)
        if (k.status == "active" && k.publicKey != trusted.front())
            trusted.push_back(k.publicKey);
    if (trusted == m_publishedKeys)
        return;
    m_publishedKeys = trusted;
    m_onFleetKeys(std::move(trusted));
}

} // namespace tapledger::kiosk
