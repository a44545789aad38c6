#include "core/engine/explainer.h"

#include "core/engine/entryextra_p.h"
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

std::string signedPoints(int64_t points)
{
    std::string out = points >= 0 ? "+" : "";
    out += std::to_string(points);
    out += " pts";
    return out;
}

std::string ruleTag(const json &x, const char *idKey = "rule", const char *versionKey = "version")
{
    return "(rule " + str(x, idKey) + " v" + std::to_string(num(x, versionKey, 1)) + ")";
}
} // namespace

std::string Explainer::explain(const LedgerEntry &e) const
{
    auto parsed = extra::of(e);
    const json x = parsed ? *parsed : json::object();
    const auto amount = [&](int64_t minor) { return formatAmount(minor, m_exponent); };
    const auto when = [&](int64_t ms) {
        return ms == INT64_MAX ? std::string("never") : m_calendar.localDateTime(ms);
    };
    const auto seqRef = [](int64_t seq) { return std::string("#") + std::to_string(seq); };

    switch (e.kind) {
    case EntryKind::Enrol:
        if (x.value("staff", false))
            return "Registered staff member " + str(x, "name") + " as " + str(x, "role");
        return "Enrolled " + str(x, "name") + " as member '" + str(x, "handle") + "'";
    case EntryKind::Issue:
        return "Card " + e.card.toString().substr(0, 8) + " issued";
    case EntryKind::TopUp: {
        std::string s = "Top-up " + amount(num(x, "amount")) + " by " + str(x, "pay_method") + ": deposit +" +
                        amount(e.depositDelta);
        if (x.contains("rule"))
            s += ", bonus +" + amount(e.bonusDelta) + " for a deposit of at least " + amount(num(x, "tier_min")) + " " +
                 ruleTag(x);
        else
            s += " (no bonus tier reached)";
        return s;
    }
    case EntryKind::Purchase:
    case EntryKind::Pay: {
        std::string s = "Purchase " + seqRef(static_cast<int64_t>(e.seq)) + " " + amount(num(x, "amount")) + " by " +
                        str(x, "pay_method");
        if (e.kind == EntryKind::Pay)
            s += " (deposit " + amount(e.depositDelta) + ", bonus " + amount(e.bonusDelta) + ")";
        s += ": list " + amount(num(x, "list"));
        if (num(x, "member_prices"))
            s += ", member prices -" + amount(num(x, "member_prices"));
        if (x.contains("discount")) {
            const json &dsc = x["discount"];
            s += ", discount " + dsc.value("rate", std::string()) + " off -" + amount(num(dsc, "amount")) + " " + ruleTag(dsc);
        }
        if (x.contains("voucher"))
            s += ", voucher " + seqRef(num(x, "voucher")) + " -" + amount(num(x, "voucher_value"));
        return s;
    }
    case EntryKind::Earn: {
        const std::string line = str(x, "line");
        std::string s = signedPoints(e.pointsDelta) + ": ";
        if (line == "earn") {
            s += amount(num(x, "amount")) + " × " + std::to_string(num(x, "points_per")) + " pt/" + amount(num(x, "per")) +
                 " × " + str(x, "tier_name") + " " + str(x, "tier_multiplier");
            if (str(x, "promo_multiplier") != "1")
                s += " × promotion " + str(x, "promo_multiplier");
            s += " (" + str(x, "rounding") + ") " + ruleTag(x);
        } else if (line == "visit") {
            s += "first visit of " + str(x, "date") + " " + ruleTag(x);
        } else if (line == "threshold") {
            s += "purchase " + amount(num(x, "amount")) + " reached " + amount(num(x, "min_spend")) + " " + ruleTag(x);
        } else if (line == "promo") {
            s += "promotion bonus " + str(x, "from") + " to " + str(x, "to") + " " + ruleTag(x);
        } else if (line == "offer") {
            s += "offer '" + str(x, "title") + "' accepted (offer " + str(x, "offer") + " v" +
                 std::to_string(num(x, "offer_version", 1)) + ", " + str(x, "source") + ")";
        } else {
            s += "earned";
        }
        if (x.contains("capped_from"))
            s += "; capped from " + std::to_string(num(x, "capped_from")) + " by the " +
                 (str(x, "cap") == "per_day" ? "daily" : "per-purchase") + " cap of " +
                 std::to_string(num(x, "cap_points"));
        return s;
    }
    case EntryKind::Redeem: {
        std::string s = signedPoints(e.pointsDelta) + ": reward '" + str(x, "name") + "'";
        if (x.contains("credit"))
            s += " → bonus +" + amount(num(x, "credit")) + " at " + str(x, "value_per_point") + " per point";
        if (num(x, "cash"))
            s += ", cash part " + amount(num(x, "cash")) + " by " + str(x, "pay_method");
        return s + " " + ruleTag(x, "reward");
    }
    case EntryKind::VoucherIssue: {
        std::string s = "Voucher " + seqRef(static_cast<int64_t>(e.seq)) + ": " + amount(num(x, "value")) + " off";
        if (num(x, "min_spend"))
            s += " a spend of " + amount(num(x, "min_spend"));
        s += ", valid to " + when(num(x, "expires_ms"));
        if (x.contains("offer"))
            return s + " (offer '" + str(x, "title") + "', " + str(x, "source") + ")";
        return s + " for purchase " + seqRef(num(x, "purchase")) + " of " + amount(num(x, "amount")) + " " + ruleTag(x);
    }
    case EntryKind::VoucherUse:
        return "Voucher " + seqRef(num(x, "voucher")) + " used: -" + amount(num(x, "value")) + " on purchase " +
               seqRef(num(x, "purchase"));
    case EntryKind::VoucherExpire:
        if (str(x, "reason") == "purchase_returned")
            return "Voucher " + seqRef(num(x, "voucher")) + " void: purchase " + seqRef(num(x, "purchase")) +
                   " that issued it was returned";
        return "Voucher " + seqRef(num(x, "voucher")) + " (" + amount(num(x, "value")) + ") expired unused, valid to " +
               when(num(x, "expires_ms"));
    case EntryKind::PointsExpire:
        return signedPoints(e.pointsDelta) + ": expired, batch " + seqRef(num(x, "batch")) + " earned " +
               m_calendar.localDate(num(x, "earned_ms")) + ", valid to " + when(num(x, "expires_ms"));
    case EntryKind::Return: {
        std::string s = "Return of purchase " + seqRef(num(x, "purchase")) + " (" + amount(num(x, "amount")) + "): " +
                        signedPoints(e.pointsDelta) + " of " + std::to_string(num(x, "points_earned")) + " earned";
        if (num(x, "shortfall"))
            s += ", shortfall " + std::to_string(num(x, "shortfall")) + " pts (already spent)";
        if (e.depositDelta || e.bonusDelta)
            s += "; stored value back: deposit +" + amount(e.depositDelta) + ", bonus +" + amount(e.bonusDelta);
        else
            s += "; refund by " + str(x, "pay_method");
        if (x.contains("voucher_reinstated"))
            s += "; voucher " + seqRef(num(x, "voucher_reinstated")) + " reinstated";
        return s;
    }
    case EntryKind::Membership:
        return std::string(x.value("renewal", false) ? "Membership renewed" : "Membership bought") + " for " +
               amount(num(x, "fee")) + " by " + str(x, "pay_method") + ", valid to " + when(num(x, "valid_until_ms")) +
               " " + ruleTag(x);
    case EntryKind::Refund:
        return "Stored value refunded: deposit " + amount(num(x, "refunded")) + " paid out, bonus " +
               amount(num(x, "forfeited")) + " forfeited";
    case EntryKind::TierChange: {
        if (e.member.isNil())
            return "Tier review of " + str(x, "review_date");
        const bool spend = str(x, "basis") == "spend";
        const std::string value = spend ? "spend " + amount(num(x, "value")) : std::to_string(num(x, "value")) + " pts earned";
        std::string s = "Tier " + str(x, "from_name") + " → " + str(x, "to_name") + ": " + value + " in " +
                        std::to_string(num(x, "window_days")) + " days";
        if (str(x, "reason") == "review")
            return s + " at the review of " + str(x, "review_date");
        return s + " reached " + (spend ? amount(num(x, "min")) : std::to_string(num(x, "min"))) + " (upgrade)";
    }
    case EntryKind::Adjust:
        return signedPoints(e.pointsDelta) + ": staff adjustment by a " + str(x, "role") + ": " + str(x, "reason");
    case EntryKind::Transfer: {
        const bool out = str(x, "direction") == "out";
        return std::string(out ? "Card replaced: moved to card " + str(x, "to_card").substr(0, 8)
                               : "Replacement card " + e.card.toString().substr(0, 8) + " for card " +
                                     str(x, "from_card").substr(0, 8)) +
               ": deposit " + amount(num(x, "deposit")) + ", bonus " + amount(num(x, "bonus")) + ", " +
               std::to_string(num(x, "points")) + " pts";
    }
    case EntryKind::Feedback: {
        std::string s = "Feedback";
        if (num(x, "rating"))
            s += " " + std::to_string(num(x, "rating")) + "/5";
        if (!str(x, "category").empty())
            s += " on " + str(x, "category");
        if (!str(x, "text").empty())
            s += ": \"" + str(x, "text") + "\"";
        return s;
    }
    case EntryKind::ShiftOpen:
        return "Shift opened by " + str(x, "name") + " (" + str(x, "role") + ")";
    case EntryKind::ShiftClose: {
        std::string s = "Shift " + seqRef(num(x, "open_seq")) + " closed by " + str(x, "name") + ":";
        if (auto methods = x.find("by_pay_method"); methods != x.end() && methods->is_array()) {
            for (const auto &m : *methods)
                s += " " + str(m, "pay_method") + " top-ups " + amount(num(m, "topups")) + ", sales " +
                     amount(num(m, "purchases")) + ", refunds " + amount(num(m, "refunds")) + ";";
        }
        return s + " bonus " + amount(num(x, "bonus_granted")) + ", points issued " +
               std::to_string(num(x, "points_issued")) + ", redeemed " + std::to_string(num(x, "points_redeemed")) +
               ", adjusted " + std::to_string(num(x, "points_adjusted"));
    }
    case EntryKind::CardAlert:
        if (str(x, "action") == "block")
            return "Card " + e.card.toString().substr(0, 8) + " blocked: " + str(x, "reason");
        return "Card alert: " + str(x, "reason");
    case EntryKind::PinChange:
        return "PIN changed";
    default:
        return std::string(entryKindName(e.kind));
    }
}

} // namespace tapledger
