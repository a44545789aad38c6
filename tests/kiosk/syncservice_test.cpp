// SyncService against a real HQ in this process: HqDataDir + HqServer on 127.0.0.1 (ephemeral
// port, mutual TLS with the HQ CA), the kiosk provisioned as `tapledger provision` does. Faults
// come from the loopback FaultProxy (dropped connections) and from a listener that never answers
// (a stalled HQ).
#include "core/device/datadir.h"
#include "core/engine/systemclock.h"
#include "core/fileio.h"
#include "kiosk/kioskfixture.h"
#include "kiosk/kiosktestsupport.h"
#include "services/statusservice.h"
#include "services/syncbackoff.h"
#include "services/syncservice.h"
#include "sync/client/kiosksyncconfig.h"
#include "sync/hq/hqdatadir.h"
#include "sync/hq/hqserver.h"
#include "sync/protocol/feedpage.h"
#include "core/crypto/ed25519secretkey.h"
#include <nlohmann/json.hpp>
#include "sync/support/faultproxy.h"
#include "sync/transport/certificateauthority.h"
#include "sync/transport/kioskcsr.h"

#include <QCoreApplication>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

namespace tapledger::test {
namespace {

using namespace tapledger::kiosk;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

[[maybe_unused]] const auto *const kQtApp = addQtAppEnvironment("kiosk_sync_test");

/// A TCP listener on 127.0.0.1 that never accepts: connections complete in the backlog and then
/// get no byte back, as an HQ hung mid-request looks.
class StalledListener
{
public:
    StalledListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(m_fd, 16) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len) != 0)
            std::abort(); // a broken test machine, not a test outcome
        m_port = ntohs(a.sin_port);
    }
    ~StalledListener() { ::close(m_fd); }
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

class SyncServiceTest : public KioskFixture
{
protected:
    void SetUp() override
    {
        KioskFixture::SetUp();
        if (HasFatalFailure())
            return;
        const int64_t now = SystemClock().nowMs();
        auto hq = sync::HqDataDir::init(dir.path() / "hq", now, {"127.0.0.1"});
        ASSERT_TRUE(hq) << hq.error().message;
        hqDir = std::move(*hq);
        auto ca = sync::CertificateAuthority::open(hqDir->path());
        ASSERT_TRUE(ca) << ca.error().message;
        auto csr = sync::makeKioskCsr(engine().deviceKey(), engine().ledger().kioskId());
        ASSERT_TRUE(csr) << csr.error().message;
        auto cert = ca->signKioskCsr(*csr, engine().ledger().kioskId(), now, 30);
        ASSERT_TRUE(cert) << cert.error().message;
        auto server = sync::HqServer::create(*hqDir, std::make_shared<SystemClock>(), [](std::string_view) {});
        ASSERT_TRUE(server) << server.error().message;
        hqServer = std::move(*server);
        ASSERT_TRUE(hqServer->reconciler().enrolKiosk(cert->kioskId, cert->deviceKey, cert->serialHex));
        auto port = hqServer->bind("127.0.0.1", 0);
        ASSERT_TRUE(port) << port.error().message;
        hqPort = *port;
        hqThread = std::thread([this] { (void)hqServer->listen(); });

        dataDir = dir.path() / "data";
        ASSERT_TRUE(writeFileAtomic(dataDir / sync::KioskSyncConfig::kCaFile,
                                    *readSmallFile(hqDir->path() / "ca.pem", "ca"), 0644));
        ASSERT_TRUE(writeFileAtomic(dataDir / sync::KioskSyncConfig::kCertificateFile, cert->certificatePem, 0644));
        status = std::make_unique<StatusService>(*engineService, true);
    }

    void TearDown() override
    {
        service.reset();
        if (hqServer)
            hqServer->stop();
        if (hqThread.joinable())
            hqThread.join();
    }

    /// The [hq] table for HQ at @p port, over the provisioned files (hq.json written for it).
    KioskConfig::Hq provision(int port)
    {
        KioskConfig::Hq hq;
        hq.url = "https://127.0.0.1:" + std::to_string(port);
        hq.caFile = dataDir / sync::KioskSyncConfig::kCaFile;
        hq.certFile = dataDir / sync::KioskSyncConfig::kCertificateFile;
        hq.keyFile = dataDir / DataDir::kPrivateKeyFile;
        auto config = sync::KioskSyncConfig::fromUrl(hq.url);
        EXPECT_TRUE(config);
        EXPECT_TRUE(config->save(dataDir));
        return hq;
    }

