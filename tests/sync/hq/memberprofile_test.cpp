// Member profiles (docs/crm.md, "Member profiles"): HQ validates and stores them with consent
// respected, derives preferences from the member's merged purchases, and real kiosks adopt them
// from the signed feed for their staff screens. Real engines, HQ over mutual TLS.
#include "hqtestsupport.h"

#include "core/engine/hqprofiles.h"
#include "sync/hq/crm/memberprofiles.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tapledger::test {
namespace {

constexpr int64_t kDayMs = 86'400'000;

class MemberProfileTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        hq = std::make_unique<TestHq>(tmp.path() / "hq");
        hq->start();
        lobby = std::make_unique<TestKiosk>(tmp.path() / "lobby-1", "lobby-1", syncTestPolicy(), *hq);
        bar = std::make_unique<TestKiosk>(tmp.path() / "bar-2", "bar-2", syncTestPolicy(), *hq);
        ann = enrol("ann", true);
        bo = enrol("bo", false);
        ASSERT_TRUE(lobby->round().ok());
    }

    Uuid enrol(const std::string &handle, bool consent)
    {
        EnrolRequest r{Uuid(), handle, "Member " + handle, "", "1234", Uuid()};
        r.consent = consent;
        auto enrolled = lobby->engine().enrol(r);
        EXPECT_TRUE(enrolled.ok()) << (enrolled ? "" : enrolled.error().message);
        return enrolled ? enrolled->member : Uuid();
    }

    Result<MemberProfile> set(const sync::ProfileChange &change)
    {
        MemberProfile out;
        auto written = hq->dir().store().write([&](sync::HqWriteTx &tx) -> Result<void> {
            TL_ASSIGN(out, sync::MemberProfiles::set(tx, change, *hq->dir().key()));
            return {};
        });
        if (!written)
            return std::move(written).error();
        return out;
    }

    sync::ProfileChange change(const Uuid &member) const
    {
        sync::ProfileChange c;
        c.member = member;
        c.staff = "Mia";
        c.nowMs = kHqTestStartMs + kDayMs;
        return c;
    }

    TempDir tmp;
    std::unique_ptr<TestHq> hq;
    std::unique_ptr<TestKiosk> lobby, bar;
    Uuid ann, bo;
};

TEST_F(MemberProfileTest, BadInputIsRefusedAndChangesNothing)
{
    using C = sync::ProfileChange;
    struct Case
    {
        const char *name;
        std::function<void(C &)> edit;
        const char *message;
    };
    const std::vector<Case> cases{
        {"type", [](C &c) { c.type = "robot"; }, "profile.type: 'robot' is not one of person, company, family"},
        {"gender", [](C &c) { c.gender = "f"; }, "profile.gender: 'f' is not one of female, male, other"},
        {"age band", [](C &c) { c.ageBand = "30-39"; }, "profile.age_band: '30-39' is not one of"},
        {"credit grade", [](C &c) { c.creditGrade = "E"; }, "profile.credit_grade: 'E' is not one of A, B, C, D"},
        {"nationality form", [](C &c) { c.nationality = "CHN"; }, "profile.nationality: 'CHN' is not an ISO 3166-1 alpha-2"},
        {"nationality unknown", [](C &c) { c.nationality = "QQ"; }, "'QQ' is not an ISO 3166-1 alpha-2 country code"},
        {"control character", [](C &c) { c.seat = "window\tside"; }, "profile.seat: must not contain control characters"},
        {"line break in one line", [](C &c) { c.allergies = "nuts\nfish"; }, "profile.allergies: must not contain control"},
        {"notes too long", [](C &c) { c.notes = std::string(1001, 'x'); }, "profile.notes: at most 1000 bytes, got 1001"},
        {"not UTF-8", [](C &c) { c.taste = "\xff\xfe"; }, "profile.taste: is not UTF-8"},
        {"no staff", [](C &c) { c.staff = ""; }, "profile.updated_by: the HQ operator is required"},
        {"no consent: gender", [&](C &c) { c.member = bo, c.gender = "male"; }, "has not consented"},
        {"no consent: position", [&](C &c) { c.member = bo, c.position = "Chef"; }, "has not consented"},
        {"unknown member", [](C &c) { c.member = Uuid::generate(); }, "is not known at HQ"},
    };
    const std::string before = hq->masterState();
    for (const Case &k : cases) {
        SCOPED_TRACE(k.name);
        C c = change(ann);
        c.type = "person";
        k.edit(c);
        auto r = set(c);
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.error().message.find(k.message), std::string::npos) << r.error().message;
        EXPECT_EQ(hq->masterState(), before);
        EXPECT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            auto p = tx.memberProfile(c.member);
            EXPECT_TRUE(p && !*p);
            return {};
        }));
    }
}

