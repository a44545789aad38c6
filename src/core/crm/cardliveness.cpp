#include "core/crm/cardliveness.h"

namespace tapledger::crm {

CardLiveness cardLiveness(std::span<const CardUseDay> cards, int64_t asOfDay, int64_t aliveDays)
{
    CardLiveness out;
    out.issued = cards.size();
    for (const CardUseDay &c : cards) {
        if (c.lastUseDay <= asOfDay && c.lastUseDay > asOfDay - aliveDays)
            ++out.alive;
        out.expectedAlive += c.memberPAlive;
    }
    return out;
}

} // namespace tapledger::crm
