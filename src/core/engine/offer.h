#pragma once

#include "core/engine/phrasebook.h"

#include <climits>
#include <map>
#include <cstdint>
#include <string>

namespace tapledger {

/// An offer shown to a member, ranked, with a one-line reason. Offers evaluated on the kiosk from
/// the policy (source "kiosk") and offers HQ computes across the membership (source "hq", shipped
/// in the change feed) share this type; accepting either issues what `grant` says.
struct Offer
{
    /// What accepting the offer gives.
    enum class Grant {
        None,    ///< informational (e.g. "your points expire soon")
        Voucher, ///< a voucher of voucherValue off a spend of voucherMinSpend, valid to voucherExpiresMs
        Points,  ///< bonus points
    };

    std::string id;          ///< offer id, unique per source
    int64_t version = 1;     ///< rule or campaign version (>= 1)
    std::string source;      ///< "kiosk" or "hq"
    std::string title;       ///< short title ("Birthday treat"), English as the policy writes it
    std::string reason;      ///< one line, filled in, English ("Happy birthday: a free dessert this week")
    /// The policy's reason with its `{name}` placeholders; "" when `reason` is final (HQ offers).
    std::string reasonTemplate;
    /// Values of reasonTemplate's placeholders ("points", "date", "days", "tier", "category",
    /// "name"); "tier" (a tier name) and "category" are policy words, translated with the rest.
    TemplateArgs reasonArgs;
    int64_t priority = 0;    ///< rank: higher first (HQ sends its own score)
    int64_t validFromMs = 0;          ///< UTC ms; the offer appears from it (HQ offers)
    int64_t validUntilMs = INT64_MAX; ///< UTC ms; the offer disappears after it
    Grant grant = Grant::None;
    std::string voucherRule; ///< policy voucher rule behind the grant ("" for HQ-defined vouchers)
    int64_t voucherValue = 0;    ///< minor units
    int64_t voucherMinSpend = 0; ///< minor units
    int64_t voucherExpiresMs = INT64_MAX; ///< UTC ms
    int64_t points = 0;      ///< for Grant::Points
    int64_t perMemberLimit = 1; ///< acceptances per member, 0 = unlimited
    /// The current span of perMemberLimit for a policy offer with a limit_period: "2026" (year,
    /// or birthday year of a member without birthday), "2026-05" (month), "b2027" (birthday
    /// year); "" = the member's whole life. HQ offers carry HQ's key (`limit_key`).
    std::string limitPeriodKey;
    /// HQ offers: locale ("zh_CN") → English title or reason → its translation (HQ ships its own
    /// texts; the policy's translations do not know them). Empty for kiosk offers.
    std::map<std::string, std::map<std::string, std::string>> translations;

    /// The title in @p book (a policy's translations for one locale; empty = English).
    std::string titleIn(const Phrasebook &book) const { return book.phrase(title); }
    /// The filled reason in @p book: the only place an offer reason is filled (the engine fills
    /// `reason` with an empty, English, phrasebook).
    std::string reasonIn(const Phrasebook &book) const
    {
        if (reasonTemplate.empty())
            return book.phrase(reason);
        TemplateArgs args = reasonArgs;
        for (auto &[name, value] : args) {
            if (name == "tier" || name == "category")
                value = book.phrase(value);
        }
        return fillTemplate(book.phrase(reasonTemplate), args);
    }
};

} // namespace tapledger
