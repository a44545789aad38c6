// The parts of HQ's feed beyond members, deny-list and kiosk keys (docs/sync-protocol.md):
// `policy` items (adoption, refusal, the switch at effective_ms) and `stock` items (the fleet's
// remaining reward stock minus this kiosk's redemptions HQ has not counted).
#include "enginetestsupport.h"

#include "core/engine/hqoffers.h"
#include "core/engine/policyparser.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <fstream>
#include <functional>
#include <sstream>

using namespace tapledger;
using namespace tapledger::test;

namespace {
constexpr int64_t kHourMs = 3600'000;

class EngineFeed : public EngineFixture
{
protected:
    /// base.policy.json as JSON (test-bistro@2, EUR, Europe/Paris, cake-r costs 100 points).
    static nlohmann::json basePolicy()
    {
        std::ifstream in(dataPath("engine/policies/base.policy.json"));
        std::stringstream ss;
        ss << in.rdbuf();
        return nlohmann::json::parse(ss.str());
    }
    /// basePolicy() at @p version with cake-r costing @p cakePoints.
    static nlohmann::json policyVersion(int64_t version, int64_t cakePoints)
    {
        auto p = basePolicy();
        p["version"] = version;
        for (auto &r : p["rewards"]) {
            if (r["id"] == "cake-r")
                r["points"] = cakePoints;
        }
        return p;
    }
    HqFeedItem policyItem(uint64_t seq, const nlohmann::json &file, int64_t effectiveMs)
    {
        HqFeedItem i;
        i.seq = seq;
        i.type = "policy";
        i.body = nlohmann::json{{"policy_id", file.value("id", "")},
                                {"version", file.value("version", 0)},
                                {"effective_ms", effectiveMs},
                                {"policy", file}}
                     .dump();
        i.signature.fill(0xcd);
        return i;
    }
    Result<HqSyncOutcome> apply(const HqFeedItem &item) { return engine().applyHqFeed(std::vector{item}, item.seq); }

    /// Points a cake-r redemption by ann costs now (redeemed, then read off the entry).
    int64_t redeemCake()
    {
        auto r = engine().redeem({ann, "cake-r", 0, "1234", "", annCard});
        EXPECT_TRUE(r.ok()) << r.error().message;
        if (!r)
            return 0;
        return -engine().ledger().entry(r->mainSeq)->entry.pointsDelta;
    }

    void SetUp() override
    {
        EngineFixture::SetUp();
        ASSERT_TRUE(engine().adjustPoints({ann, 500, "welcome gift", supervisor, Card::Role::Supervisor}).ok());
    }
};
} // namespace

TEST_F(EngineFeed, PolicySwitchesAtItsEffectiveMoment)
{
    const int64_t t0 = t.clock->nowMs(), at = t0 + 2 * kHourMs;
    auto r = apply(policyItem(7, policyVersion(3, 150), at));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->applied, 1u);
    EXPECT_TRUE(r->refused.empty());
    EXPECT_EQ(engine().policy().version, 2); // adopted, not yet in force
    EXPECT_EQ(redeemCake(), 100);            // priced by the old policy

    t.clock->set(at - 1);
    EXPECT_EQ(engine().policy().version, 2);
    t.clock->set(at);
    EXPECT_EQ(redeemCake(), 150); // the first operation at the moment runs under the new one
    EXPECT_EQ(engine().policy().version, 3);
    t.clock->set(at + kHourMs);
    EXPECT_EQ(engine().policy().version, 3);

    auto recorded = engine().hqPolicies();
    ASSERT_TRUE(recorded.ok());
    ASSERT_EQ(recorded->size(), 1u);
    EXPECT_EQ((*recorded)[0].status, "adopted");
    EXPECT_EQ((*recorded)[0].version, 3);
    EXPECT_EQ((*recorded)[0].effectiveMs, at);
    const auto e = engine().ledger().entry((*recorded)[0].seq);
    EXPECT_EQ(e->entry.kind, EntryKind::HqSync);
    EXPECT_EQ(e->entry.pointsDelta, 0);
    EXPECT_EQ(e->entry.refs, std::vector<std::string>{"hq:feed:7"});
    EXPECT_TRUE(engine().ledger().verify().ok) << engine().ledger().verify().problem;
}

