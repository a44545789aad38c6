#pragma once

#include "core/result.h"
#include "core/uuid.h"

#include <cstdint>
#include <string>

namespace tapledger {

class Engine;

/// The physical cards of a simulation (`tapledger sim --cards DIR`, docs/sim.md "Card images"):
/// read and written around every card action as a kiosk reads and writes a real card. The engine
/// knows no card format; the CLI implements this over card-state tokens (src/nfc).
class SimCards
{
public:
    virtual ~SimCards() = default;

    /// Before an action naming card @p handle (id @p card): reads and verifies the card's state
    /// and returns its counter for the request's cardCounter. An error refuses the action; for a
    /// refused token the implementation has already recorded the CardAlert entry in @p engine.
    virtual Result<uint32_t> beforeUse(Engine &engine, const std::string &handle, const Uuid &card) = 0;
    /// After the action succeeded: writes the card's new state (counter = the counter on the
    /// entries written since beforeUse; nothing when none carries the card).
    virtual Result<void> afterUse(Engine &engine, const std::string &handle, const Uuid &card) = 0;
    /// Before issue_card: Conflict when the folder already holds card @p handle (a card that is
    /// issued already is not personalised again), InvalidArgument for a handle that is no file name.
    virtual Result<void> canIssue(const std::string &handle) = 0;
    /// After issue_card: writes the image of the new card (state counter 0).
    virtual Result<void> issued(Engine &engine, const std::string &handle, const Uuid &card) = 0;
};

} // namespace tapledger
