#include "core/engine/policyparser.h"

#include "core/engine/policyjson_p.h"
#include "core/money.h"

#include <algorithm>
#include <climits>
#include <fstream>
#include <set>
#include <sstream>

namespace tapledger {

namespace {
constexpr const char *kSchema = "tapledger-policy/1";

/// Parses the sections in order; cross-references are checked once everything is read.
class Reader
{
public:
    explicit Reader(Policy &p) : m_p(p) {}

    void top(PolicyJson &root)
    {
        if (root.str("schema") != kSchema)
            root.defect("schema", std::string("must be \"") + kSchema + "\"");
        m_p.id = root.ident("id");
        m_p.version = root.integer("version", 1, INT32_MAX);
        m_p.currency = root.str("currency");
        auto currency = Currency::fromCode(m_p.currency);
        if (!currency)
            root.defect("currency", currency.error().message);
        m_currency.emplace(*currency);
        m_p.exponent = currency->exponent();
        m_p.timezone = root.str("timezone");
        const std::string week = root.strOr("week_starts", "monday");
        const std::vector<std::string> days = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
        auto it = std::find(days.begin(), days.end(), week);
        if (it == days.end())
            root.defect("week_starts", "'" + week + "' is not a weekday name (monday … sunday)");
        m_p.weekStart = static_cast<unsigned>(it - days.begin()) + 1;
        auto cal = VenueCalendar::create(m_p.timezone, m_p.weekStart);
        if (!cal)
            root.defect("timezone", cal.error().message);
        m_calendar.emplace(*cal);

        if (root.has("pin")) {
            PolicyJson pin = root.object("pin");
            m_p.pin.maxFailures = pin.integerOr("max_failures", 5, 1, 100);
            m_p.pin.lockMinutes = pin.integerOr("lock_minutes", 30, 1, 100000);
            m_p.pin.scryptLog2N = static_cast<uint8_t>(pin.integerOr("scrypt_log2n", 14, 10, 20));
            pin.finish();
        }
        m_p.payMethods = root.strings("pay_methods");
        std::set<std::string> seen;
        for (const auto &m : m_p.payMethods) {
            if (m == kPayStoredValue)
                root.defect("pay_methods", "lists stored_value, which is always accepted; list the other methods");
            if (!seen.insert(m).second)
                root.defect("pay_methods", "lists '" + m + "' twice");
        }
    }

    RuleId rule(PolicyJson &o)
    {
        RuleId r{o.ident("id"), o.integerOr("version", 1, 1, INT32_MAX)};
        if (!m_ruleIds.insert(r.id).second)
            o.defect("id", "'" + r.id + "' is used by another rule (rule ids are unique across the policy)");
        return r;
    }

    void storedValue(PolicyJson sv)
    {
        auto &out = m_p.storedValue;
        for (auto &t : sv.objects("topup_tiers")) {
            TopUpTier tier;
            tier.rule = rule(t);
            tier.min = t.money("min", *m_currency);
            if (tier.min <= 0)
                t.defect("min", "must be more than zero");
            if (t.has("max")) {
                tier.max = t.money("max", *m_currency);
                if (*tier.max < tier.min)
                    t.defect("max", "is below min");
            }
            tier.bonus = t.money("bonus", *m_currency);
            t.finish();
            out.tiers.push_back(tier);
        }
        std::sort(out.tiers.begin(), out.tiers.end(), [](const auto &a, const auto &b) { return a.min < b.min; });
        for (size_t i = 0; i + 1 < out.tiers.size(); ++i) {
            const auto &a = out.tiers[i];
            const auto &b = out.tiers[i + 1];
            if (!a.max || *a.max >= b.min)
                sv.defect("topup_tiers", "tiers '" + a.rule.id + "' (" + range(a) + ") and '" + b.rule.id + "' (" +
                                             range(b) + ") overlap: a deposit would match both");
        }
        out.minTopUp = sv.moneyOr("min_topup", 1, *m_currency);
        if (out.minTopUp <= 0)
            sv.defect("min_topup", "must be more than zero");
        out.maxTopUp = sv.moneyOr("max_topup", 0, *m_currency);
        if (out.maxTopUp != 0 && out.maxTopUp < out.minTopUp)
            sv.defect("max_topup", "is below min_topup");
        const std::string order = sv.strOr("spend_order", "bonus_first");
        if (order == "bonus_first")
            out.spendOrder = SpendOrder::BonusFirst;
        else if (order == "deposit_first")
            out.spendOrder = SpendOrder::DepositFirst;
        else
            sv.defect("spend_order", "'" + order + "' is not bonus_first or deposit_first");
        sv.finish();
    }

