// Engine API: receipts, "bad input writes nothing", PIN lock-out persistence, HQ offers, batches.
#include "core/device/datadir.h"
#include "core/engine/engine.h"
#include "enginetestsupport.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

namespace tapledger::test {
namespace {

class EngineTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        policy = loadTestPolicy("base.policy.json");
        t = makeTestEngine(tmp.path(), policy, kJan2026 + 10 * 3600'000);
        ASSERT_TRUE(t.engine);
        auto r = t.engine->enrol({Uuid(), "ann", "Ann", "1990-08-20", "1234", Uuid()});
        ASSERT_TRUE(r.ok()) << r.error().message;
        ann = r->member;
    }
    Engine &engine() { return *t.engine; }

    TempDir tmp;
    Policy policy;
    TestEngine t;
    Uuid ann;
};

TEST_F(EngineTest, TopUpReceiptShowsBeforeChargeAfterPerBalance)
{
    auto r = engine().topUp({ann, 30000, "cash", Uuid()});
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->balances.size(), 3u);
    EXPECT_EQ(r->balances[0].balance, "deposit");
    EXPECT_EQ(r->balances[0].before, 0);
    EXPECT_EQ(r->balances[0].change, 30000);
    EXPECT_EQ(r->balances[1].after, 5000); // t300 bonus
    ASSERT_EQ(r->explanations.size(), 1u);
    EXPECT_NE(r->explanations[0].find("rule t300 v2"), std::string::npos) << r->explanations[0];

    auto p = engine().purchase({ann, {{"menu", 1, "", 0}}, "stored_value", "1234", 0, Uuid()});
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->charged, 3000);
    EXPECT_EQ(p->balances[1].change, -3000); // bonus first
    EXPECT_EQ(p->balances[2].change, 3 + 5); // 30.00 → 3 pts, + visit
}

