// POST /v1/pos/purchases (docs/pos-api.md): a real HQ on 127.0.0.1, a real POS client
// certificate from HQ's CA, real kiosks (Engine) syncing with it.
#include "core/engine/venuecalendar.h"
#include "hqtestsupport.h"
#include "sync/hq/crm/crmdataset.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/hqposting.h"
#include "sync/hq/posdesk.h"
#include "sync/transport/certificateauthority.h"
#include "sync/transport/kioskcsr.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <tuple>

namespace tapledger::test {
namespace {

using nlohmann::json;

constexpr const char *kPosPath = "/v1/pos/purchases";

/// @p ms (UTC) as ISO 8601 with Z.
std::string isoUtc(int64_t ms)
{
    const std::time_t s = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&s, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

class HqPosTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        policy = syncTestPolicy();
        hq = std::make_unique<TestHq>(tmp.path() / "hq");
        // HQ's venue policy (docs/crm.md): the kiosks' own file.
        std::filesystem::copy_file(dataPath("engine/policies/base.policy.json"), hq->path() / "policy.json");
        kiosk = std::make_unique<TestKiosk>(tmp.path() / "kiosks", "lobby-1", policy, *hq);
        std::tie(ann, annCard) = enrolWithCard(kiosk->engine(), "ann");
        std::tie(bo, boCard) = enrolWithCard(kiosk->engine(), "bo");
        hq->start();
        ASSERT_TRUE(kiosk->round().ok());
        posKey = std::make_unique<Ed25519SecretKey>(Ed25519SecretKey::generate());
        posCert = enrolPos("till-1", *posKey);
    }

    sync::PosDesk desk()
    {
        return sync::PosDesk(hq->dir().store(), hq->path(), hq->dir().key(), std::make_shared<ManualClock>(kHqTestStartMs));
    }

    /// Signs a POS certificate for @p posId with @p key and enrols it, as `tapledger-hq enrol-pos` does.
    std::string enrolPos(const std::string &posId, const Ed25519SecretKey &key)
    {
        auto csr = sync::makeKioskCsr(key, posId);
        auto ca = sync::CertificateAuthority::open(hq->path());
        EXPECT_TRUE(csr.ok() && ca.ok());
        if (!csr || !ca)
            return {};
        auto cert = ca->signPosCsr(*csr, posId, kHqTestStartMs, 3650);
        EXPECT_TRUE(cert.ok()) << (cert ? "" : cert.error().message);
        if (!cert)
            return {};
        auto r = desk().enrol(cert->kioskId, cert->deviceKey, cert->serialHex);
        EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
        return cert->certificatePem;
    }

    std::unique_ptr<sync::HttpsClient> posClient()
    {
        sync::HttpsClientOptions o;
        o.host = "127.0.0.1";
        o.port = hq->port();
        o.caFile = hq->path() / sync::CertificateAuthority::kCertificateFile;
        o.certificatePem = posCert;
        auto c = sync::HttpsClient::create(std::move(o), *posKey);
        EXPECT_TRUE(c.ok()) << (c ? "" : c.error().message);
        return c ? std::move(*c) : nullptr;
    }

    sync::HttpResponse post(const std::string &body)
    {
        auto http = posClient();
        if (!http)
            return {};
        auto res = http->post(kPosPath, body, "application/json");
        EXPECT_TRUE(res.ok()) << (res ? "" : res.error().message);
        return res ? *res : sync::HttpResponse{};
    }

    /// A purchase of 3 bottles of wine (300.00, drinks) by @p member at the kiosk's current time.
    json wine(const std::string &receipt, const Uuid &member)
    {
        return {{"receipt", receipt},
                {"member", member.toString()},
                {"time", isoUtc(kiosk->clock().nowMs())},
                {"amount", "300.00"},
                {"lines", {{{"category", "drinks"}, {"sku", "wine"}, {"quantity", 3}, {"amount", "300.00"}}}}};
    }

