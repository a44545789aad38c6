#include "nfc/inmemorycardcounterstore.h"

#include <algorithm>

namespace tapledger::nfc {

std::optional<uint32_t> InMemoryCardCounterStore::lastSeen(const Uuid &cardId) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_counters.find(cardId);
    if (it == m_counters.end())
        return std::nullopt;
    return it->second;
}

void InMemoryCardCounterStore::recordSeen(const Uuid &cardId, uint32_t counter)
{
    std::lock_guard lock(m_mutex);
    auto [it, inserted] = m_counters.try_emplace(cardId, counter);
    if (!inserted)
        it->second = std::max(it->second, counter);
}

} // namespace tapledger::nfc
