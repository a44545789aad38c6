// The staff lookup's member panel (docs/crm.md, "Member profiles"): HQ's profile as the engine
// adopted it from a `profile` feed item, shown to staff only, with preferences and last visits.
// A real Engine and services (kioskfixture.h); HQ's side is tests/sync/hq/memberprofile_test.cpp.
#include "kiosk/kioskfixture.h"
#include "kiosk/kiosktestsupport.h"

#include "controllers/memberprofilecontroller.h"
#include "services/languageservice.h"
#include "core/engine/memberprofile.h"

#include <QVariantMap>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace tapledger;
using namespace tapledger::kiosk;
using namespace tapledger::test;
using namespace Qt::StringLiterals;

namespace {

[[maybe_unused]] const auto *const kQtApp = addQtAppEnvironment("kiosk_memberprofile_test");

class ProfilePanel : public KioskFixture
{
protected:
    std::vector<ControllerBase *> controllers() override
    {
        auto out = KioskFixture::controllers();
        out.push_back(&profile);
        return out;
    }

    Uuid enrolled(const std::string &name, const std::string &handle)
    {
        EnrolRequest r{Uuid(), handle, name, "", kMemberPin, Uuid()};
        auto e = engine().enrol(r);
        EXPECT_TRUE(e.ok());
        return e ? e->member : Uuid();
    }

    /// Applies HQ's `profile` item for @p member as the sync client hands it to the engine.
    void sendProfile(const Uuid &member, const MemberProfile &p, uint64_t seq)
    {
        const HqFeedItem item{seq, "profile",
                              nlohmann::json{{"member", member.toString()}, {"profile", nlohmann::json::parse(p.toJson())}}.dump(),
                              {}};
        auto applied = engine().applyHqFeed(std::span(&item, 1), seq);
        ASSERT_TRUE(applied.ok()) << applied.error().message;
        ASSERT_EQ(applied->applied, 1u);
        ASSERT_TRUE(applied->refused.empty());
    }

