// Duplicates and merge of members at HQ (docs/crm.md, "Duplicates and merge"): two real kiosks
// enrol the same person, sync to a real HQ store over mutual TLS, HQ finds the pair and merges it
// through its own ledger; the kiosks' next sync maps the old card to the surviving member.
#include "hqtestsupport.h"

#include "sync/hq/crm/crmdataset.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/duplicatefinder.h"
#include "sync/hq/membermerge.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>

namespace tapledger::test {
namespace {

using sync::DuplicateFinder;
using sync::MemberMerge;

struct PhoneCase
{
    const char *a, *b;
    bool same;
};

TEST(DuplicateRules, PhonesCompareDigitsWithoutPrefixesAndCountryCodes)
{
    const PhoneCase cases[] = {
        {"+86 138-0013-8000", "13800138000", true},   // country code against the national number
        {"0086 13800138000", "+86 (138) 0013 8000", true}, // 00 prefix against +
        {"013800138000", "13800138000", true},        // a trunk 0
        {"+44 7700 900123", "07700 900123", true},
        {"+86 13800138000", "+86 13800138001", false}, // one digit apart: another number
        {"+1 555 0100 999", "+86 555 0100 999", false}, // two country codes
        {"12345", "12345", false},                     // under 7 digits: never a match
        {"", "", false},
    };
    for (const auto &c : cases) {
        const bool same = DuplicateFinder::samePhone(DuplicateFinder::phoneKey(c.a), DuplicateFinder::phoneKey(c.b));
        EXPECT_EQ(same, c.same) << c.a << " vs " << c.b;
    }
}

struct NameCase
{
    const char *a, *b, *reason; // "" = no pair
};

TEST(DuplicateRules, NamesFoldCaseWidthAndSpaceMatchPinyinAndOneEdit)
{
    const NameCase cases[] = {
        {"Li Wei", "LI  WEI", "same_name"},
        {"ＬＩ Ｗｅｉ", "liwei", "same_name"},   // full-width letters fold
        {"李伟", "Li Wei", "same_pinyin"},
        {"李伟", "李伟", "same_name"},
        {"Zhang San", "Zhang Sam", "similar_name"},
        {"Maria", "Marie", "similar_name"},
        {"Anna", "Ana", ""},                      // "Ana" is under 4 letters
        {"Bob", "Rob", ""},                       // under 4 letters: exact only
        {"Li Wei", "Wei Li", ""},
        {"Zhang San", "Zhang Shan", "similar_name"},
        {"Wang Fang", "Wang Li", ""},
    };
    for (const auto &c : cases) {
        std::vector<sync::DuplicateCandidate> members(2);
        members[0].member = Uuid::generate();
        members[0].name = c.a;
        members[1].member = Uuid::generate();
        members[1].name = c.b;
        const auto pairs = DuplicateFinder::pairs(members);
        if (std::string(c.reason).empty()) {
            EXPECT_TRUE(pairs.empty()) << c.a << " vs " << c.b;
            continue;
        }
        ASSERT_EQ(pairs.size(), 1u) << c.a << " vs " << c.b;
        EXPECT_EQ(pairs[0].reasons, std::vector<std::string>{c.reason}) << c.a << " vs " << c.b;
        EXPECT_LT(pairs[0].a.member, pairs[0].b.member);
    }
}

class MemberMergeTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        policy = syncTestPolicy();
        hq = std::make_unique<TestHq>(tmp.path() / "hq");
        a = std::make_unique<TestKiosk>(tmp.path() / "kiosks", "lobby-1", policy, *hq);
        b = std::make_unique<TestKiosk>(tmp.path() / "kiosks", "bar-2", policy, *hq);
        hq->start();
    }

    static std::pair<Uuid, Uuid> enrol(TestKiosk &kiosk, const std::string &handle, const std::string &name,
                                       const std::string &phone)
    {
        auto r = kiosk.engine().enrol(EnrolRequest{Uuid(), handle, name, "", "1234", Uuid(), phone});
        EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
        if (!r)
            return {};
        const Uuid card = Uuid::generate();
        EXPECT_TRUE(kiosk.engine().issueCard(r->member, card, Uuid()).ok());
        return {r->member, card};
    }