TEST_F(EngineTest, EveryBadInputWritesNothing)
{
    ASSERT_TRUE(engine().topUp({ann, 2000, "cash", Uuid()}).ok());
    const uint64_t size = engine().ledger().size();
    const Uuid ghost = Uuid::generate();
    struct Case
    {
        const char *what;
        ErrorCode code;
        Result<Receipt> result;
    };
    std::vector<Case> cases;
    cases.push_back({"zero top-up", ErrorCode::InvalidArgument, engine().topUp({ann, 0, "cash", Uuid()})});
    cases.push_back({"negative top-up", ErrorCode::InvalidArgument, engine().topUp({ann, -100, "cash", Uuid()})});
    cases.push_back({"unknown member", ErrorCode::NotFound, engine().topUp({ghost, 1000, "cash", Uuid()})});
    cases.push_back({"insufficient stored value", ErrorCode::Insufficient,
                     engine().purchase({ann, {{"wine", 1, "", 0}}, "stored_value", "1234", 0, Uuid()})});
    cases.push_back({"wrong PIN", ErrorCode::Denied, engine().purchase({ann, {{"cake", 1, "", 0}}, "stored_value", "9", 0, Uuid()})});
    cases.push_back({"unknown reward", ErrorCode::NotFound, engine().redeem({ann, "yacht", 0, "1234", ""})});
    cases.push_back({"insufficient points", ErrorCode::Insufficient, engine().redeem({ann, "cake-r", 0, "1234", ""})});
    cases.push_back({"unknown voucher", ErrorCode::NotFound,
                     engine().purchase({ann, {{"menu", 1, "", 0}}, "cash", "", 99, Uuid()})});
    cases.push_back({"zero item amount", ErrorCode::InvalidArgument,
                     engine().purchase({ann, {{"", 1, "food", 0}}, "cash", "", 0, Uuid()})});
    cases.push_back({"unknown purchase", ErrorCode::NotFound, engine().returnPurchase({ann, 1, Uuid()})});
    cases.push_back({"unknown card", ErrorCode::NotFound,
                     engine().issueCard(ghost, Uuid::generate(), Uuid())});
    for (auto &c : cases) {
        ASSERT_FALSE(c.result.ok()) << c.what;
        EXPECT_EQ(c.result.error().code, c.code) << c.what << ": " << c.result.error().message;
        EXPECT_FALSE(c.result.error().message.empty());
    }
    EXPECT_EQ(engine().ledger().size(), size);
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(EngineTest, PinLockSurvivesReopenAndExpiresAfterThirtyMinutes)
{
    ASSERT_TRUE(engine().topUp({ann, 10000, "cash", Uuid()}).ok());
    const PurchaseRequest wrong{ann, {{"cake", 1, "", 0}}, "stored_value", "0000", 0, Uuid()};
    PurchaseRequest right = wrong;
    right.pin = "1234";
    for (int i = 1; i <= 4; ++i) {
        auto r = engine().purchase(wrong);
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.error().message.find(std::to_string(5 - i) + " attempts left"), std::string::npos) << r.error().message;
    }
    auto fifth = engine().purchase(wrong);
    ASSERT_FALSE(fifth.ok());
    EXPECT_NE(fifth.error().message.find("locked for 30 minutes"), std::string::npos);
    // Reopen: the counter is not in memory only.
    const auto dir = tmp.path() / "data";
    t.engine.reset();
    auto reopened = Engine::open(dir, policy, t.clock);
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    t.engine = std::move(*reopened);
    auto locked = engine().purchase(right);
    ASSERT_FALSE(locked.ok());
    EXPECT_EQ(locked.error().code, ErrorCode::Denied);
    EXPECT_NE(locked.error().message.find("PIN locked"), std::string::npos);
    t.clock->advance(30 * 60'000);
    EXPECT_TRUE(engine().purchase(right).ok());
}

TEST_F(EngineTest, HqOffersShareTheOfferTypeAndAreRankedWithKioskOffers)
{
    Offer hq;
    hq.id = "vip-dinner";
    hq.source = "hq";
    hq.title = "VIP dinner";
    hq.reason = "Frequent, high spend: a dinner voucher";
    hq.priority = 90;
    hq.grant = Offer::Grant::Voucher;
    hq.voucherValue = 2500;
    hq.voucherMinSpend = 10000;
    hq.voucherExpiresMs = t.clock->nowMs() + 86'400'000;
    const std::vector<Offer> feed = {hq};
    auto offers = engine().offers(ann, feed);
    ASSERT_TRUE(offers.ok());
    ASSERT_FALSE(offers->empty());
    EXPECT_EQ(offers->front().id, "vip-dinner"); // 90 beats the welcome offer's 50
    auto accepted = engine().acceptOffer(ann, "vip-dinner", feed);
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    auto view = engine().member(ann);
    ASSERT_EQ(view->vouchers.size(), 1u);
    EXPECT_EQ(view->vouchers[0].value, 2500);
    EXPECT_EQ(view->vouchers[0].source, "offer:vip-dinner");
    EXPECT_FALSE(engine().acceptOffer(ann, "vip-dinner", feed).ok()); // per-member limit 1
}

TEST_F(EngineTest, BatchCommitsManyActionsAndAFailedOneLeavesTheRest)
{
    const uint64_t before = engine().ledger().size();
    ASSERT_TRUE(engine().beginBatch().ok());
    ASSERT_TRUE(engine().topUp({ann, 1000, "cash", Uuid()}).ok());
    EXPECT_FALSE(engine().topUp({ann, 0, "cash", Uuid()}).ok());
    EXPECT_FALSE(engine().purchase({ann, {{"wine", 1, "", 0}}, "stored_value", "1234", 0, Uuid()}).ok());
    ASSERT_TRUE(engine().topUp({ann, 2000, "cash", Uuid()}).ok());
    ASSERT_TRUE(engine().commitBatch().ok());
    EXPECT_EQ(engine().ledger().size(), before + 2);
    EXPECT_EQ(engine().ledger().balance(ann).deposit, 3000);
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(EngineTest, ProjectionsRebuildFromTheLedgerAlone)
{
    ASSERT_TRUE(engine().purchase({ann, {{"", 1, "food", 150000}}, "cash", "", 0, Uuid()}).ok());
    ASSERT_TRUE(engine().redeem({ann, "cake-r", 0, "1234", ""}).ok());
    const auto dir = tmp.path() / "data";
    t.engine.reset();
    // Reading the data dir with the engine's projections alone (no engine) verifies too.
    auto dd = DataDir::open(dir, Engine::projections());
    ASSERT_TRUE(dd.ok()) << dd.error().message;
    const VerifyReport report = (*dd)->ledger().verify();
    EXPECT_TRUE(report.ok) << report.problem;
}

} // namespace
} // namespace tapledger::test
