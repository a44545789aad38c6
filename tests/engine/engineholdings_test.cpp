// Vouchers and point batches in HQ's member snapshot, as the kiosk adopts them
// (docs/sync-protocol.md, "Vouchers and point batches in the snapshot").
#include "core/engine/memberholdings.h"
#include "enginetestsupport.h"

#include <nlohmann/json.hpp>

#include <climits>
#include <map>
#include <vector>

using namespace tapledger;
using namespace tapledger::test;

namespace {
constexpr int64_t kDay = 86'400'000;

class EngineHoldings : public EngineFixture
{
protected:
    std::string own() { return engine().ledger().kioskId(); }

    std::string annPinHash()
    {
        auto first = engine().ledger().entry(1);
        EXPECT_TRUE(first.ok());
        return nlohmann::json::parse(first->entry.extra).at("pin").get<std::string>();
    }

    /// ann's snapshot: balances, HQ's holdings and what HQ merged of this kiosk (@p mergedUpTo).
    /// The lists are vectors: a braced `{voucher(...)}` passed as nlohmann::json is an array with
    /// gcc but a copy of the one object with clang.
    nlohmann::json snapshot(int64_t deposit, std::vector<nlohmann::json> vouchers, std::vector<nlohmann::json> batches,
                            uint64_t mergedUpTo)
    {
        int64_t points = 0;
        for (const auto &b : batches)
            points += b.at("remaining").get<int64_t>();
        return {{"member", ann.toString()}, {"handle", "ann"}, {"name", "Ann"}, {"birthday", ""},
                {"pin", annPinHash()}, {"phone", ""}, {"consent", false}, {"tier", ""}, {"currency", "EUR"},
                {"deposit", deposit}, {"bonus", 0}, {"points", points}, {"debt", 0}, {"points_debt", 0},
                {"cards", nlohmann::json::array({{{"card", annCard.toString()}, {"status", "active"}, {"counter", 1}}})},
                {"sources", {{own(), mergedUpTo}, {"lobby-1", 20}}},
                {"vouchers", std::move(vouchers)}, {"batches", std::move(batches)}, {"batch_debt", 0}};
    }

    static nlohmann::json voucher(const std::string &ref, int64_t value, int64_t expiresMs)
    {
        return {{"ref", ref}, {"source", "v-spend100"}, {"value", value}, {"min_spend", 0},
                {"issued_ms", kJan2026}, {"expires_ms", expiresMs}, {"purchase", ""}};
    }

    static nlohmann::json batch(const std::string &ref, int64_t remaining, int64_t expiresMs)
    {
        return {{"ref", ref}, {"earned_ms", kJan2026}, {"expires_ms", expiresMs}, {"initial", remaining},
                {"remaining", remaining}, {"purchase", ""}};
    }

    void adopt(const nlohmann::json &body)
    {
        HqFeedItem i;
        i.seq = ++feed;
        i.type = "member";
        i.body = body.dump();
        i.signature.fill(0xab);
        auto r = engine().applyHqFeed(std::vector{i}, i.seq);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }

    uint64_t adoptedVoucher()
    {
        auto view = engine().member(ann);
        EXPECT_TRUE(view.ok());
        for (const auto &v : view->vouchers) {
            if (v.id >= 1'000'000'000'000)
                return v.id;
        }
        ADD_FAILURE() << "no adopted voucher";
        return 0;
    }

    Result<Receipt> buy(uint64_t voucherId)
    {
        return engine().purchase({ann, {{"menu", 1, "", 0}}, "cash", "", voucherId, Uuid()});
    }

    uint64_t feed = 0;
};
} // namespace

TEST_F(EngineHoldings, VoucherIssuedElsewhereIsUsableOnceAndNamedFleetWide)
{
    adopt(snapshot(0, {voucher("entry:lobby-1:17", 500, kJan2026 + 30 * kDay)}, {},
                   engine().ledger().size()));
    const uint64_t id = adoptedVoucher();
    auto view = engine().member(ann);
    ASSERT_EQ(view->vouchers.back().id, id);
    EXPECT_EQ(view->vouchers.back().status, "open");
    EXPECT_EQ(view->vouchers.back().value, 500);

    auto used = buy(id);
    ASSERT_TRUE(used.ok()) << used.error().message;
    bool sawUse = false;
    for (uint64_t seq : used->seqs) {
        auto e = engine().ledger().entry(seq);
        if (e->entry.kind == EntryKind::VoucherUse) {
            sawUse = true;
            // The issuing rule's tag (its id from the adopted voucher, the version in force here),
            // then the voucher's fleet ref: HQ finds the voucher by it.
            ASSERT_GE(e->entry.refs.size(), 2u);
            EXPECT_EQ(e->entry.refs[0], "rule:v-spend100@1");
            EXPECT_EQ(e->entry.refs[1], "entry:lobby-1:17");
        }
    }
    EXPECT_TRUE(sawUse);
    auto again = buy(id);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().reason, ErrorReason::VoucherUsed);
    const auto report = engine().ledger().verify();
    EXPECT_TRUE(report.ok) << report.problem;
}

