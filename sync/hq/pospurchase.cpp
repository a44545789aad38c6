#include "sync/hq/pospurchase.h"

#include "core/boundedjson.h"
#include "core/bytes.h"
#include "core/checkedmath.h"
#include "core/crypto/sha256.h"
#include "core/ledger/canonicalcodec.h"
#include "sync/hq/crm/purchasefields.h"

#include <nlohmann/json.hpp>

#include <set>

namespace tapledger::sync {

namespace {
constexpr int64_t kFutureSlackMs = 5 * 60 * 1000;
constexpr size_t kMaxDepth = 8;

Error invalid(const std::string &what)
{
    return fail(ErrorCode::InvalidArgument, what);
}

Result<std::string> text(const nlohmann::json &o, const char *name, bool required)
{
    const auto it = o.find(name);
    if (it == o.end()) {
        if (required)
            return invalid(std::string(name) + " is required");
        return std::string();
    }
    if (!it->is_string())
        return invalid(std::string(name) + " must be a string" +
                       (std::string_view(name) == "amount" ? " (a decimal in major units, \"12.50\")" : ""));
    return it->get<std::string>();
}

Result<void> onlyFields(const nlohmann::json &o, const std::set<std::string> &allowed, const std::string &where)
{
    for (const auto &[k, v] : o.items()) {
        if (!allowed.contains(k))
            return invalid("unknown field '" + k + "'" + where);
    }
    return {};
}

Result<Uuid> uuidField(const std::string &value, const char *name)
{
    auto id = Uuid::parse(value);
    if (!id || id->isNil())
        return invalid(std::string(name) + " '" + value + "' is not a UUID");
    return *id;
}

Result<PosLine> lineOf(const nlohmann::json &l, size_t i, const HqVenue &venue)
{
    const std::string where = " in lines[" + std::to_string(i) + "]";
    const auto at = [&](const Error &e) { return invalid("lines[" + std::to_string(i) + "]: " + e.message); };
    if (!l.is_object())
        return invalid("lines[" + std::to_string(i) + "] must be an object");
    TL_TRY(onlyFields(l, {"category", "sku", "quantity", "amount"}, where));
    PosLine out;
    auto category = text(l, "category", false);
    auto sku = text(l, "sku", false);
    auto amount = text(l, "amount", true);
    for (const auto *r : {&category, &sku, &amount}) {
        if (!*r)
            return at(r->error());
    }
    if (auto ok = PurchaseFields::categoryAndSku(*category, *sku); !ok)
        return at(ok.error());
    auto minor = PurchaseFields::amount(*amount, venue);
    if (!minor)
        return at(minor.error());
    out.category = *category;
    out.sku = *sku;
    out.amountMinor = *minor;
    if (const auto q = l.find("quantity"); q != l.end()) {
        // The import's rule reads the number's text: a JSON integer is written as one.
        auto quantity = PurchaseFields::quantity(q->is_number_integer() ? q->dump() : "not a whole number");
        if (!quantity)
            return at(quantity.error());
        out.quantity = *quantity;
    }
    return out;
}
} // namespace

Result<PosPurchase> PosPurchase::fromJson(std::string_view body, const HqVenue &venue, int64_t nowMs)
{
    const auto parsed = parseBoundedJson(body, kMaxDepth);
    if (!parsed || parsed->is_discarded() || !parsed->is_object())
        return invalid("the body must be one JSON object (docs/pos-api.md)");
    const nlohmann::json &o = *parsed;
    TL_TRY(onlyFields(o, {"receipt", "member", "card", "time", "amount", "lines", "return_of"}, ""));
    PosPurchase p;
    auto receipt = text(o, "receipt", true);
    if (!receipt)
        return std::move(receipt).error();
    if (receipt->empty())
        return invalid("receipt must not be empty");
    TL_TRY(PurchaseFields::receipt(*receipt));
    p.receipt = *receipt;

    const bool byMember = o.contains("member"), byCard = o.contains("card");
    if (byMember == byCard)
        return invalid("name exactly one of member and card");
    auto who = text(o, byMember ? "member" : "card", true);
    if (!who)
        return std::move(who).error();
    if (byMember) {
        TL_TRY(PurchaseFields::memberRef(*who));
        TL_ASSIGN(p.member, uuidField(*who, "member"));
    } else {
        TL_ASSIGN(p.card, uuidField(*who, "card"));
    }

    auto time = text(o, "time", true);
    if (!time)
        return std::move(time).error();
    TL_ASSIGN(p.timeMs, PurchaseFields::time(*time, venue));
    if (p.timeMs > nowMs + kFutureSlackMs)
        return invalid("time '" + *time + "' is in the future");

    auto amount = text(o, "amount", true);
    if (!amount)
        return std::move(amount).error();
    TL_ASSIGN(p.amountMinor, PurchaseFields::amount(*amount, venue));

    if (const auto lines = o.find("lines"); lines != o.end()) {
        if (!lines->is_array() || lines->size() > kMaxLines)
            return invalid("lines must be an array of at most " + std::to_string(kMaxLines) + " lines");
        int64_t sum = 0;
        for (size_t i = 0; i < lines->size(); ++i) {
            auto line = lineOf((*lines)[i], i, venue);
            if (!line)
                return std::move(line).error();
            TL_ASSIGN(sum, checkedAdd(sum, line->amountMinor, "the lines' total"));
            p.lines.push_back(std::move(*line));
        }
        if (!p.lines.empty() && sum != p.amountMinor)
            return invalid("the lines add up to " + std::to_string(sum) + " minor units, amount is " +
                           std::to_string(p.amountMinor));
    }

    auto returnOf = text(o, "return_of", false);
    if (!returnOf)
        return std::move(returnOf).error();
    if (o.contains("return_of") && returnOf->empty())
        return invalid("return_of must not be empty");
    TL_TRY(PurchaseFields::receipt(*returnOf));
    if (*returnOf == p.receipt)
        return invalid("a return needs its own receipt id, not the one of the purchase it returns");
    p.returnOf = *returnOf;

    auto canonical = CanonicalCodec::canonicalJson(body);
    if (!canonical)
        return invalid("the body must be one JSON object (docs/pos-api.md)");
    p.digest = toHex(sha256(asBytes(*canonical)));
    return p;
}

} // namespace tapledger::sync
