#include "core/engine/explainer.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/explainertemplates.h"
#include "core/engine/rational.h"
#include "core/money.h"

#include <climits>

namespace tapledger {

std::string formatAmount(int64_t minor, int exponent)
{
    std::string plain = formatMinorUnits(minor, exponent);
    const bool negative = !plain.empty() && plain[0] == '-';
    if (negative)
        plain.erase(0, 1);
    const size_t dot = plain.find('.');
    std::string whole = plain.substr(0, dot);
    const std::string frac = dot == std::string::npos ? "" : plain.substr(dot);
    std::string out = negative ? "-" : "";
    for (size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0)
            out += ',';
        out += whole[i];
    }
    out += frac;
    return out;
}

namespace {
using nlohmann::json;
using extra::num;
using extra::str;
namespace P = phrase;

/// Explains one entry with one phrasebook: every text goes through line() (a template) or
/// term() (a word filled into a template).
class Line
{
public:
    Line(const Phrasebook &book, const VenueCalendar &calendar, int exponent)
        : m_book(book), m_calendar(calendar), m_exponent(exponent)
    {
    }

    std::string line(const char *tpl, const TemplateArgs &args) const { return fillTemplate(m_book.phrase(tpl), args); }
    std::string term(const std::string &word) const { return m_book.phrase(word); }
    std::string amount(int64_t minor) const { return m_book.money(minor, m_exponent); }
    std::string when(int64_t ms) const { return ms == INT64_MAX ? term(P::kNever) : m_calendar.localDateTime(ms); }
    std::string date(int64_t ms) const { return m_calendar.localDate(ms); }
    static std::string seqRef(int64_t seq) { return "#" + std::to_string(seq); }
    static std::string signedNumber(int64_t n) { return (n >= 0 ? "+" : "") + std::to_string(n); }
    std::string ruleTag(const json &x, const char *idKey = "rule", const char *versionKey = "version") const
    {
        return line(P::kRuleTag, {{"rule", str(x, idKey)}, {"version", std::to_string(num(x, versionKey, 1))}});
    }
    /// " (rule id vN)" when the entry names its rule; "" for entries written before rule tags.
    std::string tagged(const json &x) const { return x.contains("rule") ? " " + ruleTag(x) : std::string(); }

private:
    const Phrasebook &m_book;
    const VenueCalendar &m_calendar;
    int m_exponent;
};

std::string earnDetail(const Line &l, const json &x)
{
    const std::string kind = str(x, "line");
    std::string s;
    if (kind == "earn") {
        s = l.line(P::kEarnSpend, {{"amount", l.amount(num(x, "amount"))},
                                   {"points_per", std::to_string(num(x, "points_per"))},
                                   {"per", l.amount(num(x, "per"))},
                                   {"tier", l.term(str(x, "tier_name"))},
                                   {"multiplier", str(x, "tier_multiplier")}});
        if (str(x, "promo_multiplier") != "1")
            s += l.line(P::kEarnPromotion, {{"multiplier", str(x, "promo_multiplier")}});
        s += l.line(P::kEarnRounding, {{"rounding", l.term(str(x, "rounding"))}, {"rule", l.ruleTag(x)}});
    } else if (kind == "visit") {
        s = l.line(P::kEarnVisit, {{"date", str(x, "date")}, {"rule", l.ruleTag(x)}});
    } else if (kind == "threshold") {
        s = l.line(P::kEarnThreshold, {{"amount", l.amount(num(x, "amount"))},
                                       {"min_spend", l.amount(num(x, "min_spend"))},
                                       {"rule", l.ruleTag(x)}});
    } else if (kind == "promo") {
        s = l.line(P::kEarnPromoBonus, {{"from", str(x, "from")}, {"to", str(x, "to")}, {"rule", l.ruleTag(x)}});
    } else if (kind == "offer") {
        s = l.line(P::kEarnOffer, {{"title", l.term(str(x, "title"))},
                                   {"offer", str(x, "offer")},
                                   {"version", std::to_string(num(x, "offer_version", 1))},
                                   {"source", l.term(str(x, "source"))}});
    } else {
        s = l.line(P::kEarned, {});
    }
    if (x.contains("capped_from"))
        s += l.line(P::kEarnCapped, {{"capped_from", std::to_string(num(x, "capped_from"))},
                                     {"cap", l.term(str(x, "cap") == "per_day" ? P::kCapDaily : P::kCapPerPurchase)},
                                     {"cap_points", std::to_string(num(x, "cap_points"))}});
    return s;
}

std::string purchase(const Line &l, const LedgerEntry &e, const json &x)
{
    std::string s = l.line(P::kPurchase, {{"seq", Line::seqRef(static_cast<int64_t>(e.seq))},
                                          {"amount", l.amount(num(x, "amount"))},
                                          {"pay_method", l.term(str(x, "pay_method"))}});
    if (e.kind == EntryKind::Pay)
        s += l.line(P::kPurchaseFromStoredValue, {{"deposit", l.amount(e.depositDelta)}, {"bonus", l.amount(e.bonusDelta)}});
    s += l.line(P::kPurchaseList, {{"list", l.amount(num(x, "list"))}});
    if (num(x, "member_prices"))
        s += l.line(P::kPurchaseMemberPrices, {{"amount", l.amount(num(x, "member_prices"))}});
    if (x.contains("discount")) {
        const json &dsc = x["discount"];
        s += l.line(P::kPurchaseDiscount, {{"rate", dsc.value("rate", std::string())},
                                           {"amount", l.amount(num(dsc, "amount"))},
                                           {"rule", l.ruleTag(dsc)}});
    }
    if (x.contains("voucher"))
        s += l.line(P::kPurchaseVoucher, {{"voucher", Line::seqRef(num(x, "voucher"))},
                                          {"amount", l.amount(num(x, "voucher_value"))}});
    return s + l.tagged(x);
}

std::string returned(const Line &l, const LedgerEntry &e, const json &x)
{
    std::string s;
    if (x.value("partial", false)) {
        std::string items;
        for (const auto &item : x.value("items", json::array()))
            items += (items.empty() ? "" : ", ") + l.line(P::kReturnLine, {{"quantity", std::to_string(num(item, "quantity"))},
                                                                          {"name", l.term(str(item, "name"))}});
        s = l.line(P::kReturnPartial, {{"items", items},
                                       {"purchase", Line::seqRef(num(x, "purchase"))},
                                       {"amount", l.amount(num(x, "amount"))},
                                       {"points", Line::signedNumber(e.pointsDelta)},
                                       {"earned", std::to_string(num(x, "points_earned"))}});
        for (const auto &t : x.value("thresholds_reversed", json::array()))
            s += l.line(P::kReturnThreshold, {{"rule", str(t, "rule")}, {"min_spend", l.amount(num(t, "min_spend"))}});
    } else {
        s = l.line(P::kReturn, {{"purchase", Line::seqRef(num(x, "purchase"))},
                                {"amount", l.amount(num(x, "amount"))},
                                {"points", Line::signedNumber(e.pointsDelta)},
                                {"earned", std::to_string(num(x, "points_earned"))}});
    }
    if (num(x, "shortfall"))
        s += l.line(P::kReturnShortfall, {{"shortfall", std::to_string(num(x, "shortfall"))}});
    if (e.depositDelta || e.bonusDelta)
        s += l.line(P::kReturnStoredValue, {{"deposit", l.amount(e.depositDelta)}, {"bonus", l.amount(e.bonusDelta)}});
    else
        s += l.line(P::kReturnRefund, {{"pay_method", l.term(str(x, "pay_method"))}});
    if (x.contains("voucher_reinstated"))
        s += l.line(P::kReturnVoucher, {{"voucher", Line::seqRef(num(x, "voucher_reinstated"))}});
    return s + l.tagged(x);
}

std::string voucher(const Line &l, const LedgerEntry &e, const json &x)
{
    switch (e.kind) {
    case EntryKind::VoucherIssue: {
        std::string s = l.line(P::kVoucherIssue, {{"seq", Line::seqRef(static_cast<int64_t>(e.seq))},
                                                  {"value", l.amount(num(x, "value"))}});
        if (num(x, "min_spend"))
            s += l.line(P::kVoucherMinSpend, {{"min_spend", l.amount(num(x, "min_spend"))}});
        s += l.line(P::kVoucherValidTo, {{"date", l.when(num(x, "expires_ms"))}});
        if (x.contains("offer"))
            return s + l.line(P::kVoucherFromOffer, {{"title", l.term(str(x, "title"))}, {"source", l.term(str(x, "source"))}}) +
                   " " + l.ruleTag(x, "offer", "offer_version");
        return s + l.line(P::kVoucherForPurchase, {{"purchase", Line::seqRef(num(x, "purchase"))},
                                                   {"amount", l.amount(num(x, "amount"))},
                                                   {"rule", l.ruleTag(x)}});
    }
    case EntryKind::VoucherUse:
        return l.line(P::kVoucherUse, {{"voucher", Line::seqRef(num(x, "voucher"))},
                                       {"value", l.amount(num(x, "value"))},
                                       {"purchase", Line::seqRef(num(x, "purchase"))}}) +
               l.tagged(x);
    default:
        if (str(x, "reason") == "purchase_returned" && x.contains("remaining"))
            return l.line(P::kVoucherVoidPartial, {{"voucher", Line::seqRef(num(x, "voucher"))},
                                                   {"purchase", Line::seqRef(num(x, "purchase"))},
                                                   {"remaining", l.amount(num(x, "remaining"))},
                                                   {"min_spend", l.amount(num(x, "trigger_min_spend"))}}) +
                   l.tagged(x);
        if (str(x, "reason") == "purchase_returned")
            return l.line(P::kVoucherVoid, {{"voucher", Line::seqRef(num(x, "voucher"))},
                                            {"purchase", Line::seqRef(num(x, "purchase"))}}) +
                   l.tagged(x);
        return l.line(P::kVoucherExpired, {{"voucher", Line::seqRef(num(x, "voucher"))},
                                           {"value", l.amount(num(x, "value"))},
                                           {"date", l.when(num(x, "expires_ms"))}}) +
               l.tagged(x);
    }
}

std::string tierChange(const Line &l, const LedgerEntry &e, const json &x)
{
    if (e.member.isNil())
        return l.line(P::kTierReview, {{"date", str(x, "review_date")}}) + l.tagged(x);
    const bool spend = str(x, "basis") == "spend";
    const std::string value = spend ? l.line(P::kTierSpend, {{"amount", l.amount(num(x, "value"))}})
                                    : l.line(P::kTierPoints, {{"points", std::to_string(num(x, "value"))}});
    const std::string s = l.line(P::kTierChange, {{"from", l.term(str(x, "from_name"))},
                                                  {"to", l.term(str(x, "to_name"))},
                                                  {"value", value},
                                                  {"days", std::to_string(num(x, "window_days"))}});
    if (str(x, "reason") == "review")
        return s + l.line(P::kTierAtReview, {{"date", str(x, "review_date")}}) + l.tagged(x);
    return s + l.line(P::kTierUpgrade, {{"min", spend ? l.amount(num(x, "min")) : std::to_string(num(x, "min"))}}) +
           l.tagged(x);
}

std::string staffLine(const Line &l, const LedgerEntry &e, const json &x)
{
    if (e.kind == EntryKind::ShiftOpen)
        return l.line(P::kShiftOpen, {{"name", str(x, "name")}, {"role", l.term(str(x, "role"))}});
    std::string s = l.line(P::kShiftClose, {{"shift", Line::seqRef(num(x, "open_seq"))}, {"name", str(x, "name")}});
    if (auto methods = x.find("by_pay_method"); methods != x.end() && methods->is_array()) {
        for (const auto &m : *methods)
            s += l.line(P::kShiftPayMethod, {{"pay_method", l.term(str(m, "pay_method"))},
                                             {"topups", l.amount(num(m, "topups"))},
                                             {"sales", l.amount(num(m, "purchases"))},
                                             {"refunds", l.amount(num(m, "refunds"))}});
    }
    return s + l.line(P::kShiftTotals, {{"bonus", l.amount(num(x, "bonus_granted"))},
                                        {"issued", std::to_string(num(x, "points_issued"))},
                                        {"redeemed", std::to_string(num(x, "points_redeemed"))},
                                        {"adjusted", std::to_string(num(x, "points_adjusted"))}});
}

std::string feedback(const Line &l, const json &x)
{
    std::string s = l.line(P::kFeedback, {});
    if (num(x, "rating"))
        s += l.line(P::kFeedbackRating, {{"rating", std::to_string(num(x, "rating"))}});
    if (!str(x, "category").empty())
        s += l.line(P::kFeedbackCategory, {{"category", l.term(str(x, "category"))}});
    if (!str(x, "text").empty())
        s += l.line(P::kFeedbackText, {{"text", str(x, "text")}});
    return s;
}
} // namespace