    int64_t masterPoints(const Uuid &member)
    {
        int64_t points = 0;
        auto r = hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            auto b = tx.masterBalance(member);
            if (!b)
                return std::move(b).error();
            points = *b ? (*b)->points : 0;
            return {};
        });
        EXPECT_TRUE(r.ok());
        return points;
    }

    TempDir tmp;
    Policy policy;
    std::unique_ptr<TestHq> hq;
    std::unique_ptr<TestKiosk> kiosk;
    Uuid ann, annCard, bo, boCard;
    std::unique_ptr<Ed25519SecretKey> posKey;
    std::string posCert;
};

TEST_F(HqPosTest, PurchaseEarnsWhatTheSamePurchaseEarnsAtAKiosk)
{
    // Bo buys 3 bottles of wine at the kiosk; Ann the same at the till, at the same moment.
    PurchaseRequest atKiosk = purchaseOf(bo, boCard, "wine", "cash");
    atKiosk.items[0].quantity = 3;
    auto receipt = kiosk->engine().purchase(atKiosk);
    ASSERT_TRUE(receipt.ok()) << receipt.error().message;
    ASSERT_EQ(receipt->charged, 30000);
    const int64_t kioskPoints = kiosk->engine().ledger().balance(bo).points;
    ASSERT_GT(kioskPoints, 0);

    auto res = post(wine("R-1", ann).dump());
    ASSERT_EQ(res.status, 200) << res.body;
    const json a = json::parse(res.body);
    EXPECT_EQ(a["points_earned"], kioskPoints) << res.body;
    EXPECT_EQ(a["points_balance"], kioskPoints);
    EXPECT_EQ(a["member"], ann.toString());
    EXPECT_EQ(a["duplicate"], false);
    EXPECT_EQ(a["entry"].get<std::string>().rfind("hq:", 0), 0u) << res.body;
    EXPECT_EQ(masterPoints(ann), kioskPoints);
    EXPECT_EQ(hq->verify(), "");
    EXPECT_TRUE(hq->logged({"POS till-1 purchase R-1"})) << hq->log();
}

TEST_F(HqPosTest, ACardNamesItsMember)
{
    json body = wine("R-card", ann);
    body.erase("member");
    body["card"] = annCard.toString();
    auto res = post(body.dump());
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(json::parse(res.body)["member"], ann.toString());
}

TEST_F(HqPosTest, ResendingTheSameRequestAnswersTheSameAndStoresNothing)
{
    const std::string body = wine("R-2", ann).dump();
    auto first = post(body);
    ASSERT_EQ(first.status, 200) << first.body;
    const std::string state = hq->masterState();
    json expected = json::parse(first.body);
    expected["duplicate"] = true;
    for (int i = 0; i < 3; ++i) {
        auto again = post(body);
        ASSERT_EQ(again.status, 200) << again.body;
        EXPECT_EQ(json::parse(again.body), expected) << "re-send " << i;
        EXPECT_EQ(hq->masterState(), state) << "re-send " << i << " changed HQ";
    }
    EXPECT_EQ(hq->verify(), "");
}

TEST_F(HqPosTest, AReturnTakesThePointsBack)
{
    ASSERT_EQ(post(wine("R-3", ann).dump()).status, 200);
    const int64_t earned = masterPoints(ann);
    ASSERT_GT(earned, 0);
    // A first return of 150.00 keeps the rest below the 200.00 threshold: its bonus goes back too.
    json part = {{"receipt", "R-3-ret-1"}, {"member", ann.toString()}, {"time", isoUtc(kiosk->clock().nowMs())},
                 {"amount", "150.00"}, {"return_of", "R-3"}};
    auto r1 = post(part.dump());
    ASSERT_EQ(r1.status, 200) << r1.body;
    const json a1 = json::parse(r1.body);
    EXPECT_EQ(a1["kind"], "return");
    EXPECT_GT(a1["points_returned"].get<int64_t>(), 0);
    EXPECT_LT(a1["points_returned"].get<int64_t>(), earned);
    EXPECT_EQ(a1["points_balance"].get<int64_t>(), earned - a1["points_returned"].get<int64_t>());
    json rest = part;
    rest["receipt"] = "R-3-ret-2";
    auto r2 = post(rest.dump());
    ASSERT_EQ(r2.status, 200) << r2.body;
    EXPECT_EQ(json::parse(r2.body)["points_balance"], 0) << r2.body;
    EXPECT_EQ(masterPoints(ann), 0);
    // Nothing is left to return.
    rest["receipt"] = "R-3-ret-3";
    rest["amount"] = "0.01";
    EXPECT_EQ(post(rest.dump()).status, 409);
    EXPECT_EQ(hq->verify(), "");
}

