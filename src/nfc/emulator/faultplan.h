#pragma once

#include "core/bytes.h"
#include "nfc/emulator/desfireemulator.h"

#include <cstdint>
#include <functional>
#include <optional>

namespace tapledger::nfc {

/// Faults the emulated reader injects into the card exchange (tearing and transmission tests).
/// Counting starts when the fault is armed and covers card commands (APDUs) only.
struct Pn532Fault
{
    uint64_t removeAfter = 0;     ///< card leaves the field after this many card commands; 0 = never
    bool loseLastAnswer = false;  ///< with removeAfter: the card executes command N but its answer is lost
    uint64_t corruptAnswer = 0;   ///< flip one bit in the answer to this card command (1-based); 0 = never
};

/// Delivers card commands to an emulated DESFire card under an armed Pn532Fault; shared by the
/// emulated PN532 (InDataExchange) and the in-process EmulatedCardReader, so both tear a card at
/// exactly the same command. Not thread-safe: the owner's lock covers it.
class FaultPlan
{
public:
    /// What happened to one command.
    struct Exchange
    {
        std::optional<Bytes> answer; ///< the card's answer; nullopt when it was lost
        bool removeCard = false;     ///< the card must leave the field now
    };

    /// Arms @p fault and restarts the command count.
    void arm(const Pn532Fault &fault) noexcept
    {
        m_fault = fault;
        m_commands = 0;
    }
    /// Restarts the command count (a card was presented).
    void restartCount() noexcept { m_commands = 0; }
    /// Card commands delivered since the last arm() / restartCount().
    uint64_t commands() const noexcept { return m_commands; }

    /// Runs @p apdu on @p card, then applies the fault; calls @p changed (if set) when the card's
    /// non-volatile content changed.
    Exchange exchange(DesfireEmulator &card, ByteView apdu, const std::function<void(const DesfireEmulator &)> &changed);

private:
    Pn532Fault m_fault;
    uint64_t m_commands = 0;
};

} // namespace tapledger::nfc