    void points(PolicyJson pts)
    {
        auto &out = m_p.points;
        PolicyJson earn = pts.object("earn");
        out.earn.rule = rule(earn);
        out.earn.points = earn.integer("points", 1, 1000000);
        out.earn.per = earn.money("per", *m_currency);
        if (out.earn.per <= 0)
            earn.defect("per", "must be more than zero");
        out.earn.rounding = earn.roundingOr("rounding", Rounding::Floor);
        earn.finish();
        if (pts.has("visit")) {
            PolicyJson v = pts.object("visit");
            out.visit = VisitRule{rule(v), v.integer("points", 1, 1000000)};
            v.finish();
        }
        for (auto &t : pts.objects("thresholds")) {
            ThresholdRule r{rule(t), t.money("min_spend", *m_currency), t.integer("points", 1, 1000000)};
            if (r.minSpend <= 0)
                t.defect("min_spend", "must be more than zero");
            t.finish();
            out.thresholds.push_back(r);
        }
        for (auto &pr : pts.objects("promotions")) {
            Promotion p;
            p.rule = rule(pr);
            p.from = pr.str("from");
            p.to = pr.str("to");
            auto from = m_calendar->parseLocalDate(p.from);
            auto to = m_calendar->parseLocalDate(p.to);
            if (!from)
                pr.defect("from", from.error().message);
            if (!to)
                pr.defect("to", to.error().message);
            if (*to < *from)
                pr.defect("to", "is before from");
            p.fromMs = *from;
            p.toMs = m_calendar->expiryAt(*to, ExpirySpec{false, 0, 0, Period::Day});
            p.category = pr.strOr("category", "");
            p.multiplier = pr.rationalOr("multiplier", Rational(1, 1));
            if (p.multiplier < Rational(1, 1))
                pr.defect("multiplier", "must be at least 1");
            p.bonusPoints = pr.integerOr("bonus_points", 0, 0, 1000000);
            if (p.multiplier.isOne() && p.bonusPoints == 0)
                pr.defect("multiplier", "the promotion gives nothing: set a multiplier above 1 or bonus_points");
            p.perMemberLimit = pr.integerOr("per_member_limit", 0, 0, 1000000);
            pr.finish();
            out.promotions.push_back(p);
        }
        out.capPerPurchase = pts.integerOr("cap_per_purchase", 0, 0, INT32_MAX);
        out.capPerDay = pts.integerOr("cap_per_day", 0, 0, INT32_MAX);
        out.expiry = pts.expiry("expiry");
        out.allowNegative = pts.boolOr("allow_negative", false);
        pts.finish();
    }

    void membership(PolicyJson m)
    {
        MembershipProduct p{rule(m), m.money("fee", *m_currency), m.integer("validity_days", 1, 36500)};
        if (p.fee <= 0)
            m.defect("fee", "must be more than zero");
        m.finish();
        m_p.membership = p;
    }

    void priceList(PolicyJson &root)
    {
        std::set<std::string> skus;
        for (auto &i : root.objects("price_list")) {
            PriceItem item;
            item.sku = i.ident("sku");
            if (!skus.insert(item.sku).second)
                i.defect("sku", "'" + item.sku + "' is listed twice");
            item.name = i.str("name");
            item.category = i.ident("category");
            item.price = i.money("price", *m_currency);
            if (item.price <= 0)
                i.defect("price", "must be more than zero");
            if (i.has("member_price")) {
                item.memberPrice = i.money("member_price", *m_currency);
                if (*item.memberPrice > item.price)
                    i.defect("member_price", "is above the normal price");
            }
            i.finish();
            m_categories.insert(item.category);
            m_p.priceList.push_back(item);
        }
    }

    void discounts(PolicyJson &root)
    {
        for (auto &d : root.objects("discounts")) {
            Discount disc;
            disc.rule = rule(d);
            disc.requiresMembership = d.boolOr("requires_membership", true);
            disc.payMethods = d.strings("pay_methods");
            if (disc.payMethods.empty())
                d.defect("pay_methods", "must list at least one pay method");
            for (const auto &m : disc.payMethods) {
                if (!m_p.acceptsPayMethod(m))
                    d.defect("pay_methods", "'" + m + "' is not an accepted pay method (see pay_methods)");
            }
            disc.rate = d.rational("rate");
            if (disc.rate.isZero() || Rational(1, 1) < disc.rate)
                d.defect("rate", "must be a fraction above 0 and at most 1, e.g. \"1/5\" for 20% off");
            disc.rounding = d.roundingOr("rounding", Rounding::HalfUp);
            d.finish();
            m_p.discounts.push_back(disc);
        }
    }