    sync::MasterBalance balance(const Uuid &member)
    {
        sync::MasterBalance out;
        EXPECT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            auto stored = tx.masterBalance(member);
            if (!stored)
                return std::move(stored).error();
            out = stored->value_or(sync::MasterBalance{});
            return {};
        }));
        return out;
    }

    /// The sums over every member's master balances: deposit, bonus, points.
    std::array<int64_t, 3> totals()
    {
        std::array<int64_t, 3> sum{};
        EXPECT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            auto all = tx.masterBalances();
            if (!all)
                return std::move(all).error();
            for (const auto &m : *all) {
                sum[0] += m.deposit;
                sum[1] += m.bonus;
                sum[2] += m.points;
            }
            return {};
        }));
        return sum;
    }

    Result<sync::MemberMergeOutcome> merge(const Uuid &from, const Uuid &into)
    {
        sync::MemberMergeOutcome out;
        auto r = hq->dir().store().write([&](sync::HqWriteTx &tx) -> Result<void> {
            TL_ASSIGN(out, MemberMerge::merge(tx, *hq->dir().key(), {from, into, "hq-ops", kHqTestStartMs + 1000}));
            return {};
        });
        if (!r)
            return std::move(r).error();
        return out;
    }

    Uuid resolve(const Uuid &member)
    {
        Uuid out;
        EXPECT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            TL_ASSIGN(out, MemberMerge::resolve(tx, member));
            return {};
        }));
        return out;
    }

    Uuid hqCardOwner(const Uuid &card)
    {
        Uuid out;
        EXPECT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            TL_ASSIGN(out, tx.memberOfCard(card));
            return {};
        }));
        return out;
    }

    /// The `into` of the newest `member_alias` feed item of @p member, "" when none.
    std::string aliasItemInto(const Uuid &member)
    {
        std::string out;
        EXPECT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            auto items = tx.feed(0, 100000);
            if (!items)
                return std::move(items).error();
            for (const auto &item : *items) {
                const auto body = nlohmann::json::parse(item.body);
                if (item.type == "member_alias" && body.value("member", std::string()) == member.toString())
                    out = body.value("into", std::string());
            }
            return {};
        }));
        return out;
    }

    TempDir tmp;
    Policy policy;
    std::unique_ptr<TestHq> hq;
    std::unique_ptr<TestKiosk> a, b;
};

TEST_F(MemberMergeTest, TheSamePersonEnrolledAtTwoKiosksIsOneCandidatePair)
{
    auto [latin, latinCard] = enrol(*a, "li", "Li Wei", "+86 138 0013 8000");
    auto [han, hanCard] = enrol(*b, "liwei", "李伟", "13800138000");
    enrol(*a, "zhang", "Zhang San", "+86 139 0000 0001");
    ASSERT_TRUE(a->round().ok());
    ASSERT_TRUE(b->round().ok());

    std::vector<sync::DuplicatePair> pairs;
    ASSERT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
        auto members = DuplicateFinder::candidates(tx);
        if (!members)
            return std::move(members).error();
        EXPECT_EQ(members->size(), 3u);
        pairs = DuplicateFinder::pairs(*members);
        return {};
    }));
    ASSERT_EQ(pairs.size(), 1u);
    EXPECT_EQ(pairs[0].reasons, (std::vector<std::string>{"same_phone", "same_pinyin"}));
    const auto &first = pairs[0].a.member == latin ? pairs[0].a : pairs[0].b;
    const auto &second = pairs[0].a.member == latin ? pairs[0].b : pairs[0].a;
    EXPECT_EQ(first.member, latin);
    EXPECT_EQ(first.enrolledAt, "lobby-1");
    EXPECT_EQ(second.member, han);
    EXPECT_EQ(second.enrolledAt, "bar-2");
    (void)latinCard;
    (void)hanCard;
}

