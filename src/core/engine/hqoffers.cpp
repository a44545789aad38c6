#include "core/engine/hqoffers.h"

#include "core/engine/policyjson_p.h"

#include <nlohmann/json.hpp>

#include <climits>
#include <set>

namespace tapledger {

Result<std::vector<Offer>> HqOffers::parse(std::string_view offersArrayJson)
{
    const auto j = nlohmann::json::parse(offersArrayJson, nullptr, false);
    if (j.is_discarded() || !j.is_array())
        return fail(ErrorCode::InvalidArgument, "offers: not a JSON array");
    if (j.size() > kMaxOffers)
        return fail(ErrorCode::InvalidArgument, "offers: " + std::to_string(j.size()) + " offers, at most " +
                                                    std::to_string(kMaxOffers) + " per member");
    std::vector<Offer> out;
    std::set<std::string> ids;
    try {
        for (size_t i = 0; i < j.size(); ++i) {
            PolicyJson o(j[i], "offers[" + std::to_string(i) + "]");
            Offer offer;
            offer.source = "hq";
            offer.id = o.ident("id");
            if (!ids.insert(offer.id).second)
                o.defect("id", "'" + offer.id + "' appears twice");
            offer.version = o.integer("version", 1, INT32_MAX);
            offer.title = o.str("title");
            if (offer.title.empty() || offer.title.size() > 80)
                o.defect("title", "must be 1 to 80 bytes");
            offer.reason = o.str("reason");
            if (offer.reason.empty() || offer.reason.size() > 200 || offer.reason.find('\n') != std::string::npos)
                o.defect("reason", "must be one line of 1 to 200 bytes");
            offer.priority = o.integer("priority", INT32_MIN, INT32_MAX);
            offer.validFromMs = o.integer("valid_from_ms", 0, INT64_MAX);
            offer.validUntilMs = o.integer("valid_until_ms", offer.validFromMs, INT64_MAX);
            offer.perMemberLimit = o.integer("per_member_limit", 0, INT32_MAX);
            offer.limitPeriodKey = o.strOr("limit_key", "");
            if (offer.limitPeriodKey.size() > 16 ||
                offer.limitPeriodKey.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz-") != std::string::npos)
                o.defect("limit_key", "must be up to 16 of [0-9a-z-] (\"2026\", \"2026-05\", \"b2027\")");
            PolicyJson g = o.object("grant");
            const auto type = g.choiceOr("type", "", {std::pair{"none", Offer::Grant::None},
                                                      std::pair{"points", Offer::Grant::Points},
                                                      std::pair{"voucher", Offer::Grant::Voucher}});
            offer.grant = type;
            if (type == Offer::Grant::Points) {
                offer.points = g.integer("points", 1, INT32_MAX);
            } else if (type == Offer::Grant::Voucher) {
                offer.voucherValue = g.integer("value", 1, INT64_MAX / 2);
                offer.voucherMinSpend = g.integer("min_spend", 0, INT64_MAX / 2);
                offer.voucherExpiresMs = g.integer("expires_ms", offer.validFromMs, INT64_MAX);
            }
            g.finish();
            offer.translations = o.stringTables("translations");
            for (const auto &[locale, table] : offer.translations) {
                for (const auto &[english, text] : table) {
                    if (english != offer.title && english != offer.reason)
                        o.defect("translations", locale + ": '" + english + "' is neither the title nor the reason");
                }
            }
            o.finish();
            out.push_back(std::move(offer));
        }
    } catch (const PolicyJsonError &e) {
        return fail(ErrorCode::InvalidArgument, e.message);
    }
    return out;
}

std::string HqOffers::toJson(std::span<const Offer> offers)
{
    nlohmann::json out = nlohmann::json::array();
    for (const Offer &o : offers) {
        nlohmann::json grant = {{"type", "none"}};
        if (o.grant == Offer::Grant::Points)
            grant = {{"type", "points"}, {"points", o.points}};
        else if (o.grant == Offer::Grant::Voucher)
            grant = {{"type", "voucher"},
                     {"value", o.voucherValue},
                     {"min_spend", o.voucherMinSpend},
                     {"expires_ms", o.voucherExpiresMs}};
        nlohmann::json j = {{"id", o.id},
                            {"version", o.version},
                            {"title", o.title},
                            {"reason", o.reason},
                            {"priority", o.priority},
                            {"valid_from_ms", o.validFromMs},
                            {"valid_until_ms", o.validUntilMs},
                            {"per_member_limit", o.perMemberLimit},
                            {"grant", std::move(grant)}};
        if (!o.limitPeriodKey.empty())
            j["limit_key"] = o.limitPeriodKey;
        if (!o.translations.empty())
            j["translations"] = o.translations;
        out.push_back(std::move(j));
    }
    return out.dump();
}

} // namespace tapledger