TEST_F(EngineFeed, PolicyEffectiveInThePastAppliesAtOnce)
{
    ASSERT_TRUE(apply(policyItem(1, policyVersion(3, 120), t.clock->nowMs() - 24 * kHourMs)).ok());
    EXPECT_EQ(engine().policy().version, 3);
    EXPECT_EQ(redeemCake(), 120);
}

TEST_F(EngineFeed, OlderVersionNeverReplacesNewer)
{
    const int64_t t0 = t.clock->nowMs();
    // v4 comes into force before v3 would: v3 is then never used.
    const std::vector<HqFeedItem> page = {policyItem(1, policyVersion(3, 130), t0 + 2 * kHourMs),
                                          policyItem(2, policyVersion(4, 140), t0 + kHourMs)};
    ASSERT_TRUE(engine().applyHqFeed(page, 2).ok());
    t.clock->set(t0 + kHourMs);
    EXPECT_EQ(engine().policy().version, 4);
    t.clock->set(t0 + 3 * kHourMs);
    EXPECT_EQ(engine().policy().version, 4);
    EXPECT_EQ(redeemCake(), 140);
    // A later page bringing an older version records it as refused.
    auto r = apply(policyItem(3, policyVersion(3, 130), t0));
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->refused.size(), 1u);
    EXPECT_NE(r->refused[0].find("not above version 4"), std::string::npos) << r->refused[0];
    EXPECT_EQ(engine().policy().version, 4);
}