TEST_F(EngineHoldings, VoucherGoneFromTheSnapshotWasUsedElsewhere)
{
    const uint64_t merged = engine().ledger().size();
    adopt(snapshot(0, {voucher("entry:lobby-1:17", 500, kJan2026 + 30 * kDay)}, {}, merged));
    const uint64_t id = adoptedVoucher();
    adopt(snapshot(0, {}, {}, merged));
    auto refused = buy(id);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().reason, ErrorReason::VoucherUsed);
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(EngineHoldings, VoucherTheSnapshotNamesExpiredShowsExpired)
{
    const uint64_t merged = engine().ledger().size();
    adopt(snapshot(0, {voucher("entry:lobby-1:17", 500, kJan2026 + 30 * kDay),
                       voucher("entry:lobby-1:18", 700, kJan2026 + 30 * kDay)},
                   {}, merged));
    auto body = snapshot(0, {}, {}, merged);
    // Only the first expired (or went void with a return) at another kiosk; the second was used.
    body["expired_vouchers"] = nlohmann::json::array({"entry:lobby-1:9", "entry:lobby-1:17"});
    adopt(body);
    auto view = engine().member(ann);
    ASSERT_TRUE(view.ok()) << view.error().message;
    std::map<int64_t, std::string> status;
    for (const auto &v : view->vouchers)
        status[v.value] = v.status;
    EXPECT_EQ(status[500], "expired");
    EXPECT_EQ(status[700], "used");
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(EngineHoldings, SnapshotWithMalformedExpiredVouchersIsRefused)
{
    for (const nlohmann::json &bad : {nlohmann::json("entry:lobby-1:17"), nlohmann::json::array({17}),
                                      nlohmann::json::array({"voucher 17"})}) {
        auto body = snapshot(0, {}, {}, engine().ledger().size());
        body["expired_vouchers"] = bad;
        HqFeedItem i;
        i.seq = ++feed;
        i.type = "member";
        i.body = body.dump();
        const uint64_t size = engine().ledger().size();
        auto r = engine().applyHqFeed(std::vector{i}, i.seq);
        ASSERT_FALSE(r.ok()) << bad.dump();
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
        EXPECT_NE(r.error().message.find("expired_vouchers"), std::string::npos) << r.error().message;
        EXPECT_EQ(engine().ledger().size(), size);
    }
}

TEST_F(EngineHoldings, PointsEarnedElsewhereExpireHereOnSchedule)
{
    adopt(snapshot(0, {},
                   {batch("entry:lobby-1:12", 40, kJan2026 + 10 * kDay), batch("entry:hq:3", 5, INT64_MAX)},
                   engine().ledger().size()));
    auto view = engine().member(ann);
    EXPECT_EQ(view->points, 45);
    ASSERT_EQ(view->expiries.size(), 1u); // the batch without expiry is not an upcoming expiry
    EXPECT_EQ(view->expiries[0].points, 40);
    EXPECT_EQ(view->expiries[0].expiresMs, kJan2026 + 10 * kDay);

    t.clock->advance(11 * kDay);
    auto expired = engine().expireDue();
    ASSERT_TRUE(expired.ok()) << expired.error().message;
    ASSERT_EQ(expired->seqs.size(), 1u);
    auto e = engine().ledger().entry(expired->seqs[0]);
    EXPECT_EQ(e->entry.kind, EntryKind::PointsExpire);
    EXPECT_EQ(e->entry.pointsDelta, -40);
    EXPECT_EQ(e->entry.refs, (std::vector<std::string>{"rule:points.expiry@2", "entry:lobby-1:12"}));
    EXPECT_EQ(engine().member(ann)->points, 5);
    const auto report = engine().ledger().verify();
    EXPECT_TRUE(report.ok) << report.problem;
}

TEST_F(EngineHoldings, OwnEntriesHqHasNotMergedAreReplayedOverTheSnapshot)
{
    const uint64_t merged = engine().ledger().size();
    adopt(snapshot(0, {voucher("entry:lobby-1:17", 500, kJan2026 + 30 * kDay)},
                   {batch("entry:lobby-1:12", 40, kJan2026 + 10 * kDay)}, merged));
    const uint64_t id = adoptedVoucher();
    auto bought = buy(id); // uses the voucher and earns points: not merged by HQ yet
    ASSERT_TRUE(bought.ok()) << bought.error().message;
    const int64_t points = engine().member(ann)->points;
    ASSERT_GT(points, 40);
    // HQ's next snapshot (another kiosk's change to the profile, say) still predates the purchase.
    adopt(snapshot(0, {voucher("entry:lobby-1:17", 500, kJan2026 + 30 * kDay)},
                   {batch("entry:lobby-1:12", 40, kJan2026 + 10 * kDay)}, merged));
    auto view = engine().member(ann);
    EXPECT_EQ(view->points, points);
    for (const auto &v : view->vouchers) {
        if (v.id == id) {
            EXPECT_EQ(v.status, "used"); // the unmerged use is replayed over HQ's "open"
        }
    }
    int64_t inBatches = 0;
    for (const auto &x : view->expiries)
        inBatches += x.points;
    EXPECT_EQ(inBatches, points);
    const auto report = engine().ledger().verify();
    EXPECT_TRUE(report.ok) << report.problem;
}

TEST_F(EngineHoldings, SnapshotWhoseBatchesDoNotAddUpIsRefused)
{
    auto body = snapshot(0, {}, {batch("entry:lobby-1:12", 40, kJan2026 + kDay)},
                         engine().ledger().size());
    body["points"] = 41;
    HqFeedItem i;
    i.seq = 1;
    i.type = "member";
    i.body = body.dump();
    const uint64_t size = engine().ledger().size();
    auto r = engine().applyHqFeed(std::vector{i}, 1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(r.error().message.find("do not add up"), std::string::npos) << r.error().message;
    EXPECT_EQ(engine().ledger().size(), size);
}

TEST(MemberHoldings, ReplaysChainsByFleetReferences)
{
    // Two kiosks' entries about one member, as HQ merges them: A issues a voucher and earns a
    // batch, B uses the voucher and expires the batch, then A does both again.
    const Uuid m = Uuid::generate();
    const auto entry = [&](const std::string &chain, uint64_t seq, EntryKind kind, int64_t points,
                           const nlohmann::json &x, std::vector<std::string> refs) {
        LedgerEntry e;
        e.kioskId = chain;
        e.seq = seq;
        e.kind = kind;
        e.member = m;
        e.pointsDelta = points;
        e.timeMs = kJan2026;
        e.extra = x.dump();
        e.refs = std::move(refs);
        return e;
    };
    auto h = MemberHoldings::create(m);
    ASSERT_TRUE(h.ok());
    const std::vector<std::pair<LedgerEntry, HoldingsStep>> steps = {
        {entry("A", 5, EntryKind::Pay, 0, nlohmann::json::object(), {}), {}},
        {entry("A", 6, EntryKind::Earn, 30, {{"purchase", 5}, {"expires_ms", kJan2026 + kDay}}, {"entry:A:5"}), {}},
        {entry("A", 7, EntryKind::VoucherIssue, 0,
               {{"purchase", 5}, {"value", 500}, {"min_spend", 0}, {"expires_ms", kJan2026 + kDay}, {"rule", "v"}},
               {"entry:A:5"}),
         {}},
        {entry("B", 9, EntryKind::VoucherUse, 0, {{"voucher", 1'000'000'000'001}, {"value", 500}, {"purchase", 8}},
               {"entry:A:7", "entry:B:8"}),
         {}},
        {entry("B", 10, EntryKind::PointsExpire, -30, {{"batch", 1'000'000'000'001}}, {"entry:A:6"}), {}},
        {entry("A", 11, EntryKind::VoucherUse, 0, {{"voucher", 7}, {"value", 500}, {"purchase", 10}},
               {"entry:A:7", "entry:A:10"}),
         {true, 500, 0}},
        {entry("A", 12, EntryKind::PointsExpire, -30, {{"batch", 6}}, {"entry:A:6"}), {false, 0, 30}},
    };
    for (const auto &[e, want] : steps) {
        auto step = h->apply(e);
        ASSERT_TRUE(step.ok()) << step.error().message;
        EXPECT_EQ(step->voucherNotOpen, want.voucherNotOpen) << e.kioskId << " " << e.seq;
        EXPECT_EQ(step->voucherValue, want.voucherValue) << e.kioskId << " " << e.seq;
        EXPECT_EQ(step->expiredTwice, want.expiredTwice) << e.kioskId << " " << e.seq;
        if (e.seq == 7) {
            auto v = h->vouchers();
            ASSERT_EQ(v->size(), 1u);
            EXPECT_EQ((*v)[0].ref, "entry:A:7");
            EXPECT_EQ((*v)[0].purchase, "entry:A:5");
            auto b = h->batches();
            ASSERT_EQ(b->size(), 1u);
            EXPECT_EQ((*b)[0].ref, "entry:A:6");
            EXPECT_EQ((*b)[0].remaining, 30);
        }
    }
    EXPECT_TRUE(h->vouchers()->empty());
    EXPECT_TRUE(h->batches()->empty());
    EXPECT_EQ(*h->batchDebt(), 0); // the second expiry took nothing: HQ gives those points back
}
