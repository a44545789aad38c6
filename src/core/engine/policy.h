#pragma once
// The program policy as data (docs/policy.md). Built only by PolicyParser, which validates it;
// the engine may rely on every invariant stated here. Amounts are minor units of `currency`.

#include "core/engine/phrasebook.h"
#include "core/engine/rational.h"
#include "core/engine/venuecalendar.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tapledger {

/// The pay method name that means "from the member's stored value".
inline constexpr const char *kPayStoredValue = "stored_value";

/// Identity of a rule as written on ledger entries: "rule:<id>@<version>".
struct RuleId
{
    std::string id;       ///< [a-z0-9-]{1,40}, unique across the whole policy
    int64_t version = 1;  ///< >= 1
    /// "rule:earn-std@3".
    std::string ref() const { return "rule:" + id + "@" + std::to_string(version); }
};

/// Names of the program-level rules that have no id of their own in the policy: the policy field
/// path, with the policy version (a dot never occurs in a policy id, so they cannot clash). Every
/// value line names its rule (docs/engine.md, "Rule tags").
namespace programrule {
inline constexpr const char *kSpendOrder = "stored_value.spend_order"; ///< pay: deposit/bonus split
inline constexpr const char *kRefund = "stored_value.refund";          ///< refund: deposit out, bonus forfeited
inline constexpr const char *kTiers = "tiers";                         ///< tier_change: window, levels, review
inline constexpr const char *kPointsExpiry = "points.expiry";          ///< points_expire
inline constexpr const char *kReturns = "points.returns";              ///< return: reversal, shortfall
} // namespace programrule

/// "Deposit at least min (and at most max), get bonus."
struct TopUpTier
{
    RuleId rule;
    int64_t min = 0;                 ///< minor units, > 0
    std::optional<int64_t> max;      ///< minor units, >= min; none = no upper bound
    int64_t bonus = 0;               ///< minor units, >= 0
};

/// Which stored-value balance a payment draws from first.
enum class SpendOrder { BonusFirst, DepositFirst };

struct StoredValueProgram
{
    std::vector<TopUpTier> tiers;   ///< sorted by min, non-overlapping
    int64_t minTopUp = 1;           ///< minor units, > 0
    int64_t maxTopUp = 0;           ///< minor units, 0 = no limit
    SpendOrder spendOrder = SpendOrder::BonusFirst;
};

/// Points per spend: `points` per `per` minor units, i.e. rate = points/per points per minor unit.
struct EarnRule
{
    RuleId rule;
    int64_t points = 1;   ///< > 0
    int64_t per = 1;      ///< minor units, > 0
    Rounding rounding = Rounding::Floor;
    Rational rate() const { return Rational(points, per); }
};

/// +points for the first purchase of each local day.
struct VisitRule
{
    RuleId rule;
    int64_t points = 0; ///< > 0
};

/// One purchase of at least minSpend → +points.
struct ThresholdRule
{
    RuleId rule;
    int64_t minSpend = 0; ///< minor units, > 0
    int64_t points = 0;   ///< > 0
};

/// A dated promotion: a multiplier on the spend points and/or bonus points, within [fromMs, toMs].
struct Promotion
{
    RuleId rule;
    std::string from, to;              ///< local dates "YYYY-MM-DD", inclusive
    int64_t fromMs = 0, toMs = 0;      ///< UTC ms: local midnight of from, last ms of to
    std::string category;              ///< "" = any purchase; else one item of this category
    Rational multiplier{1, 1};         ///< >= 1; applies to the spend points
    int64_t bonusPoints = 0;           ///< >= 0
    int64_t perMemberLimit = 0;        ///< times per member, 0 = unlimited
};

struct PointsProgram
{
    EarnRule earn;
    std::optional<VisitRule> visit;
    std::vector<ThresholdRule> thresholds;
    std::vector<Promotion> promotions;
    int64_t capPerPurchase = 0;  ///< points from one purchase, 0 = none
    int64_t capPerDay = 0;       ///< points from purchases per local day, 0 = none
    ExpirySpec expiry;           ///< of each earned batch
    bool allowNegative = false;  ///< a return may push the balance below zero (else: shortfall recorded)
};

