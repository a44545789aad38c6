#include "hqtestsupport.h"
#include "core/engine/policyparser.h"
#include "core/bytes.h"
#include "core/fileio.h"
#include "sync/hq/masterverifier.h"
#include "sync/hq/reconciler.h"
#include "sync/transport/certificateauthority.h"
#include "sync/transport/kioskcsr.h"
#include <thread>
#include <chrono>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace tapledger::test {

namespace {
constexpr int kCertificateDays = 365;

} // namespace

Policy syncTestPolicy()
{
    auto p = PolicyParser::load(dataPath("engine/policies/base.policy.json"));
    if (!p) {
        ADD_FAILURE() << p.error().message;
        return Policy{};
    }
    return std::move(*p);
}

std::vector<std::string> linesStarting(const std::string &text, const std::string &prefix)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(prefix, 0) == 0)
            out.push_back(line);
    return out;
}

std::pair<Uuid, Uuid> enrolWithCard(Engine &kiosk, const std::string &handle)
{
    auto r = kiosk.enrol(EnrolRequest{Uuid(), handle, "Member " + handle, "", "1234", Uuid()});
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
    if (!r)
        return {};
    const Uuid card = Uuid::generate();
    auto issued = kiosk.issueCard(r->member, card, Uuid());
    EXPECT_TRUE(issued.ok()) << (issued ? "" : issued.error().message);
    return {r->member, card};
}

PurchaseRequest purchaseOf(const Uuid &member, const Uuid &card, const std::string &sku, const std::string &payMethod)
{
    PurchaseRequest p;
    p.member = member;
    PurchaseItem item;
    item.sku = sku;
    p.items.push_back(item);
    p.payMethod = payMethod;
    if (payMethod == "stored_value")
        p.pin = "1234";
    p.card = card;
    return p;
}

TestHq::TestHq(const fs::path &dir) : m_path(dir), m_clock(std::make_shared<ManualClock>(kHqTestStartMs))
{
    auto d = sync::HqDataDir::init(m_path, kHqTestStartMs, {});
    if (!d) {
        ADD_FAILURE() << "HQ init: " << d.error().message;
        return;
    }
    m_dir = std::move(*d);
}

TestHq::TestHq(const fs::path &dir, TestHq &other) : m_path(dir), m_clock(std::make_shared<ManualClock>(other.m_clock->nowMs()))
{
    other.stop();
    other.m_dir.reset(); // closes the store so the copy is consistent
    fs::create_directories(m_path.parent_path());
    fs::copy(other.m_path, m_path, fs::copy_options::recursive);
    other.reopen();
    reopen();
}

TestHq::~TestHq() { stop(); }

void TestHq::start(int port, size_t threads)
{
    ASSERT_TRUE(m_dir);
    ASSERT_FALSE(m_server) << "already started";
    auto s = sync::HqServer::create(*m_dir, m_clock, [this](std::string_view line) {
        std::lock_guard lock(m_logMutex);
        m_log.emplace_back(line);
    }, threads);
    ASSERT_TRUE(s.ok()) << s.error().message;
    m_server = std::move(*s);
    auto bound = m_server->bind("127.0.0.1", port);
    ASSERT_TRUE(bound.ok()) << bound.error().message;
    m_port = *bound;
    m_thread = std::thread([this] {
        auto r = m_server->listen();
        if (!r)
            ADD_FAILURE() << "HQ listen: " << r.error().message;
    });
}

void TestHq::stop()
{
    if (!m_server)
        return;
    m_server->stop();
    if (m_thread.joinable())
        m_thread.join();
    m_server.reset();
}

void TestHq::close()
{
    stop();
    m_dir.reset();
}

void TestHq::reopen()
{
    ASSERT_FALSE(m_server) << "stop the server first";
    m_dir.reset();
    auto d = sync::HqDataDir::open(m_path);
    ASSERT_TRUE(d.ok()) << d.error().message;
    m_dir = std::move(*d);
}

std::string TestHq::enrol(const std::string &kioskId, const Ed25519SecretKey &deviceKey)
{
    auto csr = sync::makeKioskCsr(deviceKey, kioskId);
    EXPECT_TRUE(csr.ok()) << (csr ? "" : csr.error().message);
    auto ca = sync::CertificateAuthority::open(m_path);
    EXPECT_TRUE(ca.ok()) << (ca ? "" : ca.error().message);
    if (!csr || !ca)
        return {};
    auto cert = ca->signKioskCsr(*csr, kioskId, m_clock->nowMs(), kCertificateDays);
    EXPECT_TRUE(cert.ok()) << (cert ? "" : cert.error().message);
    if (!cert)
        return {};
    sync::Reconciler reconciler(m_dir->store(), m_dir->key(), m_clock);
    auto r = reconciler.enrolKiosk(cert->kioskId, cert->deviceKey, cert->serialHex);
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
    return cert->certificatePem;
}