TEST_F(MemberMergeTest, MergeMovesValuePointsVouchersAndCardsThroughHqsLedger)
{
    auto [from, fromCard] = enrol(*a, "li", "Li Wei", "+86 138 0013 8000");
    auto [into, intoCard] = enrol(*b, "liwei", "李伟", "13800138000");
    ASSERT_TRUE(a->engine().topUp({from, 15'000, "cash", Uuid(), fromCard}).ok());     // 150.00 + 10.00 bonus
    ASSERT_TRUE(a->engine().purchase(purchaseOf(from, fromCard, "wine", "cash")).ok()); // points and a voucher
    ASSERT_TRUE(b->engine().topUp({into, 2'000, "cash", Uuid(), intoCard}).ok());
    ASSERT_TRUE(a->round().ok());
    ASSERT_TRUE(b->round().ok());

    const sync::MasterBalance before = balance(from), intoBefore = balance(into);
    ASSERT_GT(before.deposit, 0);
    ASSERT_GT(before.bonus, 0);
    ASSERT_GT(before.points, 0);
    auto fromView = a->engine().member(from);
    ASSERT_TRUE(fromView.ok());
    ASSERT_FALSE(fromView->vouchers.empty()) << "the wine purchase issues a voucher";
    const auto sums = totals();

    auto moved = merge(from, into);
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    EXPECT_FALSE(moved->alreadyMerged);
    EXPECT_EQ(moved->moved.deposit, before.deposit);
    EXPECT_EQ(moved->moved.bonus, before.bonus);
    EXPECT_EQ(moved->moved.points, before.points);
    EXPECT_EQ(moved->moved.vouchers, fromView->vouchers.size());
    EXPECT_EQ(moved->moved.cards, 1u);
    EXPECT_GT(moved->moved.firstHqSeq, 0u);

    const sync::MasterBalance after = balance(from), intoAfter = balance(into);
    EXPECT_EQ(after.deposit, 0);
    EXPECT_EQ(after.bonus, 0);
    EXPECT_EQ(after.points, 0);
    EXPECT_EQ(intoAfter.deposit, intoBefore.deposit + before.deposit);
    EXPECT_EQ(intoAfter.bonus, intoBefore.bonus + before.bonus);
    EXPECT_EQ(intoAfter.points, intoBefore.points + before.points);
    EXPECT_EQ(totals(), sums) << "a merge conserves stored value and points";
    EXPECT_EQ(hq->verify(), "");
    EXPECT_EQ(resolve(from), into);
    EXPECT_EQ(resolve(into), into);
    EXPECT_EQ(hqCardOwner(fromCard), into);
    EXPECT_EQ(aliasItemInto(from), into.toString());
    EXPECT_EQ(aliasItemInto(into), "");

    // A re-run changes nothing and says so.
    const std::string state = hq->masterState();
    auto again = merge(from, into);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_TRUE(again->alreadyMerged);
    EXPECT_TRUE(again->moved.empty());
    EXPECT_EQ(hq->masterState(), state);

    // After their next sync both kiosks open the old card on the surviving member, with everything.
    ASSERT_TRUE(a->round().ok());
    ASSERT_TRUE(b->round().ok());
    for (TestKiosk *k : {a.get(), b.get()}) {
        auto owner = k->engine().memberForCard(fromCard);
        ASSERT_TRUE(owner.ok()) << k->id() << ": " << owner.error().message;
        EXPECT_EQ(*owner, into) << k->id();
        auto view = k->engine().member(into);
        ASSERT_TRUE(view.ok()) << view.error().message;
        EXPECT_EQ(view->deposit, intoAfter.deposit) << k->id();
        EXPECT_EQ(view->bonus, intoAfter.bonus) << k->id();
        EXPECT_EQ(view->points, intoAfter.points) << k->id();
        EXPECT_EQ(view->vouchers.size(), fromView->vouchers.size()) << k->id();
        // A staff lookup of the old member (its name, handle, phone, id) finds the survivor.
        for (const std::string &query : {std::string("Li Wei"), std::string("li"), std::string("138 0013"), from.toString()}) {
            auto found = k->engine().findMembers(query);
            ASSERT_TRUE(found.ok()) << found.error().message;
            ASSERT_EQ(found->size(), 1u) << k->id() << " " << query;
            EXPECT_EQ((*found)[0].member, into) << k->id() << " " << query;
        }
        auto old = k->engine().member(from);
        ASSERT_TRUE(old.ok()) << old.error().message;
        EXPECT_EQ(old->mergedInto, into) << k->id();
        EXPECT_EQ(*k->engine().resolveMember(from), into) << k->id();
        EXPECT_TRUE(k->engine().ledger().verify().ok) << k->id();
    }
    auto expiries = fromView->expiries;
    auto intoView = b->engine().member(into);
    ASSERT_TRUE(intoView.ok());
    ASSERT_EQ(intoView->expiries.size(), expiries.size());
    for (size_t i = 0; i < expiries.size(); ++i)
        EXPECT_EQ(intoView->expiries[i].expiresMs, expiries[i].expiresMs) << "a moved batch keeps its expiry";
    EXPECT_EQ(hq->verify(), "");
}

TEST_F(MemberMergeTest, BadMergesFailWithAClearErrorAndChangeNothing)
{
    auto [x, xCard] = enrol(*a, "x", "Member X", "");
    auto [y, yCard] = enrol(*a, "y", "Member Y", "");
    auto [z, zCard] = enrol(*b, "z", "Member Z", "");
    auto [w, wCard] = enrol(*b, "w", "Member W", "");
    ASSERT_TRUE(a->engine().topUp({x, 5'000, "cash", Uuid(), xCard}).ok());
    ASSERT_TRUE(a->round().ok());
    ASSERT_TRUE(b->round().ok());
    ASSERT_TRUE(merge(x, y).ok()); // x is merged away into y
    (void)yCard;
    (void)zCard;
    (void)wCard;

    const Uuid unknown = Uuid::generate();
    struct Case
    {
        const char *what;
        Uuid from, into;
        ErrorCode code;
        const char *says;
    };
    const Case cases[] = {
        {"into itself", z, z, ErrorCode::InvalidArgument, "into itself"},
        {"unknown from", unknown, z, ErrorCode::NotFound, "not known at HQ"},
        {"unknown into", z, unknown, ErrorCode::NotFound, "not known at HQ"},
        {"into a merged-away member", z, x, ErrorCode::Conflict, "merge into " },
        {"merged away elsewhere", x, z, ErrorCode::Conflict, "already merged into"},
    };
    const std::string state = hq->masterState();
    for (const auto &c : cases) {
        auto r = merge(c.from, c.into);
        ASSERT_FALSE(r.ok()) << c.what;
        EXPECT_EQ(r.error().code, c.code) << c.what;
        EXPECT_NE(r.error().message.find(c.says), std::string::npos) << c.what << ": " << r.error().message;
        EXPECT_EQ(hq->masterState(), state) << c.what;
    }

    // A chain: x → y, then y → w: x resolves to w, and all of x's value is with w.
    const int64_t xDeposit = balance(y).deposit;
    ASSERT_GT(xDeposit, 0);
    ASSERT_TRUE(merge(y, w).ok());
    EXPECT_EQ(resolve(x), w);
    EXPECT_EQ(aliasItemInto(x), w.toString()) << "kiosks learn the end of the chain";
    EXPECT_EQ(aliasItemInto(y), w.toString());
    EXPECT_EQ(balance(w).deposit, xDeposit);
    auto rerun = merge(x, w);
    ASSERT_TRUE(rerun.ok()) << rerun.error().message;
    EXPECT_TRUE(rerun->alreadyMerged);
    EXPECT_TRUE(rerun->moved.empty());
    EXPECT_EQ(hq->verify(), "");

    // A dry run shows the figures and stores nothing.
    const std::string beforeDry = hq->masterState();
    auto dry = MemberMerge::dryRun(hq->dir().store(), *hq->dir().key(), {w, z, "", kHqTestStartMs + 2000});
    ASSERT_TRUE(dry.ok()) << dry.error().message;
    EXPECT_TRUE(dry->dryRun);
    EXPECT_EQ(dry->moved.deposit, xDeposit);
    EXPECT_EQ(hq->masterState(), beforeDry);
    EXPECT_EQ(resolve(w), w);
}

TEST_F(MemberMergeTest, CrmAnalyticsCountTheMergedAwayMembersPurchasesAsTheSurvivors)
{
    auto [from, fromCard] = enrol(*a, "li", "Li Wei", "+86 138 0013 8000");
    auto [into, intoCard] = enrol(*b, "liwei", "李伟", "13800138000");
    ASSERT_TRUE(a->engine().purchase(purchaseOf(from, fromCard, "wine", "cash")).ok());
    ASSERT_TRUE(b->engine().purchase(purchaseOf(into, intoCard, "wine", "cash")).ok());
    ASSERT_TRUE(a->round().ok());
    ASSERT_TRUE(b->round().ok());
    std::filesystem::copy_file(dataPath("engine/policies/base.policy.json"), hq->path() / sync::HqVenue::kPolicyFile);
    auto venue = sync::HqVenue::load(hq->path());
    ASSERT_TRUE(venue) << venue.error().message;
    const int64_t asOf = venue->calendar().localDay(kHqTestStartMs) + 30;
    const auto purchasesOf = [&](const Uuid &member) -> std::optional<size_t> {
        std::optional<size_t> out;
        EXPECT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            auto data = sync::CrmDataset::load(tx, *venue, asOf);
            if (!data)
                return std::move(data).error();
            for (size_t i = 0; i < data->memberIds.size(); ++i)
                if (data->memberIds[i] == member)
                    out = data->members[i].purchases.size();
            return {};
        }));
        return out;
    };
    ASSERT_EQ(purchasesOf(from), std::optional<size_t>(1));
    ASSERT_EQ(purchasesOf(into), std::optional<size_t>(1));

    ASSERT_TRUE(merge(from, into).ok());
    EXPECT_EQ(purchasesOf(from), std::nullopt) << "a merged-away member is no member of the analysis";
    EXPECT_EQ(purchasesOf(into), std::optional<size_t>(2));
}

} // namespace
} // namespace tapledger::test
