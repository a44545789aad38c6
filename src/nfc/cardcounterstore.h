#pragma once

#include "core/uuid.h"

#include <cstdint>
#include <optional>

namespace tapledger::nfc {

/// Last-seen card counters, persisted by the kiosk (e.g. from the ledger's card_states
/// projection): the highest card-state counter this kiosk has accepted or written per card id.
/// A token below it is a rollback (docs/card-format.md "Refusals").
class CardCounterStore
{
public:
    virtual ~CardCounterStore() = default;
    /// The highest counter seen for @p cardId; nullopt when the card was never seen here.
    virtual std::optional<uint32_t> lastSeen(const Uuid &cardId) const = 0;
    /// Records that @p cardId carried (or was written with) @p counter. CardTerminal calls it only
    /// with counters above lastSeen().
    virtual void recordSeen(const Uuid &cardId, uint32_t counter) = 0;
};

} // namespace tapledger::nfc
