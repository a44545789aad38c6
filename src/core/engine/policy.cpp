#include "core/engine/policy.h"

#include <algorithm>

namespace tapledger {

namespace {
template<typename T, typename Id>
const T *findById(const std::vector<T> &list, const std::string &id, Id idOf)
{
    auto it = std::find_if(list.begin(), list.end(), [&](const T &x) { return idOf(x) == id; });
    return it == list.end() ? nullptr : &*it;
}
} // namespace

const PriceItem *Policy::item(const std::string &sku) const
{
    return findById(priceList, sku, [](const PriceItem &i) { return i.sku; });
}

const Reward *Policy::reward(const std::string &rewardId) const
{
    return findById(rewards, rewardId, [](const Reward &r) { return r.rule.id; });
}

const VoucherRule *Policy::voucherRule(const std::string &ruleId) const
{
    return findById(vouchers, ruleId, [](const VoucherRule &r) { return r.rule.id; });
}

const OfferRule *Policy::offer(const std::string &offerId) const
{
    return findById(offers, offerId, [](const OfferRule &r) { return r.rule.id; });
}

size_t Policy::tierIndex(const std::string &tierId) const
{
    for (size_t i = 0; i < tiers.levels.size(); ++i) {
        if (tiers.levels[i].id == tierId)
            return i;
    }
    return 0;
}

bool Policy::acceptsPayMethod(const std::string &method) const
{
    return method == kPayStoredValue || std::find(payMethods.begin(), payMethods.end(), method) != payMethods.end();
}

const TopUpTier *Policy::topUpTier(int64_t amount) const
{
    const TopUpTier *tier = nullptr;
    for (const auto &t : storedValue.tiers) {
        if (amount >= t.min && (!t.max || amount <= *t.max))
            tier = &t;
    }
    return tier;
}

Phrasebook Policy::phrasebook(const std::string &locale) const
{
    Phrasebook book;
    if (auto it = translations.find(locale); it != translations.end())
        book.addAll(it->second);
    return book;
}

std::set<std::string> Policy::texts() const
{
    std::set<std::string> out(payMethods.begin(), payMethods.end());
    out.insert(feedbackCategories.begin(), feedbackCategories.end());
    for (const auto &o : offers) {
        out.insert(o.title);
        out.insert(o.reason);
    }
    for (const auto &r : rewards)
        out.insert(r.name);
    for (const auto &l : tiers.levels)
        out.insert(l.name);
    for (const auto &i : priceList) {
        out.insert(i.name);
        out.insert(i.category);
    }
    return out;
}

} // namespace tapledger
