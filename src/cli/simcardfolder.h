#pragma once

#include "core/engine/manualclock.h"
#include "core/engine/simcards.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace tapledger::cli {

/// `tapledger sim --cards DIR`: one JSON image per card handle (DIR/<handle>.json, docs/sim.md
/// "Card images") that the simulated kiosk reads and writes as it would a real card. Before a
/// card action the signed card-state token is verified (nfc::CardStateVerifier; trusted: this
/// kiosk's device key and the fleet's active keys from HQ; rollback against the highest counter
/// in this kiosk's ledger); a refused token records a CardAlert entry and refuses the action.
/// After the action a new token (counter of the entries written, balances, ledger seq, signed
/// with the device key) replaces the image atomically. Copying an image to another folder is a clone.
class SimCardFolder final : public SimCards
{
public:
    /// Format tag of an image file.
    static constexpr const char *kFormat = "tapledger-sim-card/1";

    /// Over the existing folder @p dir; timestamps from @p clock (outlives the folder).
    SimCardFolder(std::filesystem::path dir, const ManualClock &clock) : m_dir(std::move(dir)), m_clock(clock) {}

    Result<uint32_t> beforeUse(Engine &engine, const std::string &handle, const Uuid &card) override;
    Result<void> afterUse(Engine &engine, const std::string &handle, const Uuid &card) override;
    Result<void> canIssue(const std::string &handle) override;
    Result<void> issued(Engine &engine, const std::string &handle, const Uuid &card) override;

    /// The NFC UID a simulated card with @p handle has (first 7 bytes of SHA-256 of its name).
    static std::array<uint8_t, 7> uidFor(const std::string &handle);

private:
    Result<std::filesystem::path> imagePath(const std::string &handle) const;
    /// Signs and writes the state of @p card: @p counter, balances of its member, @p ledgerSeq.
    Result<void> write(Engine &engine, const std::string &handle, const Uuid &card, uint32_t counter,
                       uint64_t ledgerSeq);

    std::filesystem::path m_dir;
    const ManualClock &m_clock;
    std::map<std::string, uint64_t> m_sizeBefore; ///< ledger size at beforeUse, per handle
};

} // namespace tapledger::cli