    void vouchers(PolicyJson &root)
    {
        for (auto &v : root.objects("vouchers")) {
            VoucherRule r;
            r.rule = rule(v);
            r.triggerMinSpend = v.moneyOr("trigger_min_spend", 0, *m_currency);
            r.value = v.money("value", *m_currency);
            if (r.value <= 0)
                v.defect("value", "must be more than zero");
            r.minSpend = v.moneyOr("min_spend", 0, *m_currency);
            r.expiry = v.expiry("expiry");
            v.finish();
            m_p.vouchers.push_back(r);
        }
    }

    void rewards(PolicyJson &root)
    {
        for (auto &r : root.objects("rewards")) {
            Reward w;
            w.rule = rule(r);
            w.name = r.str("name");
            w.cash = r.moneyOr("cash", 0, *m_currency);
            if (r.has("stock"))
                w.stock = r.integer("stock", 0, INT32_MAX);
            w.perMemberLimit = r.integerOr("per_member_limit", 0, 0, 1000000);
            if (r.has("variable")) {
                PolicyJson v = r.object("variable");
                w.variable = true;
                w.minPoints = v.integer("min_points", 1, INT32_MAX);
                w.maxPoints = v.integer("max_points", 1, INT32_MAX);
                w.step = v.integerOr("step", 1, 1, INT32_MAX);
                w.valuePerPoint = v.rational("value_per_point");
                if (w.maxPoints < w.minPoints)
                    v.defect("max_points", "is below min_points");
                if (w.minPoints % w.step || w.maxPoints % w.step)
                    v.defect("step", "min_points and max_points must be multiples of step");
                if (w.valuePerPoint.isZero())
                    v.defect("value_per_point", "must be more than zero");
                v.finish();
                if (r.has("points"))
                    r.defect("points", "a variable reward has no fixed points (the member chooses)");
                if (w.cash)
                    r.defect("cash", "a variable reward has no cash part");
            } else {
                w.points = r.integer("points", 1, INT32_MAX);
            }
            r.finish();
            m_p.rewards.push_back(w);
        }
    }

    void tiers(PolicyJson t)
    {
        auto &out = m_p.tiers;
        const std::string basis = t.strOr("basis", "spend");
        if (basis == "spend")
            out.basis = TierBasis::Spend;
        else if (basis == "points")
            out.basis = TierBasis::Points;
        else
            t.defect("basis", "'" + basis + "' is not spend or points");
        out.windowDays = t.integerOr("window_days", 365, 1, 3660);
        std::set<unsigned> months;
        if (t.has("review_months")) {
            for (int64_t m : t.integers("review_months", 1, 12)) {
                if (!months.insert(static_cast<unsigned>(m)).second)
                    t.defect("review_months", "lists month " + std::to_string(m) + " twice");
            }
        }
        out.reviewMonths.assign(months.begin(), months.end());
        std::set<std::string> ids;
        for (auto &l : t.objects("levels")) {
            TierLevel level;
            level.id = l.ident("id");
            if (!ids.insert(level.id).second)
                l.defect("id", "tier '" + level.id + "' is listed twice");
            level.name = l.str("name");
            level.min = out.basis == TierBasis::Spend ? l.money("min", *m_currency) : l.integer("min", 0, INT64_MAX);
            level.multiplier = l.rationalOr("multiplier", Rational(1, 1));
            if (level.multiplier.isZero())
                l.defect("multiplier", "must be more than zero");
            if (out.levels.empty() && level.min != 0)
                l.defect("min", "the first (lowest) tier must start at 0");
            if (!out.levels.empty() && level.min <= out.levels.back().min)
                l.defect("min", "tiers must be listed lowest first with rising minimums");
            l.finish();
            out.levels.push_back(level);
        }
        if (out.levels.empty())
            t.defect("levels", "needs at least one tier");
        t.finish();
    }