std::string Explainer::explain(const LedgerEntry &e) const
{
    return explain(e, m_book);
}

std::string Explainer::explain(const LedgerEntry &e, const Phrasebook &book) const
{
    auto parsed = extra::of(e);
    const json x = parsed ? *parsed : json::object();
    const Line l(book, m_calendar, m_exponent);
    const auto card = [](const std::string &id) { return id.substr(0, 8); };

    switch (e.kind) {
    case EntryKind::Enrol:
        if (x.value("staff", false))
            return l.line(P::kEnrolStaff, {{"name", str(x, "name")}, {"role", l.term(str(x, "role"))}});
        return l.line(P::kEnrolMember, {{"name", str(x, "name")}, {"handle", str(x, "handle")}});
    case EntryKind::Issue:
        return l.line(P::kIssue, {{"card", card(e.card.toString())}});
    case EntryKind::TopUp: {
        std::string s = l.line(P::kTopUp, {{"amount", l.amount(num(x, "amount"))},
                                           {"pay_method", l.term(str(x, "pay_method"))},
                                           {"deposit", l.amount(e.depositDelta)}});
        if (x.contains("rule"))
            return s + l.line(P::kTopUpBonus, {{"bonus", l.amount(e.bonusDelta)},
                                               {"min", l.amount(num(x, "tier_min"))},
                                               {"rule", l.ruleTag(x)}});
        return s + l.line(P::kTopUpNoBonus, {});
    }
    case EntryKind::Purchase:
    case EntryKind::Pay:
        return purchase(l, e, x);
    case EntryKind::Earn:
        return l.line(P::kPointsLine, {{"points", Line::signedNumber(e.pointsDelta)}, {"detail", earnDetail(l, x)}});
    case EntryKind::Redeem: {
        std::string s = l.line(P::kRedeem, {{"points", Line::signedNumber(e.pointsDelta)}, {"name", l.term(str(x, "name"))}});
        if (x.contains("credit"))
            s += l.line(P::kRedeemCredit, {{"credit", l.amount(num(x, "credit"))},
                                           {"value_per_point", str(x, "value_per_point")}});
        if (num(x, "cash"))
            s += l.line(P::kRedeemCash, {{"cash", l.amount(num(x, "cash"))}, {"pay_method", l.term(str(x, "pay_method"))}});
        return s + " " + l.ruleTag(x, "reward");
    }
    case EntryKind::VoucherIssue:
    case EntryKind::VoucherUse:
    case EntryKind::VoucherExpire:
        return voucher(l, e, x);
    case EntryKind::PointsExpire:
        return l.line(P::kPointsExpire, {{"points", Line::signedNumber(e.pointsDelta)},
                                         {"batch", Line::seqRef(num(x, "batch"))},
                                         {"earned", l.date(num(x, "earned_ms"))},
                                         {"date", l.when(num(x, "expires_ms"))}}) +
               l.tagged(x);
    case EntryKind::Return:
        return returned(l, e, x);
    case EntryKind::Membership:
        return l.line(x.value("renewal", false) ? P::kMembershipRenewed : P::kMembershipBought,
                      {{"fee", l.amount(num(x, "fee"))},
                       {"pay_method", l.term(str(x, "pay_method"))},
                       {"date", l.when(num(x, "valid_until_ms"))},
                       {"rule", l.ruleTag(x)}});
    case EntryKind::Refund:
        return l.line(P::kRefund, {{"deposit", l.amount(num(x, "refunded"))}, {"bonus", l.amount(num(x, "forfeited"))}}) +
               l.tagged(x);
    case EntryKind::TierChange:
        return tierChange(l, e, x);
    case EntryKind::Adjust:
        return l.line(P::kAdjust, {{"points", Line::signedNumber(e.pointsDelta)},
                                   {"role", l.term(str(x, "role"))},
                                   {"reason", str(x, "reason")}});
    case EntryKind::Transfer: {
        const std::string head = str(x, "direction") == "out"
                                     ? l.line(P::kTransferOut, {{"card", card(str(x, "to_card"))}})
                                     : l.line(P::kTransferIn, {{"card", card(e.card.toString())},
                                                               {"from_card", card(str(x, "from_card"))}});
        return head + l.line(P::kTransferBalances, {{"deposit", l.amount(num(x, "deposit"))},
                                                    {"bonus", l.amount(num(x, "bonus"))},
                                                    {"points", std::to_string(num(x, "points"))}});
    }
    case EntryKind::Feedback:
        return feedback(l, x);
    case EntryKind::ShiftOpen:
    case EntryKind::ShiftClose:
        return staffLine(l, e, x);
    case EntryKind::CardAlert:
        if (str(x, "action") == "block")
            return l.line(P::kCardBlocked, {{"card", card(e.card.toString())}, {"reason", l.term(str(x, "reason"))}});
        return l.line(P::kCardAlert, {{"reason", l.term(str(x, "reason"))}});
    case EntryKind::PinChange:
        return l.line(P::kPinChanged, {});
    case EntryKind::HqSync: {
        const auto body = x.find("body");
        const nlohmann::json none = nlohmann::json::object();
        const nlohmann::json &b = body != x.end() && body->is_object() ? *body : none;
        const std::string type = str(x, "type");
        if (type == "deny")
            return l.line(P::kHqSyncDeny, {{"card", card(str(b, "card"))}, {"reason", l.term(str(b, "reason"))}});
        if (type == "kiosk_key")
            return l.line(P::kHqSyncKiosk, {{"kiosk", str(b, "kiosk_id")}, {"status", l.term(str(b, "status"))}});
        if (e.depositDelta == 0 && e.bonusDelta == 0 && e.pointsDelta == 0)
            return l.line(P::kHqSyncUnchanged, {});
        return l.line(P::kHqSyncMember, {{"deposit", l.amount(e.depositDelta)},
                                         {"bonus", l.amount(e.bonusDelta)},
                                         {"points", Line::signedNumber(e.pointsDelta)}});
    }
    case EntryKind::CardSync:
        return l.line(P::kCardSync, {{"kiosk", str(x, "kiosk")},
                                     {"deposit", l.amount(e.depositDelta)},
                                     {"bonus", l.amount(e.bonusDelta)},
                                     {"points", Line::signedNumber(e.pointsDelta)}});
    default:
        return std::string(entryKindName(e.kind));
    }
}

} // namespace tapledger