TEST_F(HqPosTest, ThePointsReachTheKioskAfterItsSync)
{
    auto res = post(wine("R-4", ann).dump());
    ASSERT_EQ(res.status, 200) << res.body;
    const int64_t earned = json::parse(res.body)["points_earned"].get<int64_t>();
    ASSERT_GT(earned, 0);
    EXPECT_EQ(kiosk->engine().ledger().balance(ann).points, 0);
    ASSERT_TRUE(kiosk->round().ok());
    EXPECT_EQ(kiosk->engine().ledger().balance(ann).points, earned);
    // The kiosk can spend them: its view is HQ's.
    ASSERT_TRUE(kiosk->round().ok());
    EXPECT_EQ(hq->verify(), "");
}

TEST_F(HqPosTest, APurchaseAndItsReturnCountOnceInTheCrm)
{
    const std::string body = wine("R-crm", ann).dump();
    ASSERT_EQ(post(body).status, 200);
    ASSERT_EQ(post(body).status, 200); // a re-send
    json back = {{"receipt", "R-crm-ret"}, {"member", ann.toString()}, {"time", isoUtc(kiosk->clock().nowMs())},
                 {"amount", "100.00"}, {"return_of", "R-crm"}};
    ASSERT_EQ(post(back.dump()).status, 200);
    ASSERT_TRUE(kiosk->round().ok()); // the kiosk's hq_sync of the snapshot is no purchase either
    auto venue = sync::HqVenue::load(hq->path(), hq->dir().store());
    ASSERT_TRUE(venue.ok()) << venue.error().message;
    const int64_t today = venue->calendar().localDay(kiosk->clock().nowMs());
    std::vector<crm::DayAmount> seen;
    auto r = hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
        auto data = sync::CrmDataset::load(tx, *venue, today);
        if (!data)
            return std::move(data).error();
        for (size_t i = 0; i < data->memberIds.size(); ++i) {
            if (data->memberIds[i] == ann)
                seen = data->members[i].purchases;
        }
        return {};
    });
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(seen.size(), 2u);
    std::sort(seen.begin(), seen.end(), [](const auto &x, const auto &y) { return x.isReturn < y.isReturn; });
    EXPECT_EQ(seen[0].amountMinor, 30000);
    EXPECT_FALSE(seen[0].isReturn);
    EXPECT_EQ(seen[1].amountMinor, 10000);
    EXPECT_TRUE(seen[1].isReturn);
    EXPECT_EQ(seen[0].day, today);
}