    void offers(PolicyJson &root)
    {
        for (auto &o : root.objects("offers")) {
            OfferRule r;
            r.rule = rule(o);
            r.title = o.str("title");
            r.reason = o.str("reason");
            r.priority = o.integerOr("priority", 0, -1000000, 1000000);
            if (o.has("when")) {
                PolicyJson w = o.object("when");
                if (w.has("birthday_within_days"))
                    r.when.birthdayWithinDays = w.integer("birthday_within_days", 0, 31);
                if (w.has("points_expiring_within_days"))
                    r.when.pointsExpiringWithinDays = w.integer("points_expiring_within_days", 1, 3660);
                r.when.tiers = w.strings("tiers");
                if (w.has("no_visit_days"))
                    r.when.noVisitDays = w.integer("no_visit_days", 1, 3660);
                r.when.favouriteCategory = w.strOr("favourite_category", "");
                r.when.firstVisit = w.boolOr("first_visit", false);
                r.when.quadrant = w.strOr("quadrant", "");
                if (!r.when.quadrant.empty() && (r.when.quadrant.size() != 1 || r.when.quadrant[0] < 'A' || r.when.quadrant[0] > 'D'))
                    w.defect("quadrant", "must be one of A, B, C, D (docs/crm.md), got '" + r.when.quadrant + "'");
                r.when.pyramid = w.strings("pyramid");
                for (const std::string &level : r.when.pyramid) {
                    if (level != "vip" && level != "major" && level != "ordinary" && level != "small")
                        w.defect("pyramid", "'" + level + "' is not a level (vip, major, ordinary, small)");
                }
                r.when.churnRisk = w.boolOr("churn_risk", false);
                if (r.evaluatedAtHq()) {
                    // HQ knows segments and tiers, not the kiosk's point batches or categories.
                    if (r.when.pointsExpiringWithinDays || !r.when.favouriteCategory.empty() || r.when.firstVisit)
                        w.defect(!r.when.quadrant.empty() ? "quadrant" : !r.when.pyramid.empty() ? "pyramid" : "churn_risk",
                                 "an offer on HQ segments (quadrant, pyramid, churn_risk) cannot also use "
                                             "points_expiring_within_days, favourite_category or first_visit");
                }
                w.finish();
            }
            r.voucherRule = o.strOr("voucher", "");
            r.points = o.integerOr("points", 0, 0, 1000000);
            if (!r.voucherRule.empty() && r.points)
                o.defect("points", "an offer gives either a voucher or points, not both");
            r.perMemberLimit = o.integerOr("per_member_limit", 1, 0, 1000000);
            r.limitPeriod = o.choiceOr<LimitPeriod>("limit_period", "life",
                                                    {{"life", LimitPeriod::Life},
                                                     {"year", LimitPeriod::Year},
                                                     {"month", LimitPeriod::Month},
                                                     {"birthday_year", LimitPeriod::BirthdayYear}});
            o.finish();
            m_p.offers.push_back(r);
        }
    }

    /// adjust, feedback, offline: optional blocks with documented defaults.
    void staffAndOffline(PolicyJson &root)
    {
        if (root.has("adjust")) {
            PolicyJson a = root.object("adjust");
            m_p.adjust.supervisorThreshold = a.integerOr("supervisor_threshold", 500, 0, INT32_MAX);
            a.finish();
        }
        if (root.has("feedback")) {
            PolicyJson f = root.object("feedback");
            auto categories = f.strings("categories");
            std::set<std::string> seen;
            for (const auto &c : categories) {
                if (c.empty() || c.size() > 40)
                    f.defect("categories", "a category is 1 to 40 characters");
                if (!seen.insert(c).second)
                    f.defect("categories", "lists '" + c + "' twice");
            }
            if (categories.empty())
                f.defect("categories", "must list at least one category");
            m_p.feedbackCategories = categories;
            f.finish();
        }
        if (root.has("offline")) {
            PolicyJson o = root.object("offline");
            m_p.offline.maxRedemptions = o.integerOr("max_redemptions", 3, 0, 1000);
            m_p.offline.maxValue = o.moneyOr("max_value", m_p.offline.maxValue, *m_currency);
            m_p.offline.maxDenyListAgeHours = o.integerOr("max_denylist_age_hours", 24, 1, 24 * 365);
            o.finish();
        }
    }