/// A paid membership: fee, validity. Members enjoy member prices and member discounts.
struct MembershipProduct
{
    RuleId rule;
    int64_t fee = 0;            ///< minor units, > 0
    int64_t validityDays = 0;   ///< > 0
};

struct PriceItem
{
    std::string sku;                   ///< unique
    std::string name;
    std::string category;              ///< non-empty
    int64_t price = 0;                 ///< minor units, > 0
    std::optional<int64_t> memberPrice;///< minor units, <= price
};

/// A pay-method-conditional discount: fraction `rate` off when all conditions hold.
struct Discount
{
    RuleId rule;
    bool requiresMembership = true;
    std::vector<std::string> payMethods; ///< applies only to these (non-empty, known methods)
    Rational rate;                       ///< fraction off, 0 < rate <= 1
    Rounding rounding = Rounding::HalfUp;///< of the discount amount
};

/// Issues a voucher: by a purchase of at least triggerMinSpend, or by an offer (trigger 0).
struct VoucherRule
{
    RuleId rule;
    int64_t triggerMinSpend = 0; ///< minor units; 0 = only issued by offers
    int64_t value = 0;           ///< minor units off, > 0
    int64_t minSpend = 0;        ///< minor units a purchase must reach to use it
    ExpirySpec expiry;
};

struct Reward
{
    RuleId rule;
    std::string name;
    int64_t points = 0;          ///< fixed cost; 0 for variable rewards
    int64_t cash = 0;            ///< cash part, minor units, >= 0
    std::optional<int64_t> stock;///< total available, none = unlimited
    int64_t perMemberLimit = 0;  ///< 0 = unlimited
    bool variable = false;       ///< the member chooses the points (converted to bonus stored value)
    int64_t minPoints = 0, maxPoints = 0, step = 1; ///< variable only
    Rational valuePerPoint;      ///< variable only: minor units of bonus per point
};

enum class TierBasis { Spend, Points };

struct TierLevel
{
    std::string id;             ///< unique
    std::string name;
    int64_t min = 0;            ///< spend (minor units) or points earned in the window; ascending, first = 0
    Rational multiplier{1, 1};  ///< on spend points
};

struct TierProgram
{
    TierBasis basis = TierBasis::Spend;
    int64_t windowDays = 365;          ///< > 0
    std::vector<unsigned> reviewMonths;///< downgrades happen on the 1st of these months
    std::vector<TierLevel> levels;     ///< at least one
};

/// Conditions an offer needs; every one that is set must hold.
struct OfferConditions
{
    std::optional<int64_t> birthdayWithinDays;     ///< birthday within ±N local days
    std::optional<int64_t> pointsExpiringWithinDays;
    std::vector<std::string> tiers;                ///< member's tier is one of these
    std::optional<int64_t> noVisitDays;            ///< last purchase at least N days ago
    std::string favouriteCategory;                 ///< most spent category
    bool firstVisit = false;                       ///< no purchase yet
    // Segments HQ's CRM computes (docs/crm.md); a rule using any of them is evaluated at HQ only
    // (HqRuleOffers) and shipped to the member's kiosks as an HQ offer.
    std::string quadrant;                          ///< frequency × spend quadrant "A".."D", "" = any
    std::vector<std::string> pyramid;              ///< spend level one of "vip" "major" "ordinary" "small"
    bool churnRisk = false;                        ///< churn early warning raised (P(alive) low or gap beyond rhythm)
};

/// Over which span an offer's per-member limit counts (policy `offers[].limit_period`).
enum class LimitPeriod
{
    Life,         ///< "life": the member's whole life (default)
    Year,         ///< "year": per local calendar year of the venue
    Month,        ///< "month": per local calendar month of the venue
    BirthdayYear, ///< "birthday_year": per birthday (the year of the member's nearest birthday;
                  ///< calendar year for members without a birthday), so a birthday offer comes
                  ///< back once every year, also when its window spans New Year
};

