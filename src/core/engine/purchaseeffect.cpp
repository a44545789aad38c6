#include "core/engine/purchaseeffect.h"

#include "core/engine/entryextra_p.h"

namespace tapledger {

Result<std::optional<PurchaseEffect>> purchaseEffect(const LedgerEntry &e)
{
    if ((e.kind != EntryKind::Purchase && e.kind != EntryKind::Pay && e.kind != EntryKind::Return) || e.member.isNil())
        return std::optional<PurchaseEffect>{};
    auto parsed = extra::cached(e);
    if (!parsed)
        return std::move(parsed).error();
    const nlohmann::json &x = **parsed;
    PurchaseEffect out;
    out.isReturn = e.kind == EntryKind::Return;
    out.amountMinor = extra::num(x, "amount");
    if (out.amountMinor < 0)
        return fail(ErrorCode::Corrupt, "seq " + std::to_string(e.seq) + ": negative purchase amount");
    const auto items = x.find("items");
    if (items != x.end() && items->is_array()) {
        for (const auto &item : *items) {
            if (item.is_object())
                out.items.push_back({extra::str(item, "sku"), extra::str(item, "category"), extra::num(item, "quantity"),
                                     extra::num(item, "amount")});
        }
    }
    return std::optional<PurchaseEffect>{std::move(out)};
}

} // namespace tapledger