    /// References between sections, checked once all are read.
    void crossCheck(PolicyJson &root)
    {
        for (size_t i = 0; i < m_p.offers.size(); ++i) {
            const auto &o = m_p.offers[i];
            const std::string at = "offers[" + std::to_string(i) + "]";
            if (!o.voucherRule.empty() && !m_p.voucherRule(o.voucherRule))
                throw PolicyJsonError{at + ".voucher: unknown voucher rule '" + o.voucherRule + "'"};
            for (const auto &t : o.when.tiers) {
                if (std::none_of(m_p.tiers.levels.begin(), m_p.tiers.levels.end(), [&](auto &l) { return l.id == t; }))
                    throw PolicyJsonError{at + ".when.tiers: unknown tier '" + t + "'"};
            }
            if (!o.when.favouriteCategory.empty() && !m_categories.count(o.when.favouriteCategory))
                throw PolicyJsonError{at + ".when.favourite_category: unknown category '" + o.when.favouriteCategory +
                                      "' (not in the price list)"};
        }
        for (size_t i = 0; i < m_p.points.promotions.size(); ++i) {
            const auto &c = m_p.points.promotions[i].category;
            if (!c.empty() && !m_categories.count(c))
                throw PolicyJsonError{"points.promotions[" + std::to_string(i) + "].category: unknown category '" + c +
                                      "' (not in the price list)"};
        }
        const bool needsMembership =
            std::any_of(m_p.discounts.begin(), m_p.discounts.end(), [](auto &d) { return d.requiresMembership; }) ||
            std::any_of(m_p.priceList.begin(), m_p.priceList.end(), [](auto &p) { return p.memberPrice.has_value(); });
        if (needsMembership && !m_p.membership)
            root.defect("membership", "missing, but member prices or member discounts refer to it");
    }

    /// translations: locale names, source texts that exist, the same placeholders.
    void translations(PolicyJson &root)
    {
        m_p.translations = root.stringTables("translations");
        const std::set<std::string> texts = m_p.texts();
        for (const auto &[locale, table] : m_p.translations) {
            const std::string at = root.at("translations") + "." + locale;
            if (!isLocaleName(locale))
                throw PolicyJsonError{at + ": '" + locale + "' is not a locale name (like zh_CN or en)"};
            for (const auto &[text, translation] : table) {
                if (!texts.count(text))
                    throw PolicyJsonError{at + ": '" + text +
                                          "' is not a text of this policy (offer titles and reasons, reward, tier "
                                          "and item names, categories, pay methods, feedback categories)"};
                const auto want = templatePlaceholders(text);
                if (templatePlaceholders(translation) != want)
                    throw PolicyJsonError{at + ": the translation of '" + text + "' must use exactly the placeholders " +
                                          placeholderList(want) + ", not " +
                                          placeholderList(templatePlaceholders(translation))};
            }
        }
    }

private:
    /// "zh_CN", "en", "pt_BR": a language, optionally "_" and a region.
    static bool isLocaleName(const std::string &name)
    {
        const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
        const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
        const size_t lang = name.find('_') == std::string::npos ? name.size() : name.find('_');
        if (lang < 2 || lang > 3 || !std::all_of(name.begin(), name.begin() + static_cast<std::ptrdiff_t>(lang), lower))
            return false;
        return lang == name.size() ||
               (name.size() == lang + 3 && upper(name[lang + 1]) && upper(name[lang + 2]));
    }

    static std::string placeholderList(const std::set<std::string> &names)
    {
        if (names.empty())
            return "(none)";
        std::string out;
        for (const auto &n : names)
            out += (out.empty() ? "{" : " {") + n + "}";
        return out;
    }

    std::string range(const TopUpTier &t) const
    {
        return formatMinorUnits(t.min, m_p.exponent) + "–" + (t.max ? formatMinorUnits(*t.max, m_p.exponent) : "");
    }

    Policy &m_p;
    std::optional<Currency> m_currency;
    std::optional<VenueCalendar> m_calendar;
    std::set<std::string> m_ruleIds;
    std::set<std::string> m_categories;
};
} // namespace

Result<Policy> PolicyParser::parse(std::string_view text)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error &e) {
        return fail(ErrorCode::InvalidArgument, std::string("policy: not valid JSON: ") + e.what());
    }
    Policy p;
    try {
        Reader r(p);
        PolicyJson root(j, "");
        r.top(root);
        r.priceList(root);
        r.storedValue(root.object("stored_value"));
        r.points(root.object("points"));
        if (root.has("membership"))
            r.membership(root.object("membership"));
        r.discounts(root);
        r.vouchers(root);
        r.rewards(root);
        r.tiers(root.object("tiers"));
        r.offers(root);
        r.staffAndOffline(root);
        r.crossCheck(root);
        r.translations(root);
        root.finish();
    } catch (const PolicyJsonError &e) {
        return fail(ErrorCode::InvalidArgument, "policy: " + e.message);
    }
    return p;
}

Result<Policy> PolicyParser::load(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::NotFound, "cannot read policy file " + path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse(ss.str());
}

} // namespace tapledger