TEST_F(EngineFeed, ForeignPoliciesAreRecordedAsRefusedWithTheReason)
{
    auto otherId = policyVersion(3, 100);
    otherId["id"] = "other-bistro";
    auto otherCurrency = policyVersion(3, 100);
    otherCurrency["currency"] = "CHF";
    auto otherZone = policyVersion(3, 100);
    otherZone["timezone"] = "Asia/Shanghai";
    auto broken = policyVersion(3, 100);
    broken["rewards"][0]["points"] = -5;
    auto sameVersion = policyVersion(2, 100);
    HqFeedItem mislabelled = policyItem(6, policyVersion(3, 100), 0);
    {
        auto body = nlohmann::json::parse(mislabelled.body);
        body["version"] = 9;
        mislabelled.body = body.dump();
    }
    const struct
    {
        std::string what;
        HqFeedItem item;
        std::string reason;
    } cases[] = {
        {"another program", policyItem(1, otherId, 0), "another program"},
        {"another currency", policyItem(2, otherCurrency, 0), "is in CHF"},
        {"another time zone", policyItem(3, otherZone, 0), "time zone Asia/Shanghai"},
        {"does not parse", policyItem(4, broken, 0), "policy: "},
        {"the version in force", policyItem(5, sameVersion, 0), "not above version 2"},
        {"body and policy disagree", mislabelled, "announces policy test-bistro@9"},
    };
    for (const auto &c : cases) {
        const uint64_t size = engine().ledger().size();
        auto r = apply(c.item);
        ASSERT_TRUE(r.ok()) << c.what << ": " << r.error().message;
        ASSERT_EQ(r->refused.size(), 1u) << c.what;
        EXPECT_NE(r->refused[0].find(c.reason), std::string::npos) << c.what << ": " << r->refused[0];
        EXPECT_EQ(engine().ledger().size(), size + 1) << c.what << ": recorded as one hq_sync entry";
        EXPECT_EQ(engine().hqFeedCursor(), c.item.seq) << c.what << ": the cursor moves past it";
        EXPECT_EQ(engine().policy().version, 2) << c.what;
        EXPECT_EQ(engine().policy().currency, "EUR") << c.what;
        auto recorded = engine().hqPolicies();
        ASSERT_TRUE(recorded.ok());
        EXPECT_EQ(recorded->back().status, "refused") << c.what;
        EXPECT_EQ("feed item " + std::to_string(c.item.seq) + ": " + recorded->back().reason, r->refused[0]);
    }
    EXPECT_EQ(redeemCake(), 100);
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(EngineFeed, MalformedPolicyItemIsRefusedAndNothingWritten)
{
    const auto withBody = [](uint64_t seq, nlohmann::json body) {
        HqFeedItem i;
        i.seq = seq;
        i.type = "policy";
        i.body = body.dump();
        return i;
    };
    const auto p = policyVersion(3, 100);
    const std::vector<HqFeedItem> bad = {
        withBody(1, {{"version", 3}, {"effective_ms", 0}, {"policy", p}}),
        withBody(1, {{"policy_id", "test-bistro"}, {"effective_ms", 0}, {"policy", p}}),
        withBody(1, {{"policy_id", "test-bistro"}, {"version", 3}, {"policy", p}}),
        withBody(1, {{"policy_id", "test-bistro"}, {"version", 3}, {"effective_ms", 0}, {"policy", "x"}}),
    };
    std::vector<ErrorCase> cases;
    for (size_t i = 0; i < bad.size(); ++i)
        cases.push_back({"malformed policy body " + std::to_string(i), ErrorCode::InvalidArgument,
                         [&, i] { return outcome(apply(bad[i])); }});
    expectRefusedAndNothingWritten(engine(), cases);
    EXPECT_EQ(engine().hqFeedCursor(), 0u);
}

TEST_F(EngineFeed, ReopenedEngineStartsWithTheNewestPolicyInForce)
{
    const int64_t t0 = t.clock->nowMs();
    const std::vector<HqFeedItem> page = {policyItem(1, policyVersion(3, 130), t0 - kHourMs),
                                          policyItem(2, policyVersion(4, 140), t0 + kHourMs)};
    ASSERT_TRUE(engine().applyHqFeed(page, 2).ok());
    const auto dir = tmp.path() / "data";
    t.engine.reset();
    // Opened with the kiosk's file policy (v2): v3 is in force, v4 waits for its moment.
    auto reopened = Engine::open(dir, policy, t.clock);
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    t.engine = std::move(*reopened);
    EXPECT_EQ(engine().policy().version, 3);
    EXPECT_EQ(redeemCake(), 130);
    t.clock->set(t0 + kHourMs);
    EXPECT_EQ(redeemCake(), 140);
}

TEST_F(EngineFeed, RolledBackBatchForgetsThePolicyItAdopted)
{
    ASSERT_TRUE(engine().beginBatch().ok());
    ASSERT_TRUE(apply(policyItem(1, policyVersion(3, 120), t.clock->nowMs())).ok());
    EXPECT_EQ(engine().policy().version, 3);
    engine().rollbackBatch();
    EXPECT_EQ(engine().policy().version, 2);
    EXPECT_EQ(engine().hqFeedCursor(), 0u);
    EXPECT_EQ(redeemCake(), 100);
}

namespace {
HqFeedItem stockItem(uint64_t seq, const std::string &reward, int64_t remaining, nlohmann::json sources)
{
    HqFeedItem i;
    i.seq = seq;
    i.type = "stock";
    i.body = nlohmann::json{{"reward", reward}, {"stock", 3}, {"redeemed", 3 - remaining}, {"remaining", remaining},
                            {"sources", std::move(sources)}}
                 .dump();
    i.signature.fill(0xef);
    return i;
}
} // namespace

TEST_F(EngineFeed, WithoutHqCountTheKioskCountsItsOwnRedemptions)
{
    EXPECT_EQ(*engine().rewardStockLeft("cake-r"), std::optional<int64_t>(3));
    EXPECT_EQ(*engine().rewardStockLeft("tea"), std::nullopt);
    EXPECT_EQ(engine().rewardStockLeft("no-such").error().code, ErrorCode::NotFound);
    redeemCake();
    EXPECT_EQ(*engine().rewardStockLeft("cake-r"), std::optional<int64_t>(2));
}

TEST_F(EngineFeed, HqStockMinusOwnRedemptionsSinceItsCount)
{
    redeemCake(); // counted by HQ: the item's sources name this kiosk's seq of it
    const int64_t counted = static_cast<int64_t>(engine().ledger().size());
    ASSERT_TRUE(apply(stockItem(1, "cake-r", 1, {{"test-kiosk", counted}, {"bar-2", 17}})).ok());
    EXPECT_EQ(*engine().rewardStockLeft("cake-r"), std::optional<int64_t>(1));
    const Uuid bo = enrol("bo", "Bo");
    ASSERT_TRUE(engine().adjustPoints({bo, 500, "welcome gift", supervisor, Card::Role::Supervisor}).ok());
    ASSERT_TRUE(engine().redeem({bo, "cake-r", 0, "1234", ""}).ok()); // not counted by HQ yet
    EXPECT_EQ(*engine().rewardStockLeft("cake-r"), std::optional<int64_t>(0));
    expectRefusedAndNothingWritten(
        engine(), {{"the last one went here", ErrorCode::Insufficient,
                    [&] { return outcome(engine().redeem({bo, "cake-r", 0, "1234", ""})); }}});
    auto refused = engine().redeem({ann, "cake-r", 0, "1234", "", annCard});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().reason, ErrorReason::OutOfStock);
    EXPECT_NE(refused.error().message.find("out of stock"), std::string::npos) << refused.error().message;
}

