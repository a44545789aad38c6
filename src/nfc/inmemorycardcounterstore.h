#pragma once

#include "nfc/cardcounterstore.h"

#include <map>
#include <mutex>

namespace tapledger::nfc {

/// A CardCounterStore in memory (tests, demo); keeps the maximum per card. Thread-safe.
class InMemoryCardCounterStore final : public CardCounterStore
{
public:
    std::optional<uint32_t> lastSeen(const Uuid &cardId) const override;
    /// Keeps the larger of @p counter and the stored value.
    void recordSeen(const Uuid &cardId, uint32_t counter) override;

private:
    mutable std::mutex m_mutex;
    std::map<Uuid, uint32_t> m_counters;
};

} // namespace tapledger::nfc