    /// A started SyncService for HQ at @p port, rounds every @p interval.
    void startService(int port, std::chrono::milliseconds interval = 3600s, std::chrono::milliseconds io = 15s)
    {
        auto client = SyncService::clientFor(provision(port), dataDir, engine().deviceKey(), io);
        ASSERT_TRUE(client) << client.error().message;
        service = std::make_unique<SyncService>(*engineService, *status, std::move(*client), interval, 7);
        spy = std::make_unique<QSignalSpy>(service.get(), &SyncService::roundFinished);
        service->start();
    }

    /// Waits for the next finished round; its outcome.
    bool nextRound()
    {
        const int before = service->rounds();
        EXPECT_TRUE(spy->wait(30'000)) << "no round finished";
        EXPECT_EQ(service->rounds(), before + 1);
        return spy->takeFirst().at(0).toBool();
    }

    void writeEntry(int n)
    {
        const Uuid staff = *Uuid::parse("00000000-0000-4000-8000-00000000d0" + std::to_string(10 + n));
        ASSERT_TRUE(engine().registerStaff({staff, "Extra " + std::to_string(n), Card::Role::Cashier, "8642"}));
        engineService->notifyWritten();
    }

    std::unique_ptr<sync::HqDataDir> hqDir;
    std::unique_ptr<sync::HqServer> hqServer;
    std::thread hqThread;
    int hqPort = 0;
    fs::path dataDir;
    std::unique_ptr<StatusService> status;
    std::unique_ptr<SyncService> service;
    std::unique_ptr<QSignalSpy> spy;
};

TEST(SyncBackoff, DoublesFromOneSecondToFiveMinutesWithTwentyPercentJitter)
{
    const std::vector<std::pair<int, int64_t>> table{{0, 0},       {1, 1'000},   {2, 2'000},   {3, 4'000},
                                                     {8, 128'000}, {9, 256'000}, {10, 300'000}, {1000, 300'000}};
    for (const auto &[failures, ms] : table)
        EXPECT_EQ(SyncBackoff::baseDelay(failures).count(), ms) << failures << " failures";
    SyncBackoff b(42);
    int64_t low = INT64_MAX, high = 0;
    for (int round = 0; round < 200; ++round) {
        b.succeeded();
        const auto d = b.failed().count();
        low = std::min(low, d);
        high = std::max(high, d);
    }
    EXPECT_GE(low, 800);
    EXPECT_LE(high, 1'200);
    EXPECT_LT(low, 900) << "jitter never went low";
    EXPECT_GT(high, 1'100) << "jitter never went high";
    for (int i = 0; i < 20; ++i)
        (void)b.failed();
    EXPECT_GE(b.failed().count(), 240'000);
    EXPECT_LE(b.failed().count(), 360'000);
}

TEST_F(SyncServiceTest, FirstRoundUploadsEverythingAndTheKioskGoesOnline)
{
    EXPECT_FALSE(status->online());
    EXPECT_EQ(status->lastSyncMs(), 0);
    EXPECT_EQ(status->pendingUploads(), static_cast<qint64>(height()));
    ASSERT_GT(height(), 0u);

    const uint64_t atStart = height();
    startService(hqPort);
    ASSERT_TRUE(nextRound()) << service->lastError().toStdString();
    EXPECT_TRUE(status->online());
    EXPECT_EQ(status->lastSyncMs(), service->lastSummary().timeMs);
    EXPECT_GT(status->lastSyncMs(), 0);
    // Everything written before the round is at HQ; the feed's hq_sync entries (HQ published
    // this kiosk's key) were written during it and wait for the next round.
    EXPECT_EQ(service->lastSummary().ackedSeq, atStart);
    EXPECT_GT(service->lastSummary().applied, 0u);
    EXPECT_EQ(height(), atStart + service->lastSummary().applied);
    EXPECT_EQ(status->pendingUploads(), static_cast<qint64>(service->lastSummary().applied));
    EXPECT_EQ(service->failures(), 0);
    EXPECT_EQ(service->nextDelayMs(), 3'600'000);

    writeEntry(1);
    const uint64_t beforeSecond = height();
    EXPECT_EQ(status->pendingUploads(), static_cast<qint64>(service->lastSummary().applied) + 1);
    service->syncNow();
    ASSERT_TRUE(nextRound()) << service->lastError().toStdString();
    EXPECT_EQ(service->lastSummary().uploaded, beforeSecond - atStart);
    EXPECT_EQ(service->lastSummary().applied, 0u); // nothing new at HQ
    EXPECT_EQ(status->pendingUploads(), 0);
    EXPECT_EQ(service->lastSummary().ackedSeq, height());
}

TEST_F(SyncServiceTest, LastSyncedSurvivesARestart)
{
    startService(hqPort);
    ASSERT_TRUE(nextRound()) << service->lastError().toStdString();
    const qint64 synced = status->lastSyncMs();
    const uint64_t acked = service->lastSummary().ackedSeq;
    ASSERT_GT(synced, 0);

    // The kiosk stops; HQ is gone when it comes back.
    spy.reset();
    service.reset();
    hqServer->stop();
    hqThread.join();
    status = std::make_unique<StatusService>(*engineService, true);
    EXPECT_EQ(status->lastSyncMs(), 0) << "a fresh status knows nothing";
    auto client = SyncService::clientFor(provision(hqPort), dataDir, engine().deviceKey());
    ASSERT_TRUE(client) << client.error().message;
    service = std::make_unique<SyncService>(*engineService, *status, std::move(*client), 3600s, 7);
    EXPECT_EQ(status->lastSyncMs(), synced) << "shown from the stored round before any new one";
    EXPECT_EQ(status->pendingUploads(), static_cast<qint64>(height() - acked));
    EXPECT_FALSE(status->online());
    EXPECT_EQ(engine().lastSyncRound().timeMs, synced);
}

TEST_F(SyncServiceTest, FailuresBackOffExponentiallyAndASuccessResets)
{
    test::FaultProxy proxy(hqPort, test::FaultProxy::seedFromEnvironment());
    proxy.setRandomFaults(100, 0); // every connection cut before a byte reaches HQ
    startService(proxy.port(), 3600s);
    for (int failures = 1; failures <= 3; ++failures) {
        ASSERT_FALSE(nextRound());
        EXPECT_FALSE(status->online());
        EXPECT_EQ(service->failures(), failures);
        const int64_t base = SyncBackoff::baseDelay(failures).count();
        EXPECT_GE(service->nextDelayMs(), base * 8 / 10) << failures;
        EXPECT_LE(service->nextDelayMs(), base * 12 / 10) << failures;
        EXPECT_FALSE(service->lastError().isEmpty());
    }
    EXPECT_EQ(status->lastSyncMs(), 0);
    proxy.setRandomFaults(0, 0); // the link is back
    ASSERT_TRUE(nextRound()) << service->lastError().toStdString();
    EXPECT_TRUE(status->online());
    EXPECT_EQ(service->failures(), 0);
    EXPECT_EQ(service->nextDelayMs(), 3'600'000);
    EXPECT_TRUE(service->lastError().isEmpty());
}

TEST_F(SyncServiceTest, AStalledHqNeverBlocksTheEngineThread)
{
    StalledListener stalled;
    startService(stalled.port(), 3600s, 2s);
    // The worker is inside the round, waiting for HQ's first byte; the GUI thread writes meanwhile.
    while (!service->roundInProgress())
        std::this_thread::sleep_for(1ms);
    const uint64_t before = height();
    for (int i = 0; i < 3; ++i) {
        writeEntry(i);
        QCoreApplication::processEvents();
    }
    EXPECT_EQ(height(), before + 3);
    EXPECT_TRUE(service->roundInProgress()) << "the round ended before the writes: the test proved nothing";
    ASSERT_FALSE(nextRound());
    EXPECT_FALSE(status->online());
    EXPECT_EQ(service->failures(), 1);
}

TEST_F(SyncServiceTest, StopNeverDeadlocksAgainstAWorkerWaitingForTheEngineThread)
{
    StalledListener stalled;
    startService(stalled.port(), 3600s, 1s);
    while (!service->roundInProgress())
        std::this_thread::sleep_for(1ms);
    // The worker now waits for its first engine call, which only this (GUI) thread can answer;
    // this thread joins it without running its event loop.
    service->stop();
    EXPECT_FALSE(service->roundInProgress());
    EXPECT_EQ(service->rounds(), 0);
}

TEST_F(SyncServiceTest, CardTokensOfTheFleetsActiveKiosksAreTrustedAndARevokedOnesNoLonger)
{
    std::vector<std::vector<Ed25519PublicKey>> published;
    const Ed25519PublicKey own = engine().deviceKey().publicKey();
    const Ed25519SecretKey other = Ed25519SecretKey::generate();
    ASSERT_TRUE(hqServer->reconciler().enrolKiosk("bar-02", other.publicKey(), "0b"));
    startService(hqPort);
    service->setFleetKeysHandler([&](std::vector<Ed25519PublicKey> keys) { published.push_back(std::move(keys)); });
    ASSERT_TRUE(nextRound()) << service->lastError().toStdString();
    ASSERT_EQ(published.size(), 1u);
    EXPECT_EQ(published.back(), (std::vector<Ed25519PublicKey>{own, other.publicKey()}));

    ASSERT_TRUE(hqServer->reconciler().revokeKiosk("bar-02"));
    service->syncNow();
    ASSERT_TRUE(nextRound()) << service->lastError().toStdString();
    ASSERT_EQ(published.size(), 2u);
    EXPECT_EQ(published.back(), (std::vector<Ed25519PublicKey>{own}));

    service->syncNow(); // nothing changed: the verifier is left alone
    ASSERT_TRUE(nextRound());
    EXPECT_EQ(published.size(), 2u);
}

TEST_F(SyncServiceTest, ACardDenyListedAtHqIsBlockedAfterTheNextRound)
{
    auto enrolled = engine().enrol({Uuid{}, "m-1", "Mei", "", kMemberPin, kCashier});
    ASSERT_TRUE(enrolled) << enrolled.error().message;
    const Uuid member = enrolled->member;
    const Uuid card = *Uuid::parse("00000000-0000-4000-8000-0000000ca4d1");
    ASSERT_TRUE(engine().issueCard(member, card, kCashier));
    startService(hqPort);
    ASSERT_TRUE(nextRound()) << service->lastError().toStdString();
    ASSERT_TRUE(engine().memberForCard(card));

    // HQ lists the card as the merger does for an overspend (sync/hq/merger.cpp, Merger::deny).
    auto key = hqDir->key();
    ASSERT_TRUE(hqDir->store().write([&](sync::HqWriteTx &tx) -> Result<void> {
        sync::DenyRecord d{0, card, member, "overspend", SystemClock().nowMs()};
        auto version = tx.addDeny(d);
        if (!version)
            return std::move(version).error();
        const std::string body = nlohmann::json{{"version", *version}, {"card", card.toString()},
                                                {"member", member.toString()}, {"reason", "overspend"},
                                                {"time_ms", d.timeMs}}
                                     .dump();
        auto item = tx.appendFeed("deny", card.toString(), body, true,
                                  [&](HqFeedItem &i) { sync::signFeedItem(i, *key); });
        if (!item)
            return std::move(item).error();
        return {};
    }));
    service->syncNow();
    ASSERT_TRUE(nextRound()) << service->lastError().toStdString();
    EXPECT_GE(service->lastSummary().applied, 1u);
    auto blocked = engine().memberForCard(card);
    ASSERT_FALSE(blocked);
    EXPECT_EQ(blocked.error().reason, ErrorReason::CardBlocked);
}

TEST_F(SyncServiceTest, ConfigurationMustAgreeWithTheProvisionedDataDirectory)
{
    KioskConfig::Hq hq = provision(hqPort);
    struct Case
    {
        std::string what;
        std::function<void(KioskConfig::Hq &)> change;
        ErrorCode code;
    };
    const std::vector<Case> cases{
        {"other url", [](KioskConfig::Hq &h) { h.url = "https://127.0.0.1:1"; }, ErrorCode::InvalidArgument},
        {"key file not the device key", [this](KioskConfig::Hq &h) { h.keyFile = dataDir / "hq-ca.pem"; },
         ErrorCode::InvalidArgument},
        {"missing certificate", [this](KioskConfig::Hq &h) { h.certFile = dataDir / "none.pem"; }, ErrorCode::NotFound},
    };
    for (const auto &c : cases) {
        KioskConfig::Hq changed = hq;
        c.change(changed);
        auto client = SyncService::clientFor(changed, dataDir, engine().deviceKey());
        ASSERT_FALSE(client) << c.what;
        EXPECT_EQ(client.error().code, c.code) << c.what << ": " << client.error().message;
    }
    fs::remove(dataDir / sync::KioskSyncConfig::kConfigFile);
    auto unprovisioned = SyncService::clientFor(hq, dataDir, engine().deviceKey());
    ASSERT_FALSE(unprovisioned);
    EXPECT_EQ(unprovisioned.error().code, ErrorCode::NotFound);
    EXPECT_NE(unprovisioned.error().message.find("tapledger provision"), std::string::npos);
}

} // namespace
} // namespace tapledger::test