struct OfferRule
{
    RuleId rule;
    std::string title;
    std::string reason;          ///< one line; {points} {date} {days} {tier} {category} are filled in
    int64_t priority = 0;        ///< higher first
    OfferConditions when;
    std::string voucherRule;     ///< accepting issues this voucher rule's voucher, or
    int64_t points = 0;          ///< … these bonus points; neither = informational
    int64_t perMemberLimit = 1;  ///< acceptances per member, 0 = unlimited
    LimitPeriod limitPeriod = LimitPeriod::Life; ///< span perMemberLimit counts over

    /// True when a condition needs HQ's segments (quadrant, pyramid, churn_risk): the kiosk
    /// never evaluates such a rule, HQ does.
    bool evaluatedAtHq() const noexcept { return !when.quadrant.empty() || !when.pyramid.empty() || when.churnRisk; }
};

struct PinPolicy
{
    int64_t maxFailures = 5;   ///< consecutive wrong PINs before lock-out
    int64_t lockMinutes = 30;
    uint8_t scryptLog2N = 14;  ///< PIN hash cost (tests use 10)
};

/// Staff adjustments (docs/policy.md, `adjust`).
struct AdjustPolicy
{
    int64_t supervisorThreshold = 500; ///< points; |adjustment| above it needs Supervisor or Admin
};

/// Offline limits (DESIGN.md invariant 6; docs/policy.md, `offline`).
struct OfflinePolicy
{
    int64_t maxRedemptions = 3;       ///< stored-value payments + redemptions per card since its last online contact
    int64_t maxValue = 10000;         ///< minor units of stored value (and reward credit) per card offline
    int64_t maxDenyListAgeHours = 24; ///< offline spending stops when the deny-list is older
};

struct Policy
{
    std::string id;             ///< [a-z0-9-]
    int64_t version = 1;
    std::string currency;       ///< ISO 4217 code
    int exponent = 2;           ///< the currency's minor-unit digits
    std::string timezone;       ///< IANA zone
    unsigned weekStart = 1;     ///< ISO weekday
    PinPolicy pin;
    std::vector<std::string> payMethods; ///< accepted methods besides stored_value
    StoredValueProgram storedValue;
    PointsProgram points;
    std::optional<MembershipProduct> membership;
    std::vector<PriceItem> priceList;
    std::vector<Discount> discounts;
    std::vector<VoucherRule> vouchers;
    std::vector<Reward> rewards;
    TierProgram tiers;
    std::vector<OfferRule> offers;
    AdjustPolicy adjust;
    /// Feedback categories a member may pick (docs/policy.md, `feedback`).
    std::vector<std::string> feedbackCategories = {"food", "service", "cleanliness", "waiting_time", "other"};
    OfflinePolicy offline;
    /// Screen translations of the policy's own texts (docs/policy.md, `translations`): locale
    /// ("zh_CN") → English text as written in the policy → translation. Every source text occurs in
    /// the policy; a translation has exactly the placeholders of its source. Engine output (ledger
    /// extras, explanations, `tapledger sim`) stays English; screens translate at display time.
    std::map<std::string, std::map<std::string, std::string>> translations;

    /// "policy:<id>@<version>".
    std::string ref() const { return "policy:" + id + "@" + std::to_string(version); }
    /// A program-level rule (programrule::k…) of this policy version.
    RuleId programRule(const char *name) const { return RuleId{name, version}; }
    const PriceItem *item(const std::string &sku) const;
    const Reward *reward(const std::string &id) const;
    const VoucherRule *voucherRule(const std::string &id) const;
    const OfferRule *offer(const std::string &id) const;
    /// Index of the tier level @p id, or 0 (the lowest) when unknown.
    size_t tierIndex(const std::string &id) const;
    bool acceptsPayMethod(const std::string &method) const;
    /// The top-up tier whose [min, max] holds @p amount (minor units), or nullptr (no bonus).
    const TopUpTier *topUpTier(int64_t amount) const;
    /// The translations for @p locale ("zh_CN") as a phrasebook; empty (English) when none.
    Phrasebook phrasebook(const std::string &locale) const;
    /// Every text of the policy a screen may show and `translations` may translate: offer titles
    /// and reasons, reward, tier and price-list item names, categories, pay methods and feedback
    /// categories.
    std::set<std::string> texts() const;
};

} // namespace tapledger