TEST_F(EngineFeed, HqCountOfZeroRefusesAtOnceAndANewCountReopens)
{
    ASSERT_TRUE(apply(stockItem(1, "cake-r", 0, {{"bar-2", 17}})).ok());
    EXPECT_EQ(*engine().rewardStockLeft("cake-r"), std::optional<int64_t>(0));
    auto r = engine().redeem({ann, "cake-r", 0, "1234", "", annCard});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, ErrorReason::OutOfStock);
    // A redemption elsewhere was returned to stock (or the policy raised it): HQ's next count wins.
    ASSERT_TRUE(apply(stockItem(2, "cake-r", 2, {{"bar-2", 18}})).ok());
    EXPECT_EQ(redeemCake(), 100);
    EXPECT_EQ(*engine().rewardStockLeft("cake-r"), std::optional<int64_t>(1));
}

TEST_F(EngineFeed, MalformedStockItemIsRefusedAndNothingWritten)
{
    const auto withBody = [](nlohmann::json body) {
        HqFeedItem i;
        i.seq = 1;
        i.type = "stock";
        i.body = body.dump();
        return i;
    };
    const std::vector<HqFeedItem> bad = {withBody({{"remaining", 1}}), withBody({{"reward", "cake-r"}}),
                                         withBody({{"reward", "cake-r"}, {"remaining", "1"}})};
    std::vector<ErrorCase> cases;
    for (size_t i = 0; i < bad.size(); ++i)
        cases.push_back({"malformed stock body " + std::to_string(i), ErrorCode::InvalidArgument,
                         [&, i] { return outcome(apply(bad[i])); }});
    expectRefusedAndNothingWritten(engine(), cases);
}

namespace {
/// An HQ offer as the CRM would rank it (HqOffers reads it back the same).
Offer hqVoucherOffer(const std::string &id, int64_t priority, int64_t value, int64_t fromMs, int64_t untilMs)
{
    Offer o;
    o.id = id;
    o.source = "hq";
    o.title = "We miss you";
    o.reason = "No visit for 45 days: " + std::to_string(value / 100) + " off";
    o.priority = priority;
    o.validFromMs = fromMs;
    o.validUntilMs = untilMs;
    o.grant = Offer::Grant::Voucher;
    o.voucherValue = value;
    o.voucherMinSpend = 5000;
    o.voucherExpiresMs = untilMs;
    o.perMemberLimit = 1;
    return o;
}

HqFeedItem offersItem(uint64_t seq, const Uuid &member, const std::vector<Offer> &offers)
{
    HqFeedItem i;
    i.seq = seq;
    i.type = "offers";
    i.body = nlohmann::json{{"member", member.toString()}, {"offers", nlohmann::json::parse(HqOffers::toJson(offers))}}
                 .dump();
    i.signature.fill(0x12);
    return i;
}
} // namespace

TEST_F(EngineFeed, HqOffersReadBackAsWritten)
{
    Offer points = hqVoucherOffer("dessert", 40, 0, 0, INT64_MAX);
    points.grant = Offer::Grant::Points;
    points.points = 30;
    points.voucherValue = points.voucherMinSpend = 0;
    points.voucherExpiresMs = INT64_MAX;
    points.perMemberLimit = 0;
    points.translations = {{"zh_CN", {{"We miss you", "好久不见"}}}};
    const std::vector<Offer> offers = {hqVoucherOffer("winback-7", 70, 1000, 5, 99), points};
    auto back = HqOffers::parse(HqOffers::toJson(offers));
    ASSERT_TRUE(back.ok()) << back.error().message;
    ASSERT_EQ(back->size(), 2u);
    EXPECT_EQ(HqOffers::toJson(*back), HqOffers::toJson(offers));
    EXPECT_EQ((*back)[0].source, "hq");
    EXPECT_EQ((*back)[1].translations.at("zh_CN").at("We miss you"), "好久不见");
}