TEST_F(MemberProfileTest, WithoutConsentOnlyServiceFieldsAreKept)
{
    auto c = change(bo);
    c.type = "company", c.seat = "terrace", c.creditGrade = "B";
    auto p = set(c);
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->type, "company");
    EXPECT_EQ(p->seat, "terrace");
    EXPECT_FALSE(p->hasConsentFields());
}

TEST_F(MemberProfileTest, ReachesEveryKioskWithDerivedPreferences)
{
    // Ann buys at lobby-1, a day apart each: cake, wine, cake, menu (base policy prices).
    Uuid annCard = Uuid::generate();
    ASSERT_TRUE(lobby->engine().issueCard(ann, annCard, Uuid()).ok());
    const int64_t first = lobby->clock().nowMs();
    for (const char *sku : {"cake", "wine", "cake", "menu"}) {
        ASSERT_TRUE(lobby->engine().purchase(purchaseOf(ann, annCard, sku, "cash")).ok()) << sku;
        lobby->clock().advance(60'000);
    }
    ASSERT_TRUE(lobby->round().ok());

    auto c = change(ann);
    c.type = "person", c.gender = "female", c.ageBand = "35-44", c.nationality = "cn", c.industry = "Shipping",
    c.position = "Captain", c.creditGrade = "A", c.seat = "window", c.taste = "less salt", c.allergies = "peanuts",
    c.notes = "Celebrates in May\nPrefers Mia";
    auto p = set(c);
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->nationality, "CN");
    // Cake twice; wine and menu once each, wine with more spend (100.00 > 30.00).
    EXPECT_EQ(p->usualItems, (std::vector<std::string>{"cake", "wine", "menu"}));
    // drinks 100.00, food 30.00, dessert 20.00.
    EXPECT_EQ(p->favouriteCategories, (std::vector<std::string>{"drinks", "food", "dessert"}));
    ASSERT_EQ(p->lastVisits.size(), 4u);
    EXPECT_EQ(p->lastVisits[0], (MemberProfile::Visit{first + 180'000, "lobby-1", 3000}));
    EXPECT_EQ(p->lastVisits[3], (MemberProfile::Visit{first, "lobby-1", 1000}));

    ASSERT_TRUE(bar->round().ok());
    auto atBar = HqProfiles::adopted(bar->engine(), ann);
    ASSERT_TRUE(atBar.ok()) << atBar.error().message;
    ASSERT_TRUE(atBar->has_value());
    EXPECT_EQ((*atBar)->toJson(), p->toJson());
    EXPECT_EQ((*atBar)->allergies, "peanuts");
    EXPECT_EQ((*atBar)->notes, "Celebrates in May\nPrefers Mia");

    // A later change replaces it at the kiosk; a field not given keeps its value, "" clears one.
    auto later = change(ann);
    later.seat = "";
    later.allergies = "peanuts, shellfish";
    ASSERT_TRUE(set(later).ok());
    ASSERT_TRUE(bar->round().ok());
    atBar = HqProfiles::adopted(bar->engine(), ann);
    ASSERT_TRUE(atBar.ok() && atBar->has_value());
    EXPECT_EQ((*atBar)->seat, "");
    EXPECT_EQ((*atBar)->allergies, "peanuts, shellfish");
    EXPECT_EQ((*atBar)->taste, "less salt");
    auto none = HqProfiles::adopted(bar->engine(), bo);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());
    EXPECT_EQ(hq->verify(), "");
}

TEST_F(MemberProfileTest, MergedPurchasesReDeriveThePublishedProfile)
{
    // The feed seq of @p member's `profile` item (the newest replaces the last), 0 when none.
    const auto profileSeq = [&](const Uuid &member) {
        uint64_t out = 0;
        EXPECT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            auto items = tx.feed(0, 100000);
            if (!items)
                return std::move(items).error();
            for (const auto &item : *items)
                if (item.type == "profile" && nlohmann::json::parse(item.body).value("member", "") == member.toString())
                    out = item.seq;
            return {};
        }));
        return out;
    };
    auto c = change(ann);
    c.seat = "window";
    ASSERT_TRUE(set(c).ok());
    ASSERT_TRUE(bar->round().ok());
    auto atBar = HqProfiles::adopted(bar->engine(), ann);
    ASSERT_TRUE(atBar.ok() && atBar->has_value());
    EXPECT_TRUE((*atBar)->usualItems.empty());
    const uint64_t first = profileSeq(ann);
    ASSERT_GT(first, 0u);

    // Ann buys wine at lobby-1, bo (no profile) a cake; a top-up is no purchase.
    const Uuid annCard = Uuid::generate(), boCard = Uuid::generate();
    ASSERT_TRUE(lobby->engine().issueCard(ann, annCard, Uuid()).ok());
    ASSERT_TRUE(lobby->engine().issueCard(bo, boCard, Uuid()).ok());
    ASSERT_TRUE(lobby->engine().topUp({ann, 5'000, "cash", Uuid(), annCard}).ok());
    ASSERT_TRUE(lobby->round().ok());
    EXPECT_EQ(profileSeq(ann), first) << "no purchase merged: the profile is not sent again";
    const int64_t bought = lobby->clock().nowMs();
    ASSERT_TRUE(lobby->engine().purchase(purchaseOf(ann, annCard, "wine", "cash")).ok());
    ASSERT_TRUE(lobby->engine().purchase(purchaseOf(bo, boCard, "cake", "cash")).ok());
    ASSERT_TRUE(lobby->round().ok());
    const uint64_t second = profileSeq(ann);
    ASSERT_GT(second, first) << "the merged purchase re-derives and re-sends Ann's profile";
    EXPECT_EQ(profileSeq(bo), 0u) << "a member without a profile gets none";

    // The other kiosk sees the new usual item and visit after its next sync; staff fields stay.
    ASSERT_TRUE(bar->round().ok());
    atBar = HqProfiles::adopted(bar->engine(), ann);
    ASSERT_TRUE(atBar.ok() && atBar->has_value());
    EXPECT_EQ((*atBar)->usualItems, std::vector<std::string>{"wine"});
    EXPECT_EQ((*atBar)->favouriteCategories, std::vector<std::string>{"drinks"});
    ASSERT_EQ((*atBar)->lastVisits.size(), 1u);
    EXPECT_EQ((*atBar)->lastVisits[0], (MemberProfile::Visit{bought, "lobby-1", 10000}));
    EXPECT_EQ((*atBar)->seat, "window");
    EXPECT_EQ((*atBar)->updatedBy, "Mia");
    EXPECT_EQ((*atBar)->updatedMs, c.nowMs) << "no wall clock in the re-derived body";

    // Deriving again over the same entries changes nothing, so nothing is sent.
    bool published = true;
    ASSERT_TRUE(hq->dir().store().write([&](sync::HqWriteTx &tx) -> Result<void> {
        TL_ASSIGN(published, sync::MemberProfiles::rederive(tx, ann, *hq->dir().key()));
        return {};
    }));
    EXPECT_FALSE(published);
    EXPECT_EQ(profileSeq(ann), second);
    EXPECT_EQ(hq->verify(), "");
}

TEST(MemberProfileDerive, KnownFigures)
{
    const int64_t now = 400 * kDayMs;
    auto buy = [](int64_t t, const std::string &kiosk, std::vector<PurchaseEffect::Item> items, bool ret = false) {
        int64_t sum = 0;
        for (const auto &i : items)
            sum += i.amountMinor;
        return MemberProfile::Purchase{t, kiosk, PurchaseEffect{sum, ret, std::move(items)}};
    };
    const std::vector<MemberProfile::Purchase> purchases{
        // 366 days before now: outside the window (items), still a visit.
        buy(now - 366 * kDayMs, "lobby-1", {{"tea", "drinks", 9, 9000}}),
        buy(now - 10 * kDayMs, "lobby-1", {{"coffee", "drinks", 3, 1500}, {"cake", "dessert", 1, 1000}}),
        buy(now - 9 * kDayMs, "bar-2", {{"cake", "dessert", 2, 2000}}),
        // Returned one coffee: coffee 2, cake 3.
        buy(now - 8 * kDayMs, "bar-2", {{"coffee", "drinks", 1, 500}}, true),
        // Imported POS row: counts for preferences, no visit.
        buy(now - 7 * kDayMs, "", {{"", "spa", 1, 2500}}),
        // After now: ignored.
        buy(now + 1, "lobby-1", {{"wine", "drinks", 5, 50000}}),
    };
    MemberProfile p;
    p.derive(purchases, now);
    EXPECT_EQ(p.usualItems, (std::vector<std::string>{"cake", "coffee"}));
    // dessert 30.00, spa 25.00, drinks 15.00 - 5.00 = 10.00.
    EXPECT_EQ(p.favouriteCategories, (std::vector<std::string>{"dessert", "spa", "drinks"}));
    EXPECT_EQ(p.lastVisits, (std::vector<MemberProfile::Visit>{{now - 9 * kDayMs, "bar-2", 2000},
                                                              {now - 10 * kDayMs, "lobby-1", 2500},
                                                              {now - 366 * kDayMs, "lobby-1", 9000}}));
}

TEST(MemberProfileJson, RoundTripsAndRefusesUnknownFields)
{
    MemberProfile p;
    p.type = "family", p.allergies = "gluten", p.updatedBy = "Mia", p.updatedMs = 5;
    p.usualItems = {"cake"};
    p.lastVisits = {{7, "lobby-1", 100}};
    auto back = MemberProfile::parse(p.toJson());
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->toJson(), p.toJson());
    auto unknown = MemberProfile::parse(R"({"updated_by":"Mia","vip":true})");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().message, "profile.vip: unknown field");
}

} // namespace
} // namespace tapledger::test