void TestHq::revoke(const std::string &kioskId)
{
    sync::Reconciler reconciler(m_dir->store(), m_dir->key(), m_clock);
    auto r = reconciler.revokeKiosk(kioskId);
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
}

std::string TestHq::log() const
{
    std::lock_guard lock(m_logMutex);
    std::string all;
    for (const auto &l : m_log)
        all += l + "\n";
    return all;
}

bool TestHq::logged(const std::vector<std::string> &parts) const
{
    const auto found = [&] {
        std::lock_guard lock(m_logMutex);
        for (const auto &l : m_log) {
            bool all = true;
            for (const auto &p : parts)
                all = all && l.find(p) != std::string::npos;
            if (all)
                return true;
        }
        return false;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!found()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

std::string TestHq::masterState()
{
    std::ostringstream out;
    auto r = m_dir->store().read([&](sync::HqReadTx &tx) -> Result<void> {
        std::vector<sync::KioskRecord> kiosks;
        TL_ASSIGN(kiosks, tx.kiosks());
        for (const auto &k : kiosks)
            out << "kiosk " << k.kioskId << " " << k.status << " " << k.statusReason << "\n";
        std::vector<std::string> chains;
        TL_ASSIGN(chains, tx.chains());
        for (const auto &c : chains) {
            sync::ChainTip tip;
            TL_ASSIGN(tip, tx.chainTip(c));
            // A kiosk's hq_sync entries mirror HQ's feed back and depend on when the kiosk read
            // it; the master state is everything else (docs/sync-protocol.md, "Merge at HQ").
            std::vector<StoredEntry> stored;
            TL_ASSIGN(stored, tx.entries(c, 1, tip.size));
            uint64_t merged = 0;
            std::string hashes;
            for (const auto &e : stored)
                if (e.entry.kind != EntryKind::HqSync) {
                    ++merged;
                    hashes += toHex(e.hash).substr(0, 16);
                }
            out << "chain " << c << " merged " << merged << " " << hashes << "\n";
        }
        std::vector<sync::MasterBalance> balances;
        TL_ASSIGN(balances, tx.masterBalances());
        for (const auto &b : balances)
            out << "balance " << b.member.toString() << " " << b.currency << " deposit " << b.deposit << " bonus "
                << b.bonus << " points " << b.points << " debt " << b.debt << " points_debt " << b.pointsDebt << "\n";
        for (const auto &b : balances) {
            std::optional<sync::MemberRecord> m;
            TL_ASSIGN(m, tx.member(b.member));
            if (!m)
                continue;
            out << "member " << m->member.toString() << " " << m->handle << " " << m->tier << " cards";
            for (const auto &c : m->cards)
                out << " " << c.card.toString() << ":" << c.status << ":" << c.counter;
            out << " sources";
            for (const auto &[k, s] : m->sources)
                out << " " << k << ":" << s;
            out << "\n";
        }
        std::vector<sync::AlertRecord> alerts;
        TL_ASSIGN(alerts, tx.alerts());
        for (const auto &a : alerts)
            out << "alert " << a.type << " " << a.kioskId << ":" << a.seq << " card " << a.card.toString() << " member "
                << a.member.toString() << " " << a.detail << "\n";
        std::vector<sync::DenyRecord> deny;
        TL_ASSIGN(deny, tx.denyList());
        for (const auto &d : deny)
            out << "deny " << d.version << " " << d.card.toString() << " " << d.member.toString() << " " << d.reason
                << "\n";
        // The feed as a kiosk reads it: the newest item of each key wins (docs/sync-protocol.md,
        // "GET /v1/feed"); the order of snapshots written by one batch is not state.
        std::vector<HqFeedItem> feed;
        TL_ASSIGN(feed, tx.feed(0, 1'000'000));
        std::map<std::string, std::string> newest;
        for (const auto &f : feed) {
            auto body = nlohmann::json::parse(f.body);
            if (body.contains("time_ms"))
                body["time_ms"] = 0;
            const char *keyField = f.type == "member" ? "member" : f.type == "deny" ? "card" : "kiosk_id";
            newest[f.type + " " + body.value(keyField, std::string())] = body.dump();
        }
        for (const auto &[key, body] : newest)
            out << "feed " << key << " " << body << "\n";
        return {};
    });
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
    return out.str();
}

std::string TestHq::verify()
{
    std::string problem;
    auto r = m_dir->store().read([&](sync::HqReadTx &tx) -> Result<void> {
        const auto report = sync::verifyMasterState(tx, m_dir->key()->publicKey());
        if (!report.ok)
            problem = report.problem.empty() ? "verify failed" : report.problem;
        return {};
    });
    if (!r)
        return r.error().message;
    return problem;
}

TestKiosk::TestKiosk(const fs::path &dir, const std::string &kioskId, const Policy &policy, TestHq &hq)
    : m_id(kioskId), m_data(dir / kioskId), m_policy(policy), m_hq(hq),
      m_clock(std::make_shared<ManualClock>(kHqTestStartMs))
{
    fs::create_directories(dir);
    auto e = Engine::init(m_data, kioskId, m_policy, m_clock);
    if (!e) {
        ADD_FAILURE() << "kiosk init: " << e.error().message;
        return;
    }
    m_engine = std::move(*e);
    const std::string cert = hq.enrol(kioskId, m_engine->deviceKey());
    EXPECT_TRUE(writeFileAtomic(m_data / sync::KioskSyncConfig::kCertificateFile, cert, 0644).ok());
    EXPECT_TRUE(writeFileAtomic(m_data / sync::KioskSyncConfig::kCaFile,
                                readFile(hq.path() / sync::CertificateAuthority::kCertificateFile), 0644)
                    .ok());
    auto config = sync::KioskSyncConfig::fromUrl("https://127.0.0.1:1");
    EXPECT_TRUE(config.ok());
    if (config) {
        EXPECT_TRUE(config->save(m_data).ok());
    }
}

TestKiosk::TestKiosk(const fs::path &dir, TestKiosk &other, TestHq &hq)
    : m_id(other.m_id), m_data(dir / other.m_id), m_policy(other.m_policy), m_hq(hq),
      m_clock(std::make_shared<ManualClock>(other.m_clock->nowMs()))
{
    other.close();
    fs::create_directories(dir);
    fs::copy(other.m_data, m_data, fs::copy_options::recursive);
    other.open();
    open();
}

std::unique_ptr<sync::HttpsClient> TestKiosk::httpClient(int port)
{
    sync::HttpsClientOptions o;
    o.host = "127.0.0.1";
    o.port = port != 0 ? port : m_hq.port();
    o.caFile = m_data / sync::KioskSyncConfig::kCaFile;
    o.certificatePem = readFile(m_data / sync::KioskSyncConfig::kCertificateFile);
    auto c = sync::HttpsClient::create(std::move(o), m_engine->deviceKey());
    EXPECT_TRUE(c.ok()) << (c ? "" : c.error().message);
    return c ? std::move(*c) : nullptr;
}

sync::UploadBatch TestKiosk::batch(uint64_t fromSeq, uint64_t toSeq, bool withHead)
{
    sync::UploadBatch b;
    b.kioskId = m_id;
    b.fromSeq = fromSeq;
    auto entries = m_engine->ledger().entries(fromSeq, toSeq + 1 - fromSeq);
    EXPECT_TRUE(entries.ok()) << (entries ? "" : entries.error().message);
    if (entries) {
        for (const auto &e : *entries)
            b.entries.push_back({e.canonical, e.signature});
    }
    if (withHead) {
        auto head = m_engine->ledger().treeHead(m_clock->nowMs());
        EXPECT_TRUE(head.ok()) << (head ? "" : head.error().message);
        if (head)
            b.head = *head;
    }
    return b;
}

Result<sync::SyncSummary> TestKiosk::round(int port)
{
    sync::KioskSyncConfig config;
    TL_ASSIGN(config, sync::KioskSyncConfig::load(m_data));
    config.port = port != 0 ? port : m_hq.port();
    std::unique_ptr<sync::SyncClient> client;
    TL_ASSIGN(client, sync::SyncClient::create(m_data, std::move(config), m_engine->deviceKey()));
    sync::EngineSyncLedger ledger(*m_engine);
    m_clock->advance(1000);
    return client->round(ledger, m_clock->nowMs());
}

Result<sync::SyncSummary> TestKiosk::roundUntilOk(int port, int attempts)
{
    Result<sync::SyncSummary> last = Error{ErrorCode::Io, "no attempt"};
    for (int i = 0; i < attempts; ++i) {
        last = round(port);
        if (last)
            return last;
    }
    return last;
}

void TestKiosk::close() { m_engine.reset(); }

void TestKiosk::open()
{
    auto e = Engine::open(m_data, m_policy, m_clock);
    ASSERT_TRUE(e.ok()) << e.error().message;
    m_engine = std::move(*e);
}

} // namespace tapledger::test