TEST_F(EngineFeed, BadHqOffersAreRefusedWithTheFieldPath)
{
    auto good = nlohmann::json::parse(HqOffers::toJson(std::vector{hqVoucherOffer("winback-7", 70, 1000, 5, 99)}))[0];
    const auto with = [&](const std::function<void(nlohmann::json &)> &edit) {
        auto o = good;
        edit(o);
        return nlohmann::json::array({o}).dump();
    };
    const struct
    {
        std::string what, json, field;
    } cases[] = {
        {"not an array", "{}", "not a JSON array"},
        {"bad id", with([](auto &o) { o["id"] = "Win Back"; }), "offers[0].id"},
        {"empty title", with([](auto &o) { o["title"] = ""; }), "offers[0].title"},
        {"two-line reason", with([](auto &o) { o["reason"] = "a\nb"; }), "offers[0].reason"},
        {"ends before it starts", with([](auto &o) { o["valid_until_ms"] = 1; }), "offers[0].valid_until_ms"},
        {"negative limit", with([](auto &o) { o["per_member_limit"] = -1; }), "offers[0].per_member_limit"},
        {"unknown grant", with([](auto &o) { o["grant"] = {{"type", "cash"}}; }), "offers[0].grant.type"},
        {"voucher of 0", with([](auto &o) { o["grant"]["value"] = 0; }), "offers[0].grant.value"},
        {"money as a fraction", with([](auto &o) { o["grant"]["value"] = 10.5; }), "offers[0].grant.value"},
        {"unknown field", with([](auto &o) { o["colour"] = "red"; }), "colour"},
        {"foreign translation", with([](auto &o) { o["translations"] = {{"zh_CN", {{"Hello", "你好"}}}}; }),
         "offers[0].translations"},
        {"twice the same id", nlohmann::json::array({good, good}).dump(), "appears twice"},
    };
    for (const auto &c : cases) {
        auto r = HqOffers::parse(c.json);
        ASSERT_FALSE(r.ok()) << c.what;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument) << c.what;
        EXPECT_NE(r.error().message.find(c.field), std::string::npos) << c.what << ": " << r.error().message;
    }
}

TEST_F(EngineFeed, HqOffersShowBesidePolicyOffersWhileValid)
{
    const int64_t now = t.clock->nowMs();
    const std::vector<Offer> offers = {hqVoucherOffer("winback-7", 200, 1000, now - 1, now + 24 * kHourMs),
                                       hqVoucherOffer("later", 150, 500, now + kHourMs, now + 24 * kHourMs)};
    auto r = apply(offersItem(1, ann, offers));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(engine().ledger().entry(engine().ledger().size())->entry.member, ann);
    auto shown = engine().offers(ann);
    ASSERT_TRUE(shown.ok()) << shown.error().message;
    ASSERT_FALSE(shown->empty());
    EXPECT_EQ(shown->front().id, "winback-7"); // ranked first by its priority
    EXPECT_EQ(shown->front().source, "hq");
    EXPECT_EQ(shown->front().reason, "No visit for 45 days: 10 off");
    EXPECT_TRUE(std::any_of(shown->begin(), shown->end(), [](const Offer &o) { return o.source == "kiosk"; }));
    EXPECT_FALSE(std::any_of(shown->begin(), shown->end(), [](const Offer &o) { return o.id == "later"; }));
    // Another member sees none of them.
    const Uuid bo = enrol("bo", "Bo");
    auto others = engine().offers(bo);
    EXPECT_FALSE(std::any_of(others->begin(), others->end(), [](const Offer &o) { return o.source == "hq"; }));

    auto accepted = engine().acceptOffer(ann, "winback-7");
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    const auto e = engine().ledger().entry(accepted->mainSeq)->entry;
    EXPECT_EQ(e.kind, EntryKind::VoucherIssue);
    EXPECT_EQ(e.refs, std::vector<std::string>{"offer:hq:winback-7@1"});
    auto x = nlohmann::json::parse(e.extra);
    EXPECT_EQ(x["value"], 1000);
    EXPECT_EQ(x["source"], "hq");
    // Its limit of 1 is used; "later" appears at its moment.
    EXPECT_EQ(engine().acceptOffer(ann, "winback-7").error().code, ErrorCode::NotFound);
    t.clock->set(now + kHourMs);
    shown = engine().offers(ann);
    EXPECT_TRUE(std::any_of(shown->begin(), shown->end(), [](const Offer &o) { return o.id == "later"; }));
    t.clock->set(now + 25 * kHourMs);
    shown = engine().offers(ann);
    EXPECT_FALSE(std::any_of(shown->begin(), shown->end(), [](const Offer &o) { return o.source == "hq"; }));
}

