// HQ's publications in the feed beyond members, deny-list and kiosk keys (docs/sync-protocol.md,
// item types): `policy` — published once, refused when not newer, adopted by kiosks on sync;
// `stock` — the fleet's remaining reward stock from merged redemptions; `offers` — a member's
// ranked offers, replaced by the next publication.
#include "hqtestsupport.h"

#include "core/engine/hqoffers.h"
#include "core/fileio.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/reconciler.h"
#include "sync/protocol/feedpage.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tapledger::test {
namespace {

constexpr int64_t kHourMs = 3600'000;

class HqFeedTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        policy = syncTestPolicy();
        hq = std::make_unique<TestHq>(tmp.path() / "hq");
        clock = std::make_shared<ManualClock>(kHqTestStartMs);
        reconciler = std::make_unique<sync::Reconciler>(hq->dir().store(), hq->dir().key(), clock);
        auto text = readSmallFile(dataPath("engine/policies/base.policy.json"), "policy");
        ASSERT_TRUE(text.ok());
        base = nlohmann::json::parse(*text);
    }
    /// base.policy.json at @p version, its cake-r costing @p cakePoints, as file text.
    std::string policyText(int64_t version, int64_t cakePoints = 100, const std::string &currency = "EUR",
                           int64_t cakeStock = 3)
    {
        auto p = base;
        p["version"] = version;
        p["currency"] = currency;
        for (auto &r : p["rewards"]) {
            if (r["id"] == "cake-r") {
                r["points"] = cakePoints;
                r["stock"] = cakeStock;
            }
        }
        return p.dump(2);
    }
    /// The body of the newest `stock` item for @p reward, null when there is none.
    nlohmann::json stockBody(const std::string &reward)
    {
        nlohmann::json out;
        for (const auto &i : feedItems()) {
            if (i.type == "stock" && nlohmann::json::parse(i.body).at("reward") == reward) {
                EXPECT_TRUE(sync::verifyFeedItem(i, reconciler->hqPublicKey()));
                out = nlohmann::json::parse(i.body);
            }
        }
        return out;
    }
    /// Gives @p member 500 points at @p kiosk (a supervisor's adjustment).
    static void givePoints(TestKiosk &kiosk, const Uuid &member)
    {
        auto r = kiosk.engine().adjustPoints({member, 500, "test points", Uuid::generate(), Card::Role::Supervisor});
        ASSERT_TRUE(r.ok()) << r.error().message;
    }
    std::vector<HqFeedItem> feedItems()
    {
        auto page = reconciler->feed(0, 1000);
        EXPECT_TRUE(page.ok());
        return page ? page->items : std::vector<HqFeedItem>{};
    }

    TempDir tmp;
    Policy policy;
    std::unique_ptr<TestHq> hq;
    std::shared_ptr<ManualClock> clock;
    std::unique_ptr<sync::Reconciler> reconciler;
    nlohmann::json base;
};

TEST_F(HqFeedTest, PublishedPolicyIsASignedFeedItemInCanonicalForm)
{
    const int64_t at = kHqTestStartMs + kHourMs;
    auto rec = reconciler->publishPolicy(policyText(3, 150), at);
    ASSERT_TRUE(rec.ok()) << rec.error().message;
    EXPECT_EQ(rec->policyId, "test-bistro");
    EXPECT_EQ(rec->version, 3);
    const auto items = feedItems();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].seq, rec->feedSeq);
    EXPECT_EQ(items[0].type, "policy");
    EXPECT_TRUE(sync::verifyFeedItem(items[0], reconciler->hqPublicKey()));
    const auto body = nlohmann::json::parse(items[0].body);
    EXPECT_EQ(body.dump(), items[0].body) << "the body is canonical";
    EXPECT_EQ(body.at("policy_id"), "test-bistro");
    EXPECT_EQ(body.at("version"), 3);
    EXPECT_EQ(body.at("effective_ms"), at);
    EXPECT_EQ(body.at("policy").dump(), rec->policyJson);
    EXPECT_EQ(body.at("policy"), nlohmann::json::parse(policyText(3, 150)));

    // A second version keeps the first in the feed: a kiosk must learn both switch moments.
    ASSERT_TRUE(reconciler->publishPolicy(policyText(4), at + kHourMs).ok());
    EXPECT_EQ(feedItems().size(), 2u);
}

