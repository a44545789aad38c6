// HQ's segment offers (HqRuleOffers): the policy's offer rules on quadrant, pyramid and churn risk,
// evaluated for one member with the kiosk's birthday and limit-period rules (docs/crm.md,
// "Offers from segments"). Table-driven over members; the policy is base.policy.json plus four
// segment rules.
#include "core/engine/hqruleoffers.h"
#include "core/engine/policyparser.h"
#include "core/fileio.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tapledger::test {
namespace {

Policy segmentPolicy()
{
    auto text = readSmallFile(dataPath("engine/policies/base.policy.json"), "policy");
    EXPECT_TRUE(text.ok());
    auto j = nlohmann::json::parse(*text);
    j["offers"].push_back({{"id", "raise-frequency"}, {"version", 2}, {"title", "Come more often"},
                           {"reason", "Big spender, rare visitor: a voucher for your next visit"}, {"priority", 40},
                           {"when", {{"quadrant", "A"}}}, {"voucher", "v-week"}, {"per_member_limit", 1},
                           {"limit_period", "month"}});
    j["offers"].push_back({{"id", "vip-thanks"}, {"version", 1}, {"title", "Thank you"},
                           {"reason", "{tier} and among our best guests"}, {"priority", 70},
                           {"when", {{"pyramid", {"vip", "major"}}, {"tiers", {"silver", "gold"}}}}, {"points", 50}});
    j["offers"].push_back({{"id", "winback-hq"}, {"version", 1}, {"title", "We saved your seat"},
                           {"reason", "{days} days since your last visit, {name}"}, {"priority", 90},
                           {"when", {{"churn_risk", true}, {"no_visit_days", 30}}}, {"points", 40}});
    j["offers"].push_back({{"id", "birthday-vip"}, {"version", 1}, {"title", "VIP birthday"},
                           {"reason", "Happy birthday from all of us"}, {"priority", 100},
                           {"when", {{"pyramid", {"vip"}}, {"birthday_within_days", 3}}}, {"voucher", "v-birthday"},
                           {"limit_period", "birthday_year"}});
    j["translations"] = {{"zh_CN", {{"We saved your seat", "为您留了座位"}, {"{days} days since your last visit, {name}", "{name}，您已 {days} 天没来了"}}}};
    auto p = PolicyParser::parse(j.dump());
    EXPECT_TRUE(p.ok()) << p.error().message;
    return *p;
}

struct Case
{
    const char *name;
    HqMemberSegments member;
    const char *asOf;                  ///< local date of the evaluation
    std::vector<std::string> expected; ///< offer ids, ranked
};

const std::vector<Case> kCases = {
    {"quadrant A gets the frequency voucher", {"A", "ordinary", false, 3, "", "Ann", "bronze"}, "2026-06-10", {"raise-frequency"}},
    {"quadrant B gets nothing", {"B", "ordinary", false, 3, "", "Ben", "bronze"}, "2026-06-10", {}},
    {"no visit in the window is no quadrant", {"", "small", false, 200, "", "Cy", "bronze"}, "2026-06-10", {}},
    {"major and silver are thanked", {"B", "major", false, 3, "", "Di", "silver"}, "2026-06-10", {"vip-thanks"}},
    {"major but bronze is not", {"B", "major", false, 3, "", "Ed", "bronze"}, "2026-06-10", {}},
    {"churn risk after 30 days", {"C", "small", true, 45, "", "Fay", "bronze"}, "2026-06-10", {"winback-hq"}},
    {"churn risk but visited last week", {"C", "small", true, 7, "", "Gus", "bronze"}, "2026-06-10", {}},
    {"vip birthday in 2 days ranks first", {"A", "vip", false, 3, "1990-06-12", "Hal", "gold"}, "2026-06-10",
     {"birthday-vip", "vip-thanks", "raise-frequency"}},
    {"vip birthday 5 days ago is out of the window", {"B", "vip", false, 3, "1990-06-05", "Ida", "gold"}, "2026-06-10",
     {"vip-thanks"}},
    {"vip without a birthday gets no birthday offer", {"B", "vip", false, 3, "", "Jo", "bronze"}, "2026-06-10", {}},
};

TEST(HqRuleOffers, MembersGetTheOffersOfTheirSegments)
{
    const Policy policy = segmentPolicy();
    auto cal = VenueCalendar::create(policy.timezone);
    ASSERT_TRUE(cal.ok());
    for (const Case &c : kCases) {
        const int64_t asOf = *cal->parseLocalDate(c.asOf);
        const auto offers = HqRuleOffers::evaluate(policy, *cal, c.member, asOf, asOf + 86'400'000 - 1);
        std::vector<std::string> ids;
        for (const Offer &o : offers) {
            ids.push_back(o.id);
            EXPECT_EQ(o.source, "hq") << c.name;
            EXPECT_EQ(o.validFromMs, asOf) << c.name;
        }
        EXPECT_EQ(ids, c.expected) << c.name;
    }
}

TEST(HqRuleOffers, AnOfferCarriesItsRuleGrantReasonAndLimitPeriod)
{
    const Policy policy = segmentPolicy();
    auto cal = VenueCalendar::create(policy.timezone);
    ASSERT_TRUE(cal.ok());
    const int64_t asOf = *cal->parseLocalDate("2026-06-10");
    const HqMemberSegments fay{"A", "small", true, 45, "", "Fay", "bronze"};
    const auto offers = HqRuleOffers::evaluate(policy, *cal, fay, asOf, asOf + 7 * 86'400'000LL);
    ASSERT_EQ(offers.size(), 2u);
    const Offer &winback = offers[0];
    EXPECT_EQ(winback.id, "winback-hq");
    EXPECT_EQ(winback.reason, "45 days since your last visit, Fay");
    EXPECT_EQ(winback.grant, Offer::Grant::Points);
    EXPECT_EQ(winback.points, 40);
    EXPECT_EQ(winback.limitPeriodKey, "");
    EXPECT_EQ(winback.translations.at("zh_CN").at("We saved your seat"), "为您留了座位");
    EXPECT_EQ(winback.translations.at("zh_CN").at("45 days since your last visit, Fay"), "Fay，您已 45 天没来了");
    const Offer &voucher = offers[1];
    EXPECT_EQ(voucher.id, "raise-frequency");
    EXPECT_EQ(voucher.version, 2);
    EXPECT_EQ(voucher.grant, Offer::Grant::Voucher);
    EXPECT_EQ(voucher.voucherRule, "v-week");
    EXPECT_EQ(voucher.voucherValue, 2000);
    EXPECT_EQ(voucher.limitPeriodKey, "2026-06");
    EXPECT_EQ(cal->localDate(voucher.voucherExpiresMs), "2026-06-14"); // end of the local week (Monday start)
    EXPECT_TRUE(voucher.translations.empty());
}

// A birthday offer limited per birthday year comes back every year: its key moves with the
// nearest birthday, also across New Year.
TEST(HqRuleOffers, BirthdayOfferKeyFollowsTheNearestBirthday)
{
    const Policy policy = segmentPolicy();
    auto cal = VenueCalendar::create(policy.timezone);
    ASSERT_TRUE(cal.ok());
    const struct
    {
        const char *birthday, *asOf, *key;
    } rows[] = {
        {"1990-06-12", "2026-06-10", "b2026"},
        {"1990-06-12", "2027-06-11", "b2027"},
        {"1990-01-01", "2026-12-30", "b2027"},
        {"1990-12-31", "2027-01-02", "b2026"},
    };
    for (const auto &r : rows) {
        const int64_t asOf = *cal->parseLocalDate(r.asOf);
        const auto offers = HqRuleOffers::evaluate(policy, *cal, {"B", "vip", false, 1, r.birthday, "V", "bronze"},
                                                   asOf, asOf);
        ASSERT_FALSE(offers.empty()) << r.birthday << " " << r.asOf;
        EXPECT_EQ(offers[0].id, "birthday-vip");
        EXPECT_EQ(offers[0].limitPeriodKey, r.key) << r.birthday << " " << r.asOf;
    }
}

TEST(HqRuleOffers, TheKioskLeavesSegmentRulesToHq)
{
    const Policy policy = segmentPolicy();
    size_t atHq = 0;
    for (const OfferRule &r : policy.offers)
        atHq += r.evaluatedAtHq() ? 1u : 0u;
    EXPECT_EQ(atHq, 4u); // the four segment rules; base.policy.json's own six stay on the kiosk
}

} // namespace
} // namespace tapledger::test