TEST_F(EngineFeed, NewestOffersItemReplacesAndAnUnreadableOneIsRefused)
{
    const int64_t now = t.clock->nowMs();
    ASSERT_TRUE(apply(offersItem(1, ann, {hqVoucherOffer("first", 200, 1000, 0, now + kHourMs)})).ok());
    ASSERT_TRUE(apply(offersItem(2, ann, {hqVoucherOffer("second", 200, 1000, 0, now + kHourMs)})).ok());
    auto shown = engine().offers(ann);
    EXPECT_FALSE(std::any_of(shown->begin(), shown->end(), [](const Offer &o) { return o.id == "first"; }));
    EXPECT_TRUE(std::any_of(shown->begin(), shown->end(), [](const Offer &o) { return o.id == "second"; }));

    HqFeedItem unreadable = offersItem(3, ann, {});
    unreadable.body = nlohmann::json{{"member", ann.toString()}, {"offers", {{{"id", "x"}}}}}.dump();
    auto r = apply(unreadable);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->refused.size(), 1u);
    EXPECT_NE(r->refused[0].find("offers[0]"), std::string::npos) << r->refused[0];
    shown = engine().offers(ann);
    EXPECT_TRUE(std::any_of(shown->begin(), shown->end(), [](const Offer &o) { return o.id == "second"; }));

    // An empty list withdraws them.
    ASSERT_TRUE(apply(offersItem(4, ann, {})).ok());
    shown = engine().offers(ann);
    EXPECT_FALSE(std::any_of(shown->begin(), shown->end(), [](const Offer &o) { return o.source == "hq"; }));

    std::vector<ErrorCase> cases = {
        {"no member", ErrorCode::InvalidArgument,
         [&] {
             HqFeedItem i = offersItem(5, ann, {});
             i.body = nlohmann::json{{"offers", nlohmann::json::array()}}.dump();
             return outcome(apply(i));
         }},
        {"offers not a list", ErrorCode::InvalidArgument, [&] {
             HqFeedItem i = offersItem(5, ann, {});
             i.body = nlohmann::json{{"member", ann.toString()}, {"offers", "none"}}.dump();
             return outcome(apply(i));
         }}};
    expectRefusedAndNothingWritten(engine(), cases);
}

TEST_F(EngineFeed, AcceptingAnHqOfferOfflineCountsTowardTheCardCaps)
{
    const int64_t now = t.clock->nowMs();
    const std::vector<Offer> offers = {hqVoucherOffer("big", 200, policy.offline.maxValue + 100, 0, now + kHourMs),
                                       hqVoucherOffer("small", 100, 1000, 0, now + kHourMs)};
    ASSERT_TRUE(apply(offersItem(1, ann, offers)).ok());
    engine().setConnectivity(false, now);
    auto big = engine().acceptOffer(ann, "big");
    ASSERT_FALSE(big.ok());
    EXPECT_EQ(big.error().code, ErrorCode::Denied);
    EXPECT_NE(big.error().message.find("offline limit"), std::string::npos) << big.error().message;
    const auto before = engine().offlineAllowance(annCard);
    ASSERT_TRUE(engine().acceptOffer(ann, "small").ok());
    const auto after = engine().offlineAllowance(annCard);
    EXPECT_EQ(after->valueLeft, before->valueLeft - 1000);
    EXPECT_EQ(after->redemptionsLeft, before->redemptionsLeft - 1);
}