TEST_F(HqFeedTest, BadOrStalePoliciesAreRefusedAndChangeNothing)
{
    ASSERT_TRUE(reconciler->publishPolicy(policyText(3), kHqTestStartMs).ok());
    const std::string before = hq->masterState();
    const struct
    {
        std::string what, text;
        ErrorCode code;
        std::string reason;
    } cases[] = {
        {"the same version again", policyText(3), ErrorCode::Conflict, "not above version 3"},
        {"an older version", policyText(2), ErrorCode::Conflict, "not above version 3"},
        {"another currency", policyText(4, 100, "CHF"), ErrorCode::Conflict, "cannot change the currency"},
        {"not JSON", "{\"schema\": ", ErrorCode::InvalidArgument, "policy"},
        {"a negative reward cost", policyText(4, -1), ErrorCode::InvalidArgument, "points"},
    };
    for (const auto &c : cases) {
        auto r = reconciler->publishPolicy(c.text, kHqTestStartMs);
        ASSERT_FALSE(r.ok()) << c.what;
        EXPECT_EQ(r.error().code, c.code) << c.what << ": " << r.error().message;
        EXPECT_NE(r.error().message.find(c.reason), std::string::npos) << c.what << ": " << r.error().message;
        EXPECT_EQ(r.error().message.find('\n'), std::string::npos) << c.what << ": one line";
        EXPECT_EQ(hq->masterState(), before) << c.what;
    }
    EXPECT_EQ(feedItems().size(), 1u);
}

TEST_F(HqFeedTest, KioskAdoptsThePolicyOnSyncAndSwitchesAtItsMoment)
{
    TestKiosk kiosk(tmp.path() / "kiosks", "lobby-1", policy, *hq);
    enrolWithCard(kiosk.engine(), "ann");
    hq->start();
    const int64_t at = kiosk.clock().nowMs() + kHourMs;
    ASSERT_TRUE(reconciler->publishPolicy(policyText(3, 150), at).ok());
    auto round = kiosk.round();
    ASSERT_TRUE(round.ok()) << round.error().message;
    EXPECT_EQ(kiosk.engine().policy().version, 2);
    auto recorded = kiosk.engine().hqPolicies();
    ASSERT_TRUE(recorded.ok());
    ASSERT_EQ(recorded->size(), 1u);
    EXPECT_EQ((*recorded)[0].status, "adopted");
    kiosk.clock().set(at);
    EXPECT_EQ(kiosk.engine().policy().version, 3);
    EXPECT_EQ(kiosk.engine().policy().reward("cake-r")->points, 150);
    // The hq_sync entry reaches HQ like any other and is verified there, never merged.
    ASSERT_TRUE(kiosk.round().ok());
    EXPECT_EQ(hq->verify(), "");
}

TEST_F(HqFeedTest, StockCountsRedemptionsAcrossTheFleet)
{
    TestKiosk a(tmp.path() / "kiosks", "lobby-1", policy, *hq);
    TestKiosk b(tmp.path() / "kiosks", "bar-2", policy, *hq);
    auto [ann, annCard] = enrolWithCard(a.engine(), "ann");
    auto [bo, boCard] = enrolWithCard(b.engine(), "bo");
    ASSERT_NO_FATAL_FAILURE(givePoints(a, ann));
    ASSERT_NO_FATAL_FAILURE(givePoints(b, bo));
    hq->start();
    // No published policy yet: HQ counts, but publishes no stock (kiosks count alone).
    ASSERT_TRUE(a.engine().redeem({ann, "cake-r", 0, "1234", "", annCard}).ok());
    ASSERT_TRUE(a.round().ok());
    EXPECT_TRUE(stockBody("cake-r").is_null());

    // Publishing a stock of 2 counts the redemption already merged.
    ASSERT_TRUE(reconciler->publishPolicy(policyText(3, 100, "EUR", 2), kHqTestStartMs).ok());
    auto body = stockBody("cake-r");
    ASSERT_FALSE(body.is_null());
    EXPECT_EQ(body.at("stock"), 2);
    EXPECT_EQ(body.at("redeemed"), 1);
    EXPECT_EQ(body.at("remaining"), 1);
    const uint64_t aSeq = body.at("sources").at("lobby-1").get<uint64_t>();
    EXPECT_EQ(a.engine().ledger().entry(aSeq)->entry.kind, EntryKind::Redeem);

    ASSERT_TRUE(b.round().ok());
    EXPECT_EQ(*b.engine().rewardStockLeft("cake-r"), std::optional<int64_t>(1));
    ASSERT_TRUE(b.engine().redeem({bo, "cake-r", 0, "1234", "", boCard}).ok());
    auto refused = b.engine().redeem({bo, "cake-r", 0, "1234", "", boCard});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().reason, ErrorReason::OutOfStock);

    // b's redemption reaches HQ: the count falls to 0 and a learns it on its next round.
    ASSERT_TRUE(b.round().ok());
    body = stockBody("cake-r");
    EXPECT_EQ(body.at("redeemed"), 2);
    EXPECT_EQ(body.at("remaining"), 0);
    EXPECT_EQ(body.at("sources").size(), 2u);
    EXPECT_EQ(*a.engine().rewardStockLeft("cake-r"), std::optional<int64_t>(2)); // a alone: 3 − its 1
    ASSERT_TRUE(a.round().ok());
    EXPECT_EQ(*a.engine().rewardStockLeft("cake-r"), std::optional<int64_t>(0));
    EXPECT_EQ(a.engine().redeem({ann, "cake-r", 0, "1234", "", annCard}).error().reason, ErrorReason::OutOfStock);
    EXPECT_EQ(hq->verify(), "");
    // `tapledger-hq verify` re-derives the counts from the redeem entries: a wrong one is caught.
    ASSERT_TRUE(hq->dir().store().write([](sync::HqWriteTx &tx) {
        return tx.putRewardRedemptions({"cake-r", "bar-2", 5, 1});
    }).ok());
    EXPECT_NE(hq->verify().find("reward cake-r"), std::string::npos) << hq->verify();
}

