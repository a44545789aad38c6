// Bad input at HQ (docs/sync-protocol.md, "POST /v1/upload" checks 1-6; sync-transport.md):
// each is refused with a clear error, logged by the server, and stores nothing.
#include "hqtestsupport.h"
#include "sync/protocol/uploadbatch.h"
#include <gtest/gtest.h>
#include <httplib.h>
#include <tuple>

namespace fs = std::filesystem;

namespace tapledger::test {
namespace {

class HqBadInputTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        policy = syncTestPolicy();
        hq = std::make_unique<TestHq>(tmp.path() / "hq");
        a = std::make_unique<TestKiosk>(tmp.path() / "kiosks", "lobby-1", policy, *hq);
        b = std::make_unique<TestKiosk>(tmp.path() / "kiosks", "bar-2", policy, *hq);
        std::tie(ann, annCard) = enrolWithCard(a->engine(), "ann");
        ASSERT_TRUE(a->engine().topUp({ann, 5'000, "cash", Uuid(), annCard}).ok());
        hq->start();
    }
    /// Posts @p body as kiosk a; the response (fails the test when HQ cannot be reached).
    sync::HttpResponse post(const std::string &body, TestKiosk *as = nullptr)
    {
        auto http = (as ? as : a.get())->httpClient();
        EXPECT_TRUE(http);
        if (!http)
            return {};
        auto res = http->post("/v1/upload", body, "application/json");
        EXPECT_TRUE(res.ok()) << res.error().message;
        return res ? *res : sync::HttpResponse{};
    }
    /// Expects @p res refused with @p status and an error naming @p what, logged, nothing stored.
    void expectRefused(const sync::HttpResponse &res, int status, const std::string &what, const std::string &before)
    {
        EXPECT_EQ(res.status, status) << res.body;
        auto err = sync::ErrorBody::fromJson(res.body);
        ASSERT_TRUE(err.ok()) << res.body;
        EXPECT_NE(err->error.find(what), std::string::npos) << err->error;
        EXPECT_TRUE(hq->logged({what})) << hq->log();
        EXPECT_EQ(hq->masterState(), before) << "a refused batch changed HQ";
    }
    TempDir tmp;
    Policy policy;
    std::unique_ptr<TestHq> hq;
    std::unique_ptr<TestKiosk> a, b;
    Uuid ann, annCard;
};

TEST_F(HqBadInputTest, TamperedEntryIsRefused)
{
    const std::string before = hq->masterState();
    auto batch = a->batch(1, a->engine().ledger().size(), true);
    batch.entries.back().body[batch.entries.back().body.size() / 2] ^= 0x01;
    const auto res = post(batch.toJson());
    EXPECT_EQ(res.status, 422) << res.body;
    EXPECT_NE(res.body.find("seq " + std::to_string(batch.entries.size())), std::string::npos) << res.body;
    EXPECT_NE(hq->log(), "") << "the refusal was not logged";
    EXPECT_EQ(hq->masterState(), before);
}

TEST_F(HqBadInputTest, EntrySignedByAnotherKiosksKeyIsRefused)
{
    const std::string before = hq->masterState();
    auto batch = a->batch(1, a->engine().ledger().size(), true);
    batch.entries[0].signature = b->engine().deviceKey().sign(batch.entries[0].body);
    const auto res = post(batch.toJson());
    EXPECT_EQ(res.status, 422) << res.body;
    EXPECT_NE(res.body.find("signature"), std::string::npos) << res.body;
    EXPECT_NE(hq->log(), "");
    EXPECT_EQ(hq->masterState(), before);
}

TEST_F(HqBadInputTest, BatchUnderAnotherKiosksCertificateIsForbidden)
{
    const std::string before = hq->masterState();
    const auto res = post(a->batch(1, a->engine().ledger().size(), true).toJson(), b.get());
    EXPECT_EQ(res.status, 403) << res.body;
    EXPECT_NE(res.body.find("certificate is for"), std::string::npos) << res.body;
    EXPECT_TRUE(hq->logged({"certificate is for"})) << hq->log();
    EXPECT_EQ(hq->masterState(), before);
}

TEST_F(HqBadInputTest, MalformedAndOversizedBodiesAreRefused)
{
    const std::string before = hq->masterState();
    const auto good = a->batch(1, a->engine().ledger().size(), true).toJson();
    std::string unknownField = good;
    unknownField.insert(1, "\"colour\":\"red\",");
    std::string otherProtocol = good;
    const auto at = otherProtocol.find("\"protocol\":1");
    ASSERT_NE(at, std::string::npos);
    otherProtocol.replace(at, 12, "\"protocol\":2");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"not JSON", "{\"protocol\":1,"},
        {"empty", ""},
        {"an array", "[]"},
        {"unknown field", unknownField},
        {"protocol 2", otherProtocol},
        {"truncated", good.substr(0, good.size() / 2)},
    };
    for (const auto &[what, body] : cases) {
        const auto res = post(body);
        EXPECT_EQ(res.status, 400) << what << ": " << res.body;
        auto err = sync::ErrorBody::fromJson(res.body);
        EXPECT_TRUE(err.ok() && !err->error.empty()) << what << ": " << res.body;
        EXPECT_EQ(hq->masterState(), before) << what;
    }
    // Over the 4 MiB cap: refused before it is parsed.
    const auto res = post(std::string(5 * 1024 * 1024, ' '));
    EXPECT_EQ(res.status, 413) << res.body;
    EXPECT_EQ(hq->masterState(), before);
}

TEST_F(HqBadInputTest, RevokedKioskIsRefusedInTheHandshakeAndLogged)
{
    ASSERT_TRUE(a->round().ok());
    hq->revoke("lobby-1");
    (void)enrolWithCard(a->engine(), "late");
    const std::string before = hq->masterState();
    auto r = a->round();
    ASSERT_FALSE(r.ok());
    EXPECT_FALSE(r.error().message.empty());
    EXPECT_TRUE(hq->logged({"TLS handshake refused"})) << hq->log();
    EXPECT_EQ(hq->masterState(), before);
}

TEST_F(HqBadInputTest, KioskWithoutACertificateIsRefused)
{
    // HttpsClient always presents a certificate, so a bare TLS client (trusting HQ's CA) stands in
    // for a kiosk that has none.
    const std::string before = hq->masterState();
    httplib::SSLClient anonymous("127.0.0.1", hq->port());
    anonymous.set_ca_cert_path((a->dataDir() / sync::KioskSyncConfig::kCaFile).c_str());
    anonymous.enable_server_certificate_verification(true);
    auto res = anonymous.Post("/v1/upload", a->batch(1, a->engine().ledger().size(), true).toJson(),
                              "application/json");
    EXPECT_FALSE(res) << "HQ answered " << res->status;
    EXPECT_TRUE(hq->logged({"TLS handshake refused from 127.0.0.1:"})) << hq->log();
    EXPECT_EQ(hq->masterState(), before);
}

TEST_F(HqBadInputTest, KioskRolledBackToAnOldBackupIsQuarantined)
{
    // The backup: a copy of the kiosk before more activity; the kiosk syncs everything, then the
    // backup is restored (same key and certificate) and syncs.
    TestKiosk backup(tmp.path() / "backup", *a, *hq);
    (void)enrolWithCard(a->engine(), "bob");
    ASSERT_TRUE(a->round().ok());
    const std::string balancesBefore = hq->masterState();
    auto r = backup.round();
    ASSERT_FALSE(r.ok()) << "a rolled-back kiosk synced";
    EXPECT_EQ(r.error().code, ErrorCode::Denied) << r.error().message;
    EXPECT_TRUE(hq->logged({"lobby-1"})) << hq->log();
    const std::string after = hq->masterState();
    EXPECT_NE(after.find("kiosk lobby-1 quarantined"), std::string::npos) << after;
    EXPECT_NE(after.find("alert rollback lobby-1"), std::string::npos) << after;
    // Nothing of the backup's entries was stored: the chain and balances are as before.
    const auto lines = [](const std::string &s, const std::string &prefix) {
        std::string out;
        size_t p = 0;
        while ((p = s.find("\n" + prefix, p)) != std::string::npos) {
            const size_t e = s.find('\n', p + 1);
            out += s.substr(p, e - p);
            p = e;
        }
        return out;
    };
    EXPECT_EQ(lines(after, "chain "), lines(balancesBefore, "chain "));
    EXPECT_EQ(lines(after, "balance "), lines(balancesBefore, "balance "));
}

TEST_F(HqBadInputTest, RewrittenHistoryIsQuarantinedAndNothingMerged)
{
    // A fork of the kiosk: same key and seqs, different entries after the copy.
    TestKiosk forked(tmp.path() / "fork", *a, *hq);
    auto mine = a->engine().topUp({ann, 7'000, "cash", Uuid(), annCard});
    ASSERT_TRUE(mine.ok()) << mine.error().message;
    auto theirs = forked.engine().topUp({ann, 9'000, "card", Uuid(), annCard});
    ASSERT_TRUE(theirs.ok()) << theirs.error().message;
    ASSERT_TRUE(a->round().ok());
    const std::string before = hq->masterState();
    const auto res = post(forked.batch(1, forked.engine().ledger().size(), true).toJson(), &forked);
    EXPECT_EQ(res.status, 409) << res.body;
    auto err = sync::ErrorBody::fromJson(res.body);
    ASSERT_TRUE(err.ok()) << res.body;
    EXPECT_TRUE(err->quarantined) << res.body;
    const std::string after = hq->masterState();
    EXPECT_NE(after.find("kiosk lobby-1 quarantined"), std::string::npos) << after;
    EXPECT_NE(after.find("alert rollback lobby-1"), std::string::npos) << after;
    EXPECT_NE(hq->log(), "");
    EXPECT_EQ(before.substr(before.find("\nchain "), before.find("\nmember ") - before.find("\nchain ")),
              after.substr(after.find("\nchain "), after.find("\nmember ") - after.find("\nchain ")));
}

} // namespace
} // namespace tapledger::test
