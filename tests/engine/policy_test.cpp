// Policy parsing and validation: the shipped examples parse; every fixture under
// tests/data/engine/policy/invalid/ (named after its defect) is refused with a message that names
// the defect, and nothing is returned.
#include "core/engine/policyparser.h"
#include "enginetestsupport.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <map>

namespace tapledger::test {
namespace {

TEST(Policy, ShippedExamplesParse)
{
    for (const auto *path : {"../../docs/examples/hotel-restaurant.policy.json", "engine/policies/base.policy.json",
                             "engine/policies/deposit-first.policy.json", "engine/policies/points-tiers.policy.json",
                             "engine/policies/staff.policy.json", "engine/policies/translations.policy.json"}) {
        auto p = PolicyParser::load(dataPath(path));
        EXPECT_TRUE(p.ok()) << path << ": " << (p ? "" : p.error().message);
    }
}

TEST(Policy, ReadsRulesExactly)
{
    const Policy p = loadTestPolicy("base.policy.json");
    EXPECT_EQ(p.currency, "EUR");
    EXPECT_EQ(p.exponent, 2);
    ASSERT_EQ(p.storedValue.tiers.size(), 2u);
    EXPECT_EQ(p.storedValue.tiers[0].min, 10000);
    EXPECT_EQ(*p.storedValue.tiers[0].max, 29999);
    EXPECT_EQ(p.storedValue.tiers[1].bonus, 5000);
    EXPECT_EQ(p.storedValue.tiers[1].rule.ref(), "rule:t300@2");
    EXPECT_EQ(p.points.earn.rate(), Rational(1, 1000));
    EXPECT_EQ(p.tiers.levels[1].multiplier, Rational(5, 4));
    EXPECT_EQ(p.tiers.reviewMonths, (std::vector<unsigned>{1, 4, 7, 10}));
    EXPECT_EQ(p.discounts[0].rate, Rational(1, 5));
    EXPECT_EQ(p.rewards[2].valuePerPoint, Rational(10, 1));
    EXPECT_EQ(p.points.expiry.afterMonths, 3);
    EXPECT_EQ(p.points.expiry.round, Period::Month);
}

TEST(Policy, StaffFeedbackAndOfflineBlocksAreOptionalWithDefaults)
{
    const Policy base = loadTestPolicy("base.policy.json");
    EXPECT_EQ(base.adjust.supervisorThreshold, 500);
    EXPECT_EQ(base.feedbackCategories,
              (std::vector<std::string>{"food", "service", "cleanliness", "waiting_time", "other"}));
    EXPECT_EQ(base.offline.maxRedemptions, 3);
    EXPECT_EQ(base.offline.maxValue, 10000);
    EXPECT_EQ(base.offline.maxDenyListAgeHours, 24);
    const Policy staff = loadTestPolicy("staff.policy.json");
    EXPECT_EQ(staff.adjust.supervisorThreshold, 100);
    EXPECT_EQ(staff.feedbackCategories, (std::vector<std::string>{"food", "service", "other"}));
    EXPECT_EQ(staff.offline.maxRedemptions, 2);
    EXPECT_EQ(staff.offline.maxValue, 5000);
    EXPECT_EQ(staff.offline.maxDenyListAgeHours, 12);
}

TEST(Policy, TranslationsAreOptionalAndReadPerLocale)
{
    EXPECT_TRUE(loadTestPolicy("base.policy.json").translations.empty());
    const Policy p = loadTestPolicy("translations.policy.json");
    ASSERT_EQ(p.translations.size(), 2u);
    EXPECT_EQ(p.translations.at("zh_CN").at("Gold"), "金卡");
    const Phrasebook zh = p.phrasebook("zh_CN");
    EXPECT_EQ(zh.phrase("Free cake"), "免费蛋糕");
    EXPECT_EQ(zh.phrase("Tea for two"), "Tea for two"); // untranslated texts stay English
    EXPECT_EQ(p.phrasebook("en_GB").phrase("Free cake"), "Complimentary cake");
    EXPECT_TRUE(p.phrasebook("fr").empty());
}

TEST(Policy, ExampleTranslatesEveryScreenTextToChinese)
{
    auto p = PolicyParser::load(dataPath("../../docs/examples/hotel-restaurant.policy.json"));
    ASSERT_TRUE(p.ok()) << p.error().message;
    const auto &zh = p->translations.at("zh_CN");
    for (const auto &text : p->texts())
        EXPECT_TRUE(zh.count(text)) << "no zh_CN translation of '" << text << "'";
}

// Each defect and a fragment its message must contain (so the error is specific, not generic).
const std::map<std::string, std::string> kDefects = {
    {"malformed-json", "not valid JSON"},
    {"overlapping-topup-tiers", "overlap"},
    {"open-ended-tier-not-last", "overlap"},
    {"unknown-currency", "currency"},
    {"unknown-timezone", "unknown IANA time zone 'Mars/Olympus'"},
    {"unknown-field", "points.expiry_days: unknown field"},
    {"float-amount", "stored_value.min_topup: must be an amount in a string"},
    {"negative-bonus", "stored_value.topup_tiers[1].bonus"},
    {"unknown-offer-tier", "unknown tier 'platinum'"},
    {"unknown-offer-voucher", "unknown voucher rule 'v-nope'"},
    {"unknown-promotion-category", "unknown category 'sushi'"},
    {"unknown-favourite-category", "favourite_category: unknown category 'sushi'"},
    {"duplicate-rule-id", "'v-spend100' is used by another rule"},
    {"tiers-not-ascending", "rising minimums"},
    {"first-tier-not-zero", "must start at 0"},
    {"promotion-ends-before-start", "is before from"},
    {"discount-unknown-pay-method", "'cheque' is not an accepted pay method"},
    {"discount-rate-above-one", "at most 1"},
    {"member-price-above-price", "above the normal price"},
    {"member-price-without-membership", "membership: missing"},
    {"variable-reward-bad-step", "multiples of step"},
    {"missing-earn-rule", "points.earn: missing"},
    {"wrong-schema", "schema"},
    {"pin-cost-out-of-range", "pin.scrypt_log2n"},
    {"expiry-at-issue", "expires at the moment of issue"},
    {"zero-earn-per", "points.earn.per: must be more than zero"},
    {"bad-rational", "zero denominator"},
    {"stored-value-in-pay-methods", "always accepted"},
    {"offer-voucher-and-points", "either a voucher or points"},
    {"offer-bad-limit-period", "offers[0].limit_period: 'weekly' is not one of life, year, month, birthday_year"},
    {"feedback-duplicate-category", "feedback.categories: lists 'food' twice"},
    {"offline-unknown-field", "offline.max_redemption: unknown field"},
    {"adjust-negative-threshold", "adjust.supervisor_threshold"},
    {"translations-bad-locale", "translations.zh-cn: 'zh-cn' is not a locale name"},
    {"translations-unknown-text", "translations.zh_CN: 'Birthday tret' is not a text of this policy"},
    {"translations-placeholder-mismatch", "must use exactly the placeholders {date} {points}, not {points}"},
    {"translations-empty-translation", "the translation of 'Welcome' must be a non-empty string"},
    {"offer-unknown-quadrant", "when.quadrant: must be one of A, B, C, D"},
    {"offer-unknown-pyramid-level", "when.pyramid: 'platinum' is not a level"},
    {"offer-segment-with-points-expiring", "when.churn_risk: an offer on HQ segments"},
};

TEST(Policy, EveryInvalidFixtureIsRefusedWithItsOwnMessage)
{
    size_t seen = 0;
    for (const auto &entry : std::filesystem::directory_iterator(dataPath("engine/policy/invalid"))) {
        std::string name = entry.path().filename().string();
        name = name.substr(0, name.find(".policy.json"));
        auto it = kDefects.find(name);
        ASSERT_NE(it, kDefects.end()) << "fixture " << name << " has no expected message in kDefects";
        auto p = PolicyParser::load(entry.path());
        ASSERT_FALSE(p.ok()) << name << " was accepted";
        EXPECT_EQ(p.error().code, ErrorCode::InvalidArgument) << name;
        EXPECT_NE(p.error().message.find(it->second), std::string::npos)
            << name << ": message '" << p.error().message << "' lacks '" << it->second << "'";
        EXPECT_EQ(p.error().message.rfind("policy: ", 0), 0u) << name;
        ++seen;
    }
    EXPECT_EQ(seen, kDefects.size());
}

TEST(Policy, MissingFileIsNotFound)
{
    auto p = PolicyParser::load("/nonexistent/policy.json");
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().code, ErrorCode::NotFound);
}

} // namespace
} // namespace tapledger::test