TEST_F(HqPosTest, APointsAdjustmentIsIdempotentAndReachesTheKiosk)
{
    // The make-good API (HqPosting::adjustPoints) that feedback and complaints will call.
    const auto adjust = [&](const std::string &key, const Uuid &member, int64_t points, const std::string &reason) {
        Result<sync::PostingAnswer> out = fail(ErrorCode::Io, "not run");
        auto r = hq->dir().store().write([&](sync::HqWriteTx &tx) -> Result<void> {
            sync::HqPosting posting(tx, *hq->dir().key(), kHqTestStartMs);
            out = posting.adjustPoints(key, member, points, reason);
            if (!out)
                return out.error();
            return {};
        });
        return out;
    };
    auto first = adjust("complaint-17", ann, 25, "make-good: cold soup");
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first->balance, 25);
    EXPECT_FALSE(first->duplicate);
    const std::string state = hq->masterState();
    auto again = adjust("complaint-17", ann, 25, "make-good: cold soup");
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_TRUE(again->duplicate);
    EXPECT_EQ(again->entry, first->entry);
    EXPECT_EQ(hq->masterState(), state);
    struct Case
    {
        const char *name;
        std::string key;
        Uuid member;
        int64_t points;
        std::string reason;
        ErrorCode code;
    };
    const std::vector<Case> bad = {
        {"key reused with other points", "complaint-17", ann, 30, "make-good: cold soup", ErrorCode::Conflict},
        {"zero points", "complaint-18", ann, 0, "nothing", ErrorCode::InvalidArgument},
        {"no reason", "complaint-18", ann, 5, "", ErrorCode::InvalidArgument},
        {"two-line reason", "complaint-18", ann, 5, "a\nb", ErrorCode::InvalidArgument},
        {"empty key", "", ann, 5, "why", ErrorCode::InvalidArgument},
        {"unknown member", "complaint-18", Uuid::generate(), 5, "why", ErrorCode::NotFound},
    };
    for (const auto &c : bad) {
        SCOPED_TRACE(c.name);
        auto r = adjust(c.key, c.member, c.points, c.reason);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, c.code) << r.error().message;
        EXPECT_EQ(hq->masterState(), state);
    }
    ASSERT_TRUE(kiosk->round().ok());
    EXPECT_EQ(kiosk->engine().ledger().balance(ann).points, 25);
    EXPECT_EQ(hq->verify(), "");
}

TEST_F(HqPosTest, AKioskCertificateCannotPostPurchases)
{
    const std::string before = hq->masterState();
    auto http = kiosk->httpClient();
    ASSERT_TRUE(http);
    auto res = http->post(kPosPath, wine("R-5", ann).dump(), "application/json");
    ASSERT_TRUE(res.ok()) << res.error().message;
    EXPECT_EQ(res->status, 403) << res->body;
    EXPECT_NE(res->body.find("only a point-of-sale certificate"), std::string::npos) << res->body;
    EXPECT_TRUE(hq->logged({"kiosk lobby-1 POST /v1/pos/purchases: 403"})) << hq->log();
    EXPECT_EQ(hq->masterState(), before);
}

TEST_F(HqPosTest, APosCertificateCannotSync)
{
    const std::string before = hq->masterState();
    auto http = posClient();
    ASSERT_TRUE(http);
    auto up = http->post("/v1/upload", kiosk->batch(1, kiosk->engine().ledger().size(), true).toJson(), "application/json");
    ASSERT_TRUE(up.ok()) << up.error().message;
    EXPECT_EQ(up->status, 403) << up->body;
    auto hello = http->get("/v1/hello");
    ASSERT_TRUE(hello.ok());
    EXPECT_EQ(hello->status, 403) << hello->body;
    auto feed = http->get("/v1/feed?after=0");
    ASSERT_TRUE(feed.ok());
    EXPECT_EQ(feed->status, 403) << feed->body;
    EXPECT_TRUE(hq->logged({"POS till-1 POST /v1/upload: 403"})) << hq->log();
    EXPECT_EQ(hq->masterState(), before);
}

TEST_F(HqPosTest, NoCertificateOrARevokedOneIsRefusedInTheHandshake)
{
    const std::string before = hq->masterState();
    httplib::SSLClient anonymous("127.0.0.1", hq->port());
    anonymous.set_ca_cert_path((hq->path() / sync::CertificateAuthority::kCertificateFile).c_str());
    anonymous.enable_server_certificate_verification(true);
    EXPECT_FALSE(anonymous.Post(kPosPath, wine("R-6", ann).dump(), "application/json"));
    EXPECT_TRUE(hq->logged({"TLS handshake refused from 127.0.0.1:"})) << hq->log();

    ASSERT_TRUE(desk().revoke("till-1").ok());
    auto http = posClient();
    ASSERT_TRUE(http);
    EXPECT_FALSE(http->post(kPosPath, wine("R-6", ann).dump(), "application/json").ok());
    EXPECT_TRUE(hq->logged({"POS till-1 certificate serial", "is revoked"})) << hq->log();
    EXPECT_EQ(hq->masterState(), before);
}

