// Vouchers and point batches across kiosks through the real HQ (docs/sync-protocol.md,
// "Vouchers and point batches in the snapshot"): a voucher issued at A is usable at B once
// fleet-wide, a second use is caught at HQ like an overspend, and points earned at A expire at B
// on schedule without being expired twice.
#include "hqtestsupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

namespace tapledger::test {
namespace {

constexpr uint64_t kAdopted = 1'000'000'000'000;

/// The member's vouchers at @p kiosk with @p status.
std::vector<VoucherView> vouchers(TestKiosk &kiosk, const Uuid &member, const std::string &status)
{
    std::vector<VoucherView> out;
    auto view = kiosk.engine().member(member);
    EXPECT_TRUE(view.ok());
    if (view) {
        for (const auto &v : view->vouchers)
            if (v.status == status)
                out.push_back(v);
    }
    return out;
}

/// A purchase of fish (60.00) by ann with her card, paid in cash, using voucher @p voucher; the
/// card's token says @p counter (0 = the kiosk's own count): a card that went from one kiosk to
/// the other carries a higher counter, so two kiosks' uses are no fork.
Result<Receipt> fishWith(TestKiosk &kiosk, const Uuid &member, const Uuid &card, uint64_t voucher, uint32_t counter = 0)
{
    PurchaseRequest p = purchaseOf(member, card, "fish", "cash");
    p.voucher = voucher;
    p.cardCounter = counter;
    return kiosk.engine().purchase(p);
}

class HqHoldings : public ::testing::Test
{
protected:
    void SetUp() override
    {
        hq.start();
        std::tie(ann, annCard) = enrolWithCard(a.engine(), "ann");
        ASSERT_TRUE(a.engine().topUp({ann, 20'000, "cash", Uuid(), annCard}).ok());
    }

    TempDir tmp;
    Policy policy = syncTestPolicy();
    TestHq hq{tmp.path() / "hq"};
    TestKiosk a{tmp.path() / "kiosks", "lobby-1", policy, hq};
    TestKiosk b{tmp.path() / "kiosks", "bar-2", policy, hq};
    Uuid ann, annCard;
};

TEST_F(HqHoldings, VoucherIssuedAtAIsUsedAtBAndThenClosedAtA)
{
    auto wine = a.engine().purchase(purchaseOf(ann, annCard, "wine", "cash")); // 100.00: a 10.00 voucher
    ASSERT_TRUE(wine.ok()) << wine.error().message;
    const auto atA = vouchers(a, ann, "open");
    ASSERT_EQ(atA.size(), 1u);
    const std::string ref = "entry:lobby-1:" + std::to_string(atA[0].id);
    ASSERT_TRUE(a.round().ok());
    ASSERT_TRUE(b.round().ok());

    const auto atB = vouchers(b, ann, "open");
    ASSERT_EQ(atB.size(), 1u) << "B does not know A's voucher";
    EXPECT_GE(atB[0].id, kAdopted);
    EXPECT_EQ(atB[0].value, atA[0].value);
    EXPECT_EQ(atB[0].expiresMs, atA[0].expiresMs);
    auto used = fishWith(b, ann, annCard, atB[0].id);
    ASSERT_TRUE(used.ok()) << used.error().message;

    ASSERT_TRUE(b.round().ok());
    ASSERT_TRUE(a.round().ok()); // A reads the snapshot: the voucher is used
    EXPECT_TRUE(vouchers(a, ann, "open").empty());
    auto again = fishWith(a, ann, annCard, atA[0].id);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().reason, ErrorReason::VoucherUsed);
    EXPECT_EQ(hq.verify(), "");
    const std::string state = hq.masterState();
    EXPECT_TRUE(linesStarting(state, "alert ").empty()) << state;
    EXPECT_TRUE(a.engine().ledger().verify().ok);
    EXPECT_TRUE(b.engine().ledger().verify().ok);
    EXPECT_EQ(used->charged, 6'000 - atB[0].value) << ref;
}

TEST_F(HqHoldings, VoucherThatExpiredAtAShowsExpiredAtBNotUsed)
{
    ASSERT_TRUE(a.engine().purchase(purchaseOf(ann, annCard, "wine", "cash")).ok());
    const auto atA = vouchers(a, ann, "open");
    ASSERT_EQ(atA.size(), 1u);
    ASSERT_TRUE(a.round().ok());
    ASSERT_TRUE(b.round().ok());
    const auto atB = vouchers(b, ann, "open");
    ASSERT_EQ(atB.size(), 1u);

    // Past its expiry A closes it; B learns of it from HQ before its own expiry run.
    const int64_t past = atA[0].expiresMs + 1 - a.clock().nowMs();
    a.clock().advance(past);
    b.clock().advance(past);
    ASSERT_TRUE(a.engine().expireDue().ok());
    EXPECT_EQ(vouchers(a, ann, "expired").size(), 1u);
    ASSERT_TRUE(a.round().ok());
    ASSERT_TRUE(b.round().ok());

    EXPECT_TRUE(vouchers(b, ann, "open").empty());
    EXPECT_TRUE(vouchers(b, ann, "used").empty()) << "B calls a voucher that expired at A used";
    const auto expiredAtB = vouchers(b, ann, "expired");
    ASSERT_EQ(expiredAtB.size(), 1u);
    EXPECT_EQ(expiredAtB[0].id, atB[0].id);
    auto refused = fishWith(b, ann, annCard, atB[0].id);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().reason, ErrorReason::VoucherExpired);
    EXPECT_EQ(hq.verify(), "");
    EXPECT_TRUE(b.engine().ledger().verify().ok);
}

TEST_F(HqHoldings, VoucherUsedAtBothKiosksBeforeEitherSyncsIsDebtAtHq)
{
    ASSERT_TRUE(a.engine().purchase(purchaseOf(ann, annCard, "wine", "cash")).ok());
    ASSERT_TRUE(a.round().ok());
    ASSERT_TRUE(b.round().ok());
    const auto atA = vouchers(a, ann, "open");
    const auto atB = vouchers(b, ann, "open");
    ASSERT_EQ(atA.size(), 1u);
    ASSERT_EQ(atB.size(), 1u);
    // Both kiosks offline from HQ: each takes the voucher once.
    ASSERT_TRUE(fishWith(b, ann, annCard, atB[0].id, 10).ok());
    ASSERT_TRUE(fishWith(a, ann, annCard, atA[0].id, 20).ok());
    ASSERT_TRUE(b.round().ok());
    ASSERT_TRUE(a.round().ok());

    EXPECT_EQ(hq.verify(), "");
    const std::string state = hq.masterState();
    const auto alerts = linesStarting(state, "alert ");
    ASSERT_EQ(alerts.size(), 1u) << state;
    EXPECT_EQ(alerts[0].rfind("alert voucher lobby-1:", 0), 0u) << alerts[0];
    EXPECT_NE(alerts[0].find("used voucher entry:lobby-1:"), std::string::npos) << alerts[0];
    const auto deny = linesStarting(state, "deny ");
    ASSERT_EQ(deny.size(), 1u) << state;
    EXPECT_NE(deny[0].find(annCard.toString() + " " + ann.toString() + " overspend"), std::string::npos) << deny[0];
    // The member had stored value: HQ settles the debt from it at once (deposit 200.00, the
    // voucher's 10.00 taken back; purchases in cash took no stored value).
    const auto balance = linesStarting(state, "balance " + ann.toString());
    ASSERT_EQ(balance.size(), 1u) << state;
    EXPECT_NE(balance[0].find("deposit " + std::to_string(20'000 - atA[0].value) + " "), std::string::npos) << balance[0];
    EXPECT_NE(balance[0].find("debt 0 "), std::string::npos) << balance[0];
    // After their next round both kiosks refuse the card and agree on the balance.
    ASSERT_TRUE(b.round().ok());
    EXPECT_FALSE(b.engine().purchase(purchaseOf(ann, annCard, "cake", "cash")).ok());
    EXPECT_EQ(b.engine().member(ann)->deposit, 20'000 - atA[0].value);
}

TEST_F(HqHoldings, PointsEarnedAtAExpireAtBOnScheduleAndOnlyOnce)
{
    auto wine = a.engine().purchase(purchaseOf(ann, annCard, "wine", "cash"));
    ASSERT_TRUE(wine.ok()) << wine.error().message;
    const auto earned = a.engine().member(ann);
    ASSERT_TRUE(earned.ok());
    ASSERT_FALSE(earned->expiries.empty());
    std::set<std::string> refsAtA;
    int64_t expiresMs = 0;
    for (const ExpiryView &x : earned->expiries) {
        refsAtA.insert("entry:lobby-1:" + std::to_string(x.batch));
        expiresMs = std::max(expiresMs, x.expiresMs);
    }
    ASSERT_GT(earned->points, 0);
    ASSERT_TRUE(a.round().ok());
    ASSERT_TRUE(b.round().ok());

    const auto atB = b.engine().member(ann);
    ASSERT_EQ(atB->points, earned->points);
    ASSERT_EQ(atB->expiries.size(), earned->expiries.size()) << "the batches earned at A have no expiry at B";
    for (size_t i = 0; i < atB->expiries.size(); ++i) {
        EXPECT_EQ(atB->expiries[i].points, earned->expiries[i].points);
        EXPECT_EQ(atB->expiries[i].expiresMs, earned->expiries[i].expiresMs);
        EXPECT_GE(atB->expiries[i].batch, kAdopted);
    }

    // Past the expiry, both kiosks expire the batches before either syncs.
    const int64_t past = expiresMs + 1 - b.clock().nowMs();
    b.clock().advance(past);
    a.clock().advance(past);
    auto atBExpired = b.engine().expireDue();
    ASSERT_TRUE(atBExpired.ok()) << atBExpired.error().message;
    std::set<std::string> refsAtB;
    for (uint64_t seq : atBExpired->seqs) {
        auto e = b.engine().ledger().entry(seq);
        if (e->entry.kind == EntryKind::PointsExpire) {
            // The expiry rule's tag, then the batch it expires.
            ASSERT_EQ(e->entry.refs.size(), 2u);
            EXPECT_EQ(e->entry.refs[0].rfind("rule:points.expiry@", 0), 0u) << e->entry.refs[0];
            refsAtB.insert(e->entry.refs[1]);
        }
    }
    EXPECT_EQ(refsAtB, refsAtA) << "B's expiries name A's batches";
    EXPECT_EQ(b.engine().member(ann)->points, 0);
    ASSERT_TRUE(a.engine().expireDue().ok());
    ASSERT_TRUE(b.round().ok());
    ASSERT_TRUE(a.round().ok());

    EXPECT_EQ(hq.verify(), "");
    const std::string state = hq.masterState();
    const auto balance = linesStarting(state, "balance " + ann.toString());
    ASSERT_EQ(balance.size(), 1u) << state;
    EXPECT_NE(balance[0].find(" points 0 debt 0 points_debt 0"), std::string::npos) << balance[0];
    EXPECT_TRUE(linesStarting(state, "alert ").empty()) << state; // expired twice is not an overspend
    ASSERT_TRUE(b.round().ok());
    EXPECT_EQ(a.engine().member(ann)->points, 0);
    EXPECT_EQ(b.engine().member(ann)->points, 0);
    EXPECT_TRUE(a.engine().ledger().verify().ok);
    EXPECT_TRUE(b.engine().ledger().verify().ok);
}

} // namespace
} // namespace tapledger::test