    MemberProfileController profile;
};

TEST_F(ProfilePanel, StaffSeeProfilePreferencesAndLastVisitsGuestsNothing)
{
    const Uuid li = enrolled("Li Wei", "M-1");
    MemberProfile p;
    p.type = "person", p.creditGrade = "A", p.seat = "Window table", p.taste = "Less spicy";
    p.allergies = "Peanuts", p.notes = "Birthday in November", p.updatedBy = "Mia", p.updatedMs = 1;
    p.usualItems = {"dim-sum-set", "unknown-sku"};
    p.favouriteCategories = {"dim_sum", "dessert"};
    p.lastVisits = {{1767261600000, "bar-2", 12800}, {1767175200000, "lobby-1", 3000}};
    sendProfile(li, p, 1);

    // No staff logged in: nothing is read or shown.
    profile.setMemberId(QString::fromStdString(li.toString()));
    EXPECT_FALSE(profile.hasProfile());
    EXPECT_EQ(profile.allergies(), QString());
    EXPECT_EQ(profile.name(), QString());
    EXPECT_TRUE(profile.lastVisits().isEmpty());

    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    EXPECT_TRUE(profile.hasProfile());
    EXPECT_EQ(profile.name(), u"Li Wei"_s);
    EXPECT_EQ(profile.summary(), u"Person · Credit grade A"_s);
    EXPECT_EQ(profile.seat(), u"Window table"_s);
    EXPECT_EQ(profile.taste(), u"Less spicy"_s);
    EXPECT_EQ(profile.allergies(), u"Peanuts"_s);
    EXPECT_EQ(profile.notes(), u"Birthday in November"_s);
    // The price list's name for a known SKU, the SKU itself for one it does not list.
    EXPECT_EQ(profile.usualItems(), u"Dim sum set · unknown-sku"_s);
    EXPECT_EQ(profile.favouriteCategories(), u"Dim sum · Dessert"_s);
    ASSERT_EQ(profile.lastVisits().size(), 2);
    const QVariantMap first = profile.lastVisits().at(0).toMap();
    EXPECT_EQ(first.value(u"kiosk"_s).toString(), u"bar-2"_s);
    EXPECT_EQ(first.value(u"date"_s).toString(), engineService->localDateTime(1767261600000));
    EXPECT_EQ(first.value(u"amount"_s).toString(), engineService->money(12800));
    EXPECT_TRUE(first.value(u"amount"_s).toString().contains(u"128.00"_s));

    // A newer item replaces it; the panel follows.
    p.allergies = "Peanuts, shellfish";
    p.gender = "female";
    p.ageBand = "35-44";
    p.nationality = "CN";
    sendProfile(li, p, 2);
    profile.setMemberId({});
    profile.setMemberId(QString::fromStdString(li.toString()));
    EXPECT_EQ(profile.allergies(), u"Peanuts, shellfish"_s);
    EXPECT_EQ(profile.summary(), u"Person · Credit grade A · Female · Age 35-44 · CN"_s);

    login.logout();
    EXPECT_FALSE(profile.hasProfile()) << "no profile outlives the staff session";
    EXPECT_EQ(profile.allergies(), QString());
    EXPECT_EQ(profile.notes(), QString());
}

TEST_F(ProfilePanel, MemberWithoutProfileShowsTheNameOnly)
{
    const Uuid wang = enrolled("Wang Fang", "M-2");
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    profile.setMemberId(QString::fromStdString(wang.toString()));
    EXPECT_FALSE(profile.hasProfile());
    EXPECT_EQ(profile.name(), u"Wang Fang"_s);
    EXPECT_EQ(profile.seat(), QString());
    EXPECT_TRUE(profile.lastVisits().isEmpty());
}

TEST_F(ProfilePanel, AProfileTheEngineCannotReadIsRecordedNotAdopted)
{
    const Uuid li = enrolled("Li Wei", "M-1");
    const HqFeedItem item{1, "profile",
                          nlohmann::json{{"member", li.toString()}, {"profile", {{"type", "robot"}, {"updated_by", "Mia"}}}}.dump(),
                          {}};
    auto applied = engine().applyHqFeed(std::span(&item, 1), 1);
    ASSERT_TRUE(applied.ok()) << applied.error().message;
    ASSERT_EQ(applied->refused.size(), 1u);
    EXPECT_NE(applied->refused[0].find("profile.type: 'robot'"), std::string::npos) << applied->refused[0];
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    profile.setMemberId(QString::fromStdString(li.toString()));
    EXPECT_FALSE(profile.hasProfile());
}

} // namespace

TEST_F(ProfilePanel, CategoriesShowThePolicysNameElseTheKiosksLabelInTheScreenLanguage)
{
    const Uuid li = enrolled("Li Wei", "M-3");
    MemberProfile p;
    p.updatedBy = "Mia", p.updatedMs = 1;
    // seafood and dimsum have zh_CN names in the example policy; dim_sum and general do not
    // (the kiosk's own labels); tasting_menu is known to neither.
    p.favouriteCategories = {"seafood", "dimsum", "dim_sum"};
    sendProfile(li, p, 1);
    MemberProfile q = p;
    q.favouriteCategories = {"general", "tasting_menu"};
    const Uuid wang = enrolled("Wang Fang", "M-4");
    sendProfile(wang, q, 2);
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    LanguageService language(u"en"_s);
    const struct
    {
        QString language;
        Uuid member;
        QString shown;
    } cases[] = {
        {u"en"_s, li, u"Seafood · Dim sum · Dim sum"_s},
        {u"en"_s, wang, u"General · Tasting menu"_s},
        {u"zh_CN"_s, li, u"海鲜 · 点心 · 点心"_s},
        {u"zh_CN"_s, wang, u"综合 · Tasting menu"_s},
    };
    for (const auto &c : cases) {
        ASSERT_TRUE(language.setLanguage(c.language));
        profile.setMemberId({});
        profile.setMemberId(QString::fromStdString(c.member.toString()));
        EXPECT_EQ(profile.favouriteCategories(), c.shown) << c.language.toStdString();
    }
    ASSERT_TRUE(language.setLanguage(u"en"_s));
}