TEST_F(HqPosTest, BadRequestsAreRefusedAndChangeNothing)
{
    ASSERT_EQ(post(wine("R-7", ann).dump()).status, 200);
    const auto with = [&](const std::function<void(json &)> &change) {
        json j = wine("R-8", ann);
        change(j);
        return j.dump();
    };
    struct Case
    {
        const char *name;
        std::string body;
        int status;
        std::string error;
    };
    const std::vector<Case> cases = {
        {"not JSON", "{\"receipt\":", 400, "one JSON object"},
        {"an array", "[1]", 400, "one JSON object"},
        {"unknown field", with([](json &j) { j["tip"] = "1.00"; }), 400, "unknown field 'tip'"},
        {"no receipt", with([](json &j) { j.erase("receipt"); }), 400, "receipt is required"},
        {"receipt with a control character", with([](json &j) { j["receipt"] = "R\n8"; }), 400, "receipt must be"},
        {"member and card", with([&](json &j) { j["card"] = annCard.toString(); }), 400, "exactly one of member and card"},
        {"member not a UUID", with([](json &j) { j["member"] = "ann"; }), 400, "member 'ann' is not a UUID"},
        {"unknown member", with([](json &j) { j["member"] = Uuid::generate().toString(); }), 404, "is not known at HQ"},
        {"unknown card",
         with([](json &j) {
             j.erase("member");
             j["card"] = Uuid::generate().toString();
         }),
         404, "is not known at HQ"},
        {"too many decimals", with([](json &j) { j["amount"] = "300.001"; j["lines"][0]["amount"] = "300.001"; }), 400,
         "amount '300.001'"},
        {"negative amount", with([](json &j) { j["amount"] = "-300.00"; j.erase("lines"); }), 400, "amount '-300.00'"},
        {"amount as a number", with([](json &j) { j["amount"] = 300; }), 400, "amount must be a string"},
        {"lines do not add up", with([](json &j) { j["amount"] = "299.00"; }), 400, "the lines add up to 30000"},
        {"quantity 0", with([](json &j) { j["lines"][0]["quantity"] = 0; }), 400, "quantity '0'"},
        {"bad time", with([](json &j) { j["time"] = "yesterday"; }), 400, "time 'yesterday'"},
        {"future time", with([](json &j) { j["time"] = "2027-01-01T00:00:00Z"; }), 400, "is in the future"},
        {"receipt reused with another content", with([](json &j) { j["receipt"] = "R-7"; j["amount"] = "100.00";
                                                                   j["lines"][0]["amount"] = "100.00"; }),
         409, "pos:till-1:R-7 was already posted with a different content"},
        {"return of an unknown receipt", with([](json &j) { j["return_of"] = "R-404"; j.erase("lines"); }), 404,
         "receipt R-404 was never posted"},
        {"return of more than was bought", with([](json &j) { j["return_of"] = "R-7"; j["amount"] = "300.01";
                                                              j.erase("lines"); }),
         409, "left to return"},
        {"return of another member's purchase",
         with([&](json &j) { j["return_of"] = "R-7"; j["member"] = bo.toString(); j.erase("lines"); }), 409,
         "another member's purchase"},
        {"oversized body", std::string(5 * 1024 * 1024, ' '), 413, ""},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        const std::string before = hq->masterState();
        auto res = post(c.body);
        EXPECT_EQ(res.status, c.status) << res.body;
        if (!c.error.empty()) {
            const json err = json::parse(res.body, nullptr, false);
            ASSERT_TRUE(err.is_object()) << res.body;
            EXPECT_NE(err.value("error", "").find(c.error), std::string::npos) << res.body;
            EXPECT_TRUE(hq->logged({"POS till-1 purchase refused (" + std::to_string(c.status) + ")", c.error}))
                << hq->log();
        } else {
            EXPECT_TRUE(hq->logged({"POS till-1 POST /v1/pos/purchases: " + std::to_string(c.status)})) << hq->log();
        }
        EXPECT_EQ(hq->masterState(), before) << "a refused request changed HQ";
    }
    EXPECT_EQ(hq->verify(), "");
}

} // namespace
} // namespace tapledger::test