TEST_F(HqFeedTest, MemberOffersReachTheMembersKiosks)
{
    TestKiosk a(tmp.path() / "kiosks", "lobby-1", policy, *hq);
    TestKiosk b(tmp.path() / "kiosks", "bar-2", policy, *hq);
    auto [ann, annCard] = enrolWithCard(a.engine(), "ann");
    hq->start();
    Offer o;
    o.id = "winback-7";
    o.title = "We miss you";
    o.reason = "No visit for 45 days: 10.00 off";
    o.priority = 500;
    o.validUntilMs = kHqTestStartMs + 24 * kHourMs;
    o.grant = Offer::Grant::Voucher;
    o.voucherValue = 1000;
    o.voucherMinSpend = 5000;
    o.voucherExpiresMs = o.validUntilMs;
    // HQ must know the member first.
    auto unknown = reconciler->publishMemberOffers(ann, std::vector{o});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    Offer bad = o;
    bad.reason = "two\nlines";
    ASSERT_TRUE(a.round().ok());
    const std::string before = hq->masterState();
    EXPECT_EQ(reconciler->publishMemberOffers(ann, std::vector{bad}).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(hq->masterState(), before);

    auto rec = reconciler->publishMemberOffers(ann, std::vector{o});
    ASSERT_TRUE(rec.ok()) << rec.error().message;
    EXPECT_EQ(rec->offersJson, HqOffers::toJson(std::vector{o}));
    ASSERT_TRUE(b.round().ok()); // b learns the member and the offers from the feed
    auto shown = b.engine().offers(ann);
    ASSERT_TRUE(shown.ok()) << shown.error().message;
    ASSERT_FALSE(shown->empty());
    EXPECT_EQ(shown->front().id, "winback-7");
    EXPECT_EQ(shown->front().source, "hq");
    EXPECT_EQ(shown->front().reason, o.reason);
    ASSERT_TRUE(b.engine().acceptOffer(ann, "winback-7").ok());

    // Republished without it: gone at the next sync.
    ASSERT_TRUE(reconciler->publishMemberOffers(ann, {}).ok());
    ASSERT_TRUE(a.round().ok());
    shown = a.engine().offers(ann);
    EXPECT_FALSE(std::any_of(shown->begin(), shown->end(), [](const Offer &x) { return x.source == "hq"; }));
    ASSERT_TRUE(b.round().ok());
    EXPECT_EQ(hq->verify(), "");
}

// The CRM's venue (time zone, currency) is the policy HQ published; DIR/policy.json only stands in
// while none is published, and two published programs in different zones are a clear error.
TEST_F(HqFeedTest, CrmVenueIsThePublishedPolicy)
{
    auto none = sync::HqVenue::load(hq->path(), hq->dir().store());
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, ErrorCode::NotFound);

    auto local = nlohmann::json::parse(policyText(1));
    local["timezone"] = "Asia/Shanghai";
    ASSERT_TRUE(writeFileAtomic(hq->path() / sync::HqVenue::kPolicyFile, local.dump()).ok());
    auto fromFile = sync::HqVenue::load(hq->path(), hq->dir().store());
    ASSERT_TRUE(fromFile) << fromFile.error().message;
    EXPECT_EQ(fromFile->calendar().zoneName(), "Asia/Shanghai");

    ASSERT_TRUE(reconciler->publishPolicy(policyText(2), kHqTestStartMs).ok());
    auto published = sync::HqVenue::load(hq->path(), hq->dir().store());
    ASSERT_TRUE(published) << published.error().message;
    EXPECT_EQ(published->calendar().zoneName(), "Europe/Paris");
    EXPECT_EQ(published->currency().code(), "EUR");

    auto other = nlohmann::json::parse(policyText(1));
    other["id"] = "spa-program";
    other["timezone"] = "America/New_York";
    ASSERT_TRUE(reconciler->publishPolicy(other.dump(), kHqTestStartMs).ok());
    auto disagree = sync::HqVenue::load(hq->path(), hq->dir().store());
    ASSERT_FALSE(disagree);
    EXPECT_EQ(disagree.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(disagree.error().message.find("disagree on the venue"), std::string::npos) << disagree.error().message;
}

} // namespace
} // namespace tapledger::test
